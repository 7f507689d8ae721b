/**
 * Micro-app engine contract (issue 5): the definition document a school writes for each
 * micro-app, and the HTTP shapes of the engine. The client imports this file type-only
 * (`import type ... from '@contract/microapp'`), so no TypeBox code reaches the mini-programs;
 * the server uses the TypeBox schemas at run time for route validation and OpenAPI.
 *
 * ─── Endpoints (all JSON, all require `Authorization: Bearer <accessToken>`) ──────────────────
 * Definitions (server/src/modules/microapps)
 *   GET  /api/microapps                                → MicroAppList (published apps the caller may use)
 *   GET  /api/microapps/:key                           → DefinitionResponse (latest published version)
 *   GET  /api/microapps/:key/versions/:version         → DefinitionResponse (any version that was ever published; a
 *                                                        running request renders with its own version)
 *   POST /api/microapps/:key/requests                  body SubmitBody → 201 RequestDetail
 *                                                        (same idempotencyKey again → 200 with the SAME request;
 *                                                        bad values → 400 VALIDATION_FAILED, fields[] names each field
 *                                                        as `/values/<key>` or `/values/<table>/<row>/<col>`)
 *   GET  /api/microapps/locations?scope=dorm|teaching  → LocationBuildingList   (campus location widget, level 1)
 *   GET  /api/microapps/locations/:buildingId/rooms    → LocationRoomList       (level 2)
 *   GET  /api/microapps/people?q=&role=                → PersonPickList (person picker; staff only in results)
 *   GET  /api/microapps/:key/stats                     → AppStats (dispatcher / admin: open & overdue by group,
 *                                                        average time to complete, average rating)
 *   GET  /api/microapps/:key/tickets?status=open|overdue|completed&field=&value=&limit=
 *                                                      → TaskBoxPage: that app's requests the caller takes part in
 *                                                        (the dispatcher holds a task on every 报修), newest first,
 *                                                        filtered by a stats group (e.g. field=location value=东区1栋)
 * Admin (admin role)
 *   POST /api/admin/microapps/validate                 body { definition } → ValidateResponse (200 even when invalid)
 *   POST /api/admin/microapps                          body { definition } → 201 AdminVersion (a new DRAFT version;
 *                                                        invalid definition → 400 VALIDATION_FAILED with fields[]
 *                                                        `/flow/nodes/2/assignee/field`-style paths)
 *   POST /api/admin/microapps/:key/versions/:version/publish → AdminVersion (becomes the latest published)
 *   GET  /api/admin/microapps/:key/versions            → AdminVersionList
 * Uploads (image / file fields)
 *   POST /api/uploads                                  multipart/form-data, one part named `file`
 *                                                        → 201 UploadedFile (images ≤ 5 MB, files ≤ 10 MB → 413
 *                                                        PAYLOAD_TOO_LARGE; other types → 400)
 *   GET  /api/uploads/:id/content?exp=&sig=            → the bytes (signed URL, no Authorization header needed, so
 *                                                        <Image src> works in mini-programs). `UploadedFile.url`
 *                                                        is such a URL, re-signed in each response.
 * Workflow (server/src/modules/workflow)
 *   GET  /api/workflow/requests/:id                    → RequestDetail (applicant, current / past assignees, CC'd
 *                                                        people only; others 403)
 *   POST /api/workflow/requests/:id/actions            body RequestActionBody → RequestDetail
 *                                                        withdraw (applicant, while running/returned), urge (applicant,
 *                                                        429 RATE_LIMITED more than once per 10 min), resubmit
 *                                                        (applicant, status `returned`, with values), comment (any
 *                                                        participant)
 *   POST /api/workflow/tasks/:taskId/actions           body TaskActionBody → RequestDetail
 *                                                        approve / reject / transfer / comment on an OPEN task the
 *                                                        caller is assigned. Already handled (another approver or a
 *                                                        double tap) → 409 CONFLICT "该任务已被处理"
 *   POST /api/workflow/tasks/batch                     body BatchTaskActionBody → BatchTaskActionResponse
 *   GET  /api/workflow/tasks?box=todo|done|mine|cc&cursor=&limit= → TaskBoxPage
 *                                                        todo: my open tasks; done: tasks I handled; mine: requests I
 *                                                        started; cc: requests I was copied on
 *   GET  /api/workflow/counts                          → TaskBoxCounts (badges)
 * Messages (server/src/modules/messages)
 *   GET  /api/messages?cursor=&limit=                  → MessagePage (my inbox, newest first)
 *   POST /api/messages/:id/read                        → { ok: true }
 *
 * Conventions: times are ISO-8601 UTC strings. Errors are the usual `{code, message, fields?}`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ROLES, type Platform, type Role } from './roles';

// ─── Rules: JSON-logic style expressions, interpreted (never compiled) ─────────────────────────

/**
 * A JSON-logic expression (https://jsonlogic.com subset): `{"==": [{"var": "category"}, "水电"]}`.
 * Operators: var, missing, ==, !=, ===, !==, <, <=, >, >=, !, !!, and, or, if, in, +, -, *, /, %,
 * min, max, cat, some, all, none. `var` reads the rule context (RuleContext).
 */
