import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { backoffMs, batchGet, batchPut, UnprocessedError, type RetryPolicy } from '../../../functions/store/batch';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
const mock = mockClient(doc);

function policy(): RetryPolicy & { waits: number[] } {
  const waits: number[] = [];
  return { maxAttempts: 4, baseMs: 10, capMs: 1000, random: () => 0.5, sleep: async (ms) => void waits.push(ms), waits };
}
const key = (i: number) => ({ PK: `PROJECT#${i}`, SK: 'STATE' });

beforeEach(() => mock.reset());

describe('batchGet', () => {
  it('asks 100 keys per request and retries the unprocessed keys with growing, jittered waits', async () => {
    const keys = Array.from({ length: 150 }, (_, i) => key(i));
    let calls = 0;
    mock.on(BatchGetCommand).callsFake((input) => {
      calls++;
      const asked = input.RequestItems.t.Keys as Array<Record<string, string>>;
      // The first answer for the big batch leaves 3 keys unprocessed, the second leaves 1.
      const leave = asked.length === 100 ? 3 : asked.length === 3 ? 1 : 0;
      const done = asked.slice(0, asked.length - leave).map((k) => ({ ...k, id: k.PK }));
      return { Responses: { t: done }, UnprocessedKeys: leave ? { t: { Keys: asked.slice(asked.length - leave) } } : {} };
    });
    const p = policy();
    const items = await batchGet(doc, 't', keys, p);
    expect(items).toHaveLength(150);
    expect(new Set(items.map((i) => i.PK)).size).toBe(150);
    expect(calls).toBe(4); // 100 + 50, then 3, then 1
    const sizes = mock.commandCalls(BatchGetCommand).map((c) => (c.args[0].input.RequestItems!.t!.Keys as unknown[]).length).sort((a, b) => b - a);
    expect(sizes).toEqual([100, 50, 3, 1]);
    expect(p.waits).toEqual([backoffMs(1, p), backoffMs(2, p)]);
    expect(p.waits[1]!).toBeGreaterThan(p.waits[0]!);
    expect(mock.commandCalls(BatchGetCommand).every((c) => c.args[0].input.RequestItems!.t!.ConsistentRead === true)).toBe(true);
  });

  it('asks a duplicated key once', async () => {
    mock.on(BatchGetCommand).resolves({ Responses: { t: [] } });
    await batchGet(doc, 't', [key(1), key(1), key(2)], policy());
    expect((mock.commandCalls(BatchGetCommand)[0]!.args[0].input.RequestItems!.t!.Keys as unknown[]).length).toBe(2);
  });

  it('gives up with a clear error when keys stay unprocessed', async () => {
    mock.on(BatchGetCommand).callsFake((input) => ({ Responses: { t: [] }, UnprocessedKeys: { t: { Keys: input.RequestItems.t.Keys } } }));
    const p = policy();
    await expect(batchGet(doc, 't', [key(1)], p)).rejects.toBeInstanceOf(UnprocessedError);
    expect(mock.commandCalls(BatchGetCommand)).toHaveLength(p.maxAttempts);
  });
});

describe('batchPut', () => {
  it('writes 25 items per request, retries unprocessed items and counts every request', async () => {
    let first = true;
    mock.on(BatchWriteCommand).callsFake((input) => {
      const reqs = input.RequestItems.t as unknown[];
      if (first && reqs.length === 25) {
        first = false;
        return { UnprocessedItems: { t: reqs.slice(20) } };
      }
      return { UnprocessedItems: {} };
    });
    const counted = { requests: 0, items: 0 };
    const p = policy();
    const items = Array.from({ length: 30 }, (_, i) => ({ ...key(i), v: i }));
    await batchPut(doc, 't', items, (r, n) => { counted.requests += r; counted.items += n; }, p);
    const sizes = mock.commandCalls(BatchWriteCommand).map((c) => (c.args[0].input.RequestItems!.t as unknown[]).length).sort((a, b) => b - a);
    expect(sizes).toEqual([25, 5, 5]);
    expect(counted).toEqual({ requests: 3, items: 35 });
    expect(p.waits).toHaveLength(1);
    const written = mock.commandCalls(BatchWriteCommand).flatMap((c) => (c.args[0].input.RequestItems!.t as Array<{ PutRequest: { Item: { PK: string } } }>).map((r) => r.PutRequest.Item.PK));
    expect(new Set(written).size).toBe(30);
  });

  it('sends a key given twice once, keeping the last item', async () => {
    mock.on(BatchWriteCommand).resolves({});
    await batchPut(doc, 't', [{ ...key(1), v: 'old' }, { ...key(1), v: 'new' }], () => {}, policy());
    const reqs = mock.commandCalls(BatchWriteCommand)[0]!.args[0].input.RequestItems!.t as Array<{ PutRequest: { Item: { v: string } } }>;
    expect(reqs.map((r) => r.PutRequest.Item.v)).toEqual(['new']);
  });

  it('gives up with a clear error when items stay unprocessed', async () => {
    mock.on(BatchWriteCommand).callsFake((input) => ({ UnprocessedItems: { t: input.RequestItems.t } }));
    await expect(batchPut(doc, 't', [key(1)], () => {}, policy())).rejects.toThrow(/still unprocessed/);
  });

  it('writes nothing for no items', async () => {
    await batchPut(doc, 't', [], () => {}, policy());
    expect(mock.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });
});

describe('backoffMs', () => {
  it('stays within [0, min(cap, base·2^attempt))', () => {
    const p = { ...policy(), random: () => 0.999999 };
    expect(backoffMs(1, p)).toBeLessThan(20);
    expect(backoffMs(20, p)).toBeLessThan(1000);
    expect(backoffMs(3, { ...p, random: () => 0 })).toBe(0);
  });
});
