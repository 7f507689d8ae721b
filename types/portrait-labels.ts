/**
 * Portrait labels shared by client and server. Plain data in a file of its own: the client
 * imports it as a value, and types/portrait.ts (TypeBox) must stay a type-only import there.
 */
export const COURSE_TYPE_LABELS = { required: '必修', elective: '选修', general: '通识' } as const;
export const WARNING_LABELS = { academic: '学业预警', lost_contact: '失联预警', poverty: '贫困关注' } as const;
export const WARNING_LEVEL_LABELS = { yellow: '黄色', orange: '橙色', red: '红色' } as const;

/**
 * Aggregates over fewer people than this are withheld (null, or empty distributions): in a group of
 * three, an average or a distribution tells an admin what one student scored.
 */
export const MIN_GROUP_SIZE = 5;