export type RuleExpr = string | number | boolean | null | RuleExpr[] | { [operator: string]: RuleExpr };

/**
 * What `var` sees: the form's current values by field key, plus `$applicant` (the person the
 * request is for), `$node` (the current node id, in step forms) and, in step forms, `$request`
 * (the values of earlier forms, by field key).
 */
export interface RuleContext {
  [fieldKey: string]: unknown;
  $applicant?: ApplicantContext;
  $node?: string;
  $request?: Record<string, unknown>;
}

export interface ApplicantContext {
  id: string;
  name: string;
  kind: 'student' | 'staff' | 'parent';
  roles: Role[];
  collegeId?: string;
  className?: string;
  department?: string;
  mobile?: string;
  /** the student's dorm as a campus-location value, for "location prefilled from the dorm" */
  dorm?: LocationValue;
}

// ─── Metadata: the data model ──────────────────────────────────────────────────────────────────

// the list lives apart from the TypeBox schemas so the client's core can import it at run time
export { FIELD_TYPES } from './microapp-fields';
import type { FIELD_TYPES } from './microapp-fields';
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldOption {
  value: string;
  label: string;
  /** two-level selects (报修 category): the second level's options */
  children?: FieldOption[];
}

/**
 * One field of the data model. Constraints by type:
 * - text/textarea: minLength, maxLength, pattern (a RegExp source, no flags)
 * - number: min, max, integer
 * - select/radio: options (value must be one of them; with `children`, the value is
 *   `"parent/child"`, e.g. `"水电/水龙头"`)
 * - multiselect/checkbox: options, minItems, maxItems
 * - date/datetime/time/daterange: min, max as strings of the same format (`daterange` with
 *   `withTime: true` holds datetimes)
 * - region: `level` 1–3 (province / city / district), default 3
 * - location: `scope` dorm | teaching, `level` 'building' | 'room' (default room)
 * - person: `role` the person must hold (picker filter and server check)
 * - image/file: minItems, maxItems, `maxSizeKb` per item, `accept` mime prefixes for files
 * - rating: `max` stars (default 5); value 1..max
 * - table: `columns` (fields, not nested tables), minItems, maxItems
 */
export interface DataField {
  key: string;
  type: FieldType;
  label: string;
  /** statically required; see FormItem.requiredWhen for conditional required-ness */
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** a Chinese message shown when `pattern` does not match */
  patternMessage?: string;
  min?: number | string;
  max?: number | string;
  integer?: boolean;
  options?: FieldOption[];
  minItems?: number;
  maxItems?: number;
  maxSizeKb?: number;
  accept?: string[];
  withTime?: boolean;
  level?: number | 'building' | 'room';
  scope?: 'dorm' | 'teaching';
  role?: Role;
  columns?: DataField[];
}

export interface Metadata {
  fields: DataField[];
}

// ─── Values, by field type ─────────────────────────────────────────────────────────────────────

