/** Creates the table from table.ts when it does not exist yet (embedded stack and tests; the cloud uses CDK). */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLE_SCHEMA } from './table';

async function status(client: DynamoDBClient, name: string): Promise<string | null> {
  try {
    const out = await client.send(new DescribeTableCommand({ TableName: name }));
    return out.Table?.TableStatus ?? null;
  } catch (e) {
    if (e instanceof ResourceNotFoundException || (e as Error).name === 'ResourceNotFoundException') return null;
    throw e;
  }
}

export async function ensureTable(doc: DynamoDBDocumentClient, name: string): Promise<'created' | 'existed'> {
  // The document client forwards plain DynamoDB commands unchanged; only its types are narrower.
  const client = doc as unknown as DynamoDBClient;
  let created = false;
  if ((await status(client, name)) === null) {
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        ...TABLE_SCHEMA,
      }),
    );
    created = true;
  }
  for (let i = 0; (await status(client, name)) !== 'ACTIVE'; i++) {
    if (i > 100) throw new Error(`table ${name} did not become ACTIVE`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return created ? 'created' : 'existed';
}
