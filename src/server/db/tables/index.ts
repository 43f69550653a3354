// Every table of the application, in one schema object for Drizzle and drizzle-kit.
// A module adds its tables file here when it adds tables.
export * from './agencies.js';
export * from './identity.js';
export * from './audit.js';
export * from './calendar.js';
export * from './standards.js';
export * from './surveys.js';
export * from './clock.js';
export * from './complaints.js';
export * from './requests.js';
export * from './counters.js';
export * from './vendors.js';