/** location: building → room from the campus data */
export interface LocationValue {
  buildingId: string;
  buildingName: string;
  roomId?: string;
  roomName?: string;
}
/** daterange */
export interface RangeValue {
  start: string;
  end: string;
}
/** person */
export interface PersonValue {
  id: string;
  name: string;
}
/** image / file items: the client uploads first (POST /api/uploads) and submits these */
export interface FileValue {
  id: string;
  name: string;
  size: number;
  mime: string;
  /** filled by the server in responses (a signed URL); ignored on submit */
  url?: string;
}
/**
 * text/textarea/phone/select/radio/date/datetime/time → string; number/rating → number;
 * multiselect/checkbox → string[]; switch → boolean; region → string[] (names, province first);
 * location → LocationValue; daterange → RangeValue; person → PersonValue; image/file → FileValue[];
 * table → Array<Record<columnKey, FieldValue>>. Empty = absent, '' or [].
 */
export type FieldValue =
  | string
  | number
  | boolean
  | string[]
  | LocationValue
  | RangeValue
  | PersonValue
  | FileValue[]
  | Array<Record<string, unknown>>
  | null;
export type FormValues = Record<string, unknown>;

// ─── Forms: layout and widgets per step ────────────────────────────────────────────────────────

export interface FieldItem {
  kind?: 'field';
  /** a key of metadata.fields */
  field: string;
  /** widget hint, e.g. 'stepper' for number, 'picker' for select; the runner picks a default */
  widget?: string;
  placeholder?: string;
  help?: string;
  /** hidden (and neither validated nor submitted) unless the rule is truthy */
  visibleWhen?: RuleExpr;
  /** required when the rule is truthy (in addition to DataField.required) */
  requiredWhen?: RuleExpr;
  /** the initial value: a literal, or `{"rule": <RuleExpr>}` evaluated once when the form opens */
  default?: unknown;
  readonly?: boolean;
}
export interface StaticItem {
  kind: 'static';
  text: string;
  /** 'tip' | 'warning' | 'title' */
  style?: string;
  visibleWhen?: RuleExpr;
}
export type FormItem = FieldItem | StaticItem;

export interface FormDefinition {
  title?: string;
  items: FormItem[];
  submitText?: string;
}

// ─── Flow ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Who gets a task:
 * - counselor: the counselor of the applicant's class
 * - collegeLeader: the leader of the applicant's college (students: their college; staff: theirs)
 * - role: everyone holding a fixed role (e.g. dispatcher)
 * - field: the person chosen in an earlier step (a `person` field of any earlier form)
 * - applicant: the applicant (to confirm, rate, ...)
 * - people: fixed people by 工号 (a building's manager, the motor pool)
 */
export type AssigneeRule =
  | { kind: 'counselor' }
  | { kind: 'collegeLeader' }
  | { kind: 'role'; role: Role }
  | { kind: 'field'; field: string }
  | { kind: 'applicant' }
  | { kind: 'people'; numbers: string[] };

/**
 * What happens when a node's task has been open `hours`:
 * - remind: an inbox / push reminder to the assignees (once)
 * - escalate: notify `to` (e.g. the dispatcher: an overdue ticket) and flag the task overdue
 * - autoComplete: the engine performs `action` (default approve) as the system
 */
export interface NodeTimeout {
  hours: number;
  action: 'remind' | 'escalate' | 'autoComplete';
  to?: AssigneeRule;
  autoAction?: 'approve' | 'reject';
  comment?: string;
}

export interface NodeBase {
  id: string;
  name: string;
}
export interface StartNode extends NodeBase {
  type: 'start';
  /** key of forms: the applicant's form */
  form: string;
  next: string;
}
/**
 * approval: approve / reject decides. task: a handling task (e.g. the worker's repair), usually
 * with its own form; its "approve" means "done". Both share the same options.
 */
export interface TaskNodeBase extends NodeBase {
  assignee: AssigneeRule;
  /** or-sign (any one decides, default) or countersign (all must approve; one reject rejects) */
  mode?: 'any' | 'all';
  /** key of forms filled in when approving (e.g. 'assign' for the dispatcher, 'complete') */
  form?: string;
  next: string;
  /** where reject may send the request: 'applicant' (default) and/or earlier node ids */
  rejectTo?: string[];
  timeouts?: NodeTimeout[];
  /** labels shown on the action buttons */
  approveText?: string;
  rejectText?: string;
  /** disallow transfer (转办) on this node */
  noTransfer?: boolean;
}
export interface ApprovalNode extends TaskNodeBase {
  type: 'approval';
}
export interface HandleNode extends TaskNodeBase {
  type: 'task';
}
export interface CcNode extends NodeBase {
  type: 'cc';
  assignee: AssigneeRule;
  next: string;
}
export interface ConditionNode extends NodeBase {
  type: 'condition';
  /** evaluated in order against the start form's values (+ $applicant, $request); first truthy wins */
  branches: { when: RuleExpr; next: string }[];
  default: string;
}
export interface EndNode extends NodeBase {
  type: 'end';
}
export type FlowNode = StartNode | ApprovalNode | HandleNode | CcNode | ConditionNode | EndNode;
export type FlowNodeType = FlowNode['type'];

export interface Flow {
  nodes: FlowNode[];
}

// ─── Publish ───────────────────────────────────────────────────────────────────────────────────

export interface PublishSettings {
  /** who may start a request */
  roles: Role[];
  platforms: Platform[];
  /** catalog service ids that open this micro-app (kind 'microapp', target = key) */
  services?: string[];
}

/** Summary line of a request in lists: a template over start-form values, `{{category}} · {{location}}` */
export interface Presentation {
  title?: string;
  /** stats grouping for the dispatcher view: field keys (location groups by building) */
  statsGroupBy?: string[];
  /** the rating field whose average is reported */
  ratingField?: string;
}

/** The whole document. `version` is assigned by the server. */
export interface MicroAppDefinition {
  key: string;
  name: string;
  description?: string;
  icon?: string;
  version?: number;
  metadata: Metadata;
  forms: Record<string, FormDefinition>;
  flow: Flow;
  publish: PublishSettings;
  presentation?: Presentation;
}

/** A definition problem: path like `/flow/nodes/2/assignee/field` and a Chinese message. */
export interface DefinitionIssue {
  field: string;
  message: string;
}

// ─── HTTP shapes (TypeBox: validated on the server, imported as types by the client) ──────────

/** The definition document travels as a JSON object validated by the shared core, not TypeBox. */
export const DefinitionDocSchema = Type.Unsafe<MicroAppDefinition>(
  Type.Object({}, { additionalProperties: true, description: '微应用定义（由 src/lowcode/core 校验）' }),
);

export const MicroAppKeyParamsSchema = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9-]*$' }),
});
export const MicroAppVersionParamsSchema = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9-]*$' }),
  version: Type.Integer({ minimum: 1 }),
});

