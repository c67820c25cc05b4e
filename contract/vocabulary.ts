/**
 * The vocabulary the domain speaks: fields, lists and stages, flags, limits, configuration and report shapes.
 * No HTTP here (schemas, routes, error codes are in api.ts and users.ts).
 */
export * from './fields';
export * from './flags';
export * from './limits';
export * from './config';
export * from './reports';
