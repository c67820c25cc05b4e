/** What both sides share: the vocabulary (fields, lists, flags, limits, config, reports) and the HTTP API. */
export * from './vocabulary';
export * from './api';
export * from './users';