export const DefinitionResponseSchema = Type.Object({
  key: Type.String(),
  version: Type.Integer(),
  publishedAt: Type.String(),
  definition: DefinitionDocSchema,
  /** the caller's context for default rules (`$applicant`) */
  applicant: Type.Unsafe<ApplicantContext>(Type.Object({}, { additionalProperties: true })),
});
export type DefinitionResponse = Static<typeof DefinitionResponseSchema>;

export const MicroAppSummarySchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  description: Type.Optional(Type.String()),
  icon: Type.Optional(Type.String()),
  version: Type.Integer(),
});
export type MicroAppSummary = Static<typeof MicroAppSummarySchema>;
export const MicroAppListSchema = Type.Object({ apps: Type.Array(MicroAppSummarySchema) });
export type MicroAppList = Static<typeof MicroAppListSchema>;

const Values = Type.Record(Type.String(), Type.Unknown());

export const SubmitBodySchema = Type.Object(
  {
    /** client-generated, unique per submission attempt (e.g. uuid made when the form opens) */
    idempotencyKey: Type.String({ minLength: 8, maxLength: 64 }),
    /** the version the form was rendered from; default: latest published */
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    values: Values,
  },
  { additionalProperties: false },
);
export type SubmitBody = Static<typeof SubmitBodySchema>;

export const PersonRefSchema = Type.Object({ id: Type.String(), name: Type.String() });
export type PersonRef = Static<typeof PersonRefSchema>;

