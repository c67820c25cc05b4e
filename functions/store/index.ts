/** The store: port, DynamoDB adapter and the helpers composition roots need. */
export * from '../app/ports';
export { DynamoStore, type DynamoStoreOptions } from './dynamo';
export { createClients, createDocumentClient, storeEnv, type ClientOptions, type StoreEnv } from './client';
export { ensureTable } from './create-table';
export { DEFAULT_RETRY, type RetryPolicy } from './batch';
export { DEFAULT_TABLE_NAME, TABLE } from './table';
