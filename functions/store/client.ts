/**
 * The DynamoDB clients, configured from the environment: TABLE_NAME, AWS_REGION, and DYNAMODB_ENDPOINT
 * (set only for the embedded dynalite; the cloud uses the regional endpoint and the function's role).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_TABLE_NAME } from './table';

export interface ClientOptions {
  endpoint?: string;
  region?: string;
}

export function createDocumentClient(opts: ClientOptions = {}): DynamoDBDocumentClient {
  const local = opts.endpoint !== undefined;
  const client = new DynamoDBClient({
    region: opts.region ?? 'us-east-1',
    ...(local
      ? {
          endpoint: opts.endpoint,
          // dynalite ignores signatures; static dummy keys keep the SDK from searching for real ones.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          maxAttempts: 3,
        }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export interface StoreEnv {
  tableName: string;
  endpoint?: string;
  region?: string;
}

export function storeEnv(env: NodeJS.ProcessEnv = process.env): StoreEnv {
  return {
    tableName: env.TABLE_NAME || DEFAULT_TABLE_NAME,
    ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
    ...(env.AWS_REGION ? { region: env.AWS_REGION } : {}),
  };
}