/** Who the `collegeLeader` assignee rule resolves to, per college (admin-managed). */
export const CollegeLeaderSchema = Type.Object({
  collegeId: Type.String(),
  collegeName: Type.String(),
  leader: Type.Union([PersonRefSchema, Type.Null()]),
});
export type CollegeLeader = Static<typeof CollegeLeaderSchema>;
export const CollegeLeaderListSchema = Type.Object({ colleges: Type.Array(CollegeLeaderSchema) });
export const CollegeIdParamsSchema = Type.Object({ collegeId: Type.String({ minLength: 1, maxLength: 64 }) });
export const CollegeLeaderBodySchema = Type.Object({ personId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

export const REQUEST_STATUSES = ['running', 'returned', 'completed', 'withdrawn'] as const;
/** running: in the flow; returned: rejected to the applicant (may resubmit or withdraw) */
export const RequestStatusSchema = Type.Union(REQUEST_STATUSES.map((s) => Type.Literal(s)));
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const TASK_ACTIONS = ['approve', 'reject', 'transfer', 'comment'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];
export const REQUEST_ACTIONS = ['withdraw', 'urge', 'resubmit', 'comment'] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** every kind of timeline entry */
export const TIMELINE_ACTIONS = [
  'submit',
  'approve',
  'reject',
  'transfer',
  'comment',
  'withdraw',
  'urge',
  'resubmit',
  'cc',
  'remind',
  'escalate',
  'auto',
  'complete',
] as const;
export type TimelineAction = (typeof TIMELINE_ACTIONS)[number];

export const TimelineEntrySchema = Type.Object({
  id: Type.String(),
  action: Type.Union(TIMELINE_ACTIONS.map((a) => Type.Literal(a))),
  /** absent for the system (timeouts) */
  actor: Type.Optional(PersonRefSchema),
  nodeId: Type.Optional(Type.String()),
  nodeName: Type.Optional(Type.String()),
  comment: Type.Optional(Type.String()),
  /** transfer target, CC'd people, reject target node name... */
  targets: Type.Optional(Type.Array(PersonRefSchema)),
  toNodeName: Type.Optional(Type.String()),
  attachments: Type.Optional(Type.Array(Type.Unsafe<FileValue>(Type.Object({}, { additionalProperties: true })))),
  /** the step form's values submitted with this action (e.g. the completion report) */
  values: Type.Optional(Values),
  at: Type.String(),
});
export type TimelineEntry = Static<typeof TimelineEntrySchema>;

export const TaskSchema = Type.Object({
  id: Type.String(),
  requestId: Type.String(),
  nodeId: Type.String(),
  nodeName: Type.String(),
  nodeType: Type.Union([Type.Literal('approval'), Type.Literal('task')]),
  assignee: PersonRefSchema,
  status: Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('cancelled')]),
  /** what the assignee did (done tasks) */
  outcome: Type.Optional(Type.String()),
  createdAt: Type.String(),
  dueAt: Type.Optional(Type.String()),
  overdue: Type.Boolean(),
  completedAt: Type.Optional(Type.String()),
});
export type Task = Static<typeof TaskSchema>;

export const CurrentNodeSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: Type.String(),
  assignees: Type.Array(PersonRefSchema),
});

export const RequestDetailSchema = Type.Object({
  id: Type.String(),
  appKey: Type.String(),
  appName: Type.String(),
  /** the definition version this request runs on (pinned at submit) */
  version: Type.Integer(),
  title: Type.String(),
  status: RequestStatusSchema,
  applicant: PersonRefSchema,
  /** the start form's values (files carry signed urls) */
  values: Values,
  /** values of step forms, by node id (the dispatcher's assignment, the completion report...) */
  nodeValues: Type.Record(Type.String(), Values),
  currentNodes: Type.Array(CurrentNodeSchema),
  timeline: Type.Array(TimelineEntrySchema),
  /** the caller's open tasks on this request, with what they may do */
  myTasks: Type.Array(
    Type.Object({
      task: TaskSchema,
      actions: Type.Array(Type.Union(TASK_ACTIONS.map((a) => Type.Literal(a)))),
      /** key into definition.forms of the form to fill when approving */
      form: Type.Optional(Type.String()),
      /** reject targets: 'applicant' and/or node ids with names */
      rejectTo: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
    }),
  ),
  /** request-level actions the caller may take now */
  actions: Type.Array(Type.Union(REQUEST_ACTIONS.map((a) => Type.Literal(a)))),
  /** the definition of `version`, so the client can render labels and step forms */
  definition: DefinitionDocSchema,
  createdAt: Type.String(),
  updatedAt: Type.String(),
  completedAt: Type.Optional(Type.String()),
});
export type RequestDetail = Static<typeof RequestDetailSchema>;

export const RequestIdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const TaskIdParamsSchema = Type.Object({ taskId: Type.String({ minLength: 1, maxLength: 64 }) });

