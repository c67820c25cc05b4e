/** The contract both sides import: the field catalogue and the HTTP API. */
export * from './fields';
export * from './api';
export * from './config';
export * from './reports';
export * from './users';
