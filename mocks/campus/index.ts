export { generateCampus, DEFAULT_SEED, DEFAULT_STUDENTS, MAX_STUDENTS, type CampusOptions } from './generate-campus';
export { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_USERNAMES, demoAccount, type DemoAccount } from './demo-accounts';
export { SERVICE_CATEGORIES, SERVICES, type CatalogService } from './catalog';
export type * from './types';