const Comment = Type.String({ maxLength: 500 });
const FileIds = Type.Array(Type.Unsafe<FileValue>(Type.Object({ id: Type.String() }, { additionalProperties: true })), {
  maxItems: 9,
});

export const TaskActionBodySchema = Type.Object(
  {
    action: Type.Union(TASK_ACTIONS.map((a) => Type.Literal(a))),
    comment: Type.Optional(Comment),
    attachments: Type.Optional(FileIds),
    /** approve: the node's form values (validated against definition.forms[node.form]) */
    values: Type.Optional(Values),
    /** reject: 'applicant' (default) or an earlier node id from myTasks[].rejectTo */
    toNodeId: Type.Optional(Type.String({ maxLength: 64 })),
    /** transfer: the person id to hand the task to */
    transferTo: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type TaskActionBody = Static<typeof TaskActionBodySchema>;

export const RequestActionBodySchema = Type.Object(
  {
    action: Type.Union(REQUEST_ACTIONS.map((a) => Type.Literal(a))),
    comment: Type.Optional(Comment),
    attachments: Type.Optional(FileIds),
    /** resubmit: the corrected start-form values */
    values: Type.Optional(Values),
  },
  { additionalProperties: false },
);
export type RequestActionBody = Static<typeof RequestActionBodySchema>;

export const BatchTaskActionBodySchema = Type.Object(
  {
    taskIds: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 50 }),
    action: Type.Literal('approve'),
    comment: Type.Optional(Comment),
  },
  { additionalProperties: false },
);
export type BatchTaskActionBody = Static<typeof BatchTaskActionBodySchema>;
export const BatchTaskActionResponseSchema = Type.Object({
  results: Type.Array(
    Type.Object({
      taskId: Type.String(),
      ok: Type.Boolean(),
      code: Type.Optional(Type.String()),
      message: Type.Optional(Type.String()),
    }),
  ),
});
export type BatchTaskActionResponse = Static<typeof BatchTaskActionResponseSchema>;

export const TASK_BOXES = ['todo', 'done', 'mine', 'cc'] as const;
export type TaskBox = (typeof TASK_BOXES)[number];

export const TaskBoxQuerySchema = Type.Object(
  {
    box: Type.Union(TASK_BOXES.map((b) => Type.Literal(b))),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    appKey: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9-]*$' })),
  },
  { additionalProperties: false },
);
export type TaskBoxQuery = Static<typeof TaskBoxQuerySchema>;

export const TaskBoxItemSchema = Type.Object({
  requestId: Type.String(),
  appKey: Type.String(),
  appName: Type.String(),
  title: Type.String(),
  status: RequestStatusSchema,
  applicant: PersonRefSchema,
  /** names of the nodes the request is waiting on */
  currentNodeNames: Type.Array(Type.String()),
  /** todo / done: the task */
  task: Type.Optional(TaskSchema),
  /** an open task of the request is past its deadline (or was escalated) */
  overdue: Type.Optional(Type.Boolean()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type TaskBoxItem = Static<typeof TaskBoxItemSchema>;

export const TaskBoxPageSchema = Type.Object({
  items: Type.Array(TaskBoxItemSchema),
  nextCursor: Type.Optional(Type.String()),
});
export type TaskBoxPage = Static<typeof TaskBoxPageSchema>;

export const TaskBoxCountsSchema = Type.Object({
  todo: Type.Integer(),
  done: Type.Integer(),
  mine: Type.Integer(),
  cc: Type.Integer(),
  /** my requests still running or returned */
  mineOpen: Type.Integer(),
  /** CC entries I have not opened */
  ccUnread: Type.Integer(),
});
export type TaskBoxCounts = Static<typeof TaskBoxCountsSchema>;

/** GET /api/microapps/:key/tickets — the dispatcher's list; `field` + `value` as /stats groups them */
export const TicketQuerySchema = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('overdue'), Type.Literal('completed')])),
    field: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_]*$' })),
    value: Type.Optional(Type.String({ minLength: 1, maxLength: 50, pattern: '^[^\\u0000-\\u001f]+$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  // a group is a field and a value: one without the other is a 400
  { additionalProperties: false, dependencies: { field: ['value'], value: ['field'] } },
);
export type TicketQuery = Static<typeof TicketQuerySchema>;

export const LocationScopeQuerySchema = Type.Object(
  { scope: Type.Optional(Type.Union([Type.Literal('dorm'), Type.Literal('teaching')])) },
  { additionalProperties: false },
);
export const LocationBuildingListSchema = Type.Object({
  buildings: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), scope: Type.Union([Type.Literal('dorm'), Type.Literal('teaching')]) }),
  ),
});
export type LocationBuildingList = Static<typeof LocationBuildingListSchema>;
export const BuildingIdParamsSchema = Type.Object({ buildingId: Type.String({ minLength: 1, maxLength: 64 }) });
export const LocationRoomListSchema = Type.Object({
  rooms: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
});
export type LocationRoomList = Static<typeof LocationRoomListSchema>;

export const PersonPickQuerySchema = Type.Object(
  {
    /** a name fragment or a 工号: Chinese, letters, digits */
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 20, pattern: '^[\\u4e00-\\u9fa5A-Za-z0-9·]+$' })),
    role: Type.Optional(Type.Union(ROLES.map((r) => Type.Literal(r)))),
  },
  { additionalProperties: false },
);
export const PersonPickListSchema = Type.Object({
  people: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      department: Type.Optional(Type.String()),
      title: Type.Optional(Type.String()),
    }),
  ),
});
export type PersonPickList = Static<typeof PersonPickListSchema>;

export const UploadedFileSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  size: Type.Integer(),
  mime: Type.String(),
  url: Type.String(),
});
export type UploadedFile = Static<typeof UploadedFileSchema>;
/** POST /api/uploads/urls: fresh signed links for one's own uploads (e.g. a draft's photos) */
export const FreshUrlsBodySchema = Type.Object({ ids: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 50, uniqueItems: true }) }, { additionalProperties: false });
export const FreshUrlsSchema = Type.Object({ files: Type.Array(Type.Object({ id: Type.String(), url: Type.String() })) });
export type FreshUrls = Static<typeof FreshUrlsSchema>;

export const AppStatsSchema = Type.Object({
  open: Type.Integer(),
  overdue: Type.Integer(),
  completed: Type.Integer(),
  /** hours from submit to completion, over completed requests; absent when none */
  averageHoursToComplete: Type.Optional(Type.Number()),
  averageRating: Type.Optional(Type.Number()),
  groups: Type.Array(
    Type.Object({ field: Type.String(), value: Type.String(), open: Type.Integer(), overdue: Type.Integer() }),
  ),
});
export type AppStats = Static<typeof AppStatsSchema>;

export const DefinitionBodySchema = Type.Object({ definition: DefinitionDocSchema }, { additionalProperties: false });
export const ValidateResponseSchema = Type.Object({
  ok: Type.Boolean(),
  issues: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
});
export type ValidateResponse = Static<typeof ValidateResponseSchema>;
export const AdminVersionSchema = Type.Object({
  key: Type.String(),
  version: Type.Integer(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('superseded')]),
  createdAt: Type.String(),
  publishedAt: Type.Optional(Type.String()),
});
export type AdminVersion = Static<typeof AdminVersionSchema>;
export const AdminVersionListSchema = Type.Object({ versions: Type.Array(AdminVersionSchema) });

export const MessageSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  /** a page path to open, e.g. `/packages/microapp/pages/detail/index?id=...` */
  link: Type.Optional(Type.String()),
  requestId: Type.Optional(Type.String()),
  read: Type.Boolean(),
  createdAt: Type.String(),
});
export type Message = Static<typeof MessageSchema>;
export const MessagePageSchema = Type.Object({
  items: Type.Array(MessageSchema),
  unread: Type.Integer(),
  nextCursor: Type.Optional(Type.String()),
});
export type MessagePage = Static<typeof MessagePageSchema>;
export const MessageIdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
/** an opaque cursor from a previous page */
const Cursor = Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' });

export const PageQuerySchema = Type.Object(
  {
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
);
export const OkSchema = Type.Object({ ok: Type.Literal(true) });
/** POST /api/messages/read-all: how many of the asker's messages it marked read */
export const ReadAllResultSchema = Type.Object({ ok: Type.Literal(true), read: Type.Integer({ minimum: 0 }) });
export type ReadAllResult = Static<typeof ReadAllResultSchema>;
