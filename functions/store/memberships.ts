/** Which projects a workbook holds (PK=WORKBOOK#<id>): one item per sync chunk that brought projects in. */
import { createHash } from 'node:crypto';
import { membersSk, workbookPk } from './keys';
import type { TableIO } from './table-io';

export class MembershipRecords {
  constructor(private readonly io: TableIO) {}

  /** One item per call keyed by a hash of its ids, so a retried chunk rewrites the same item. */
  async putMemberships(workbookId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const sorted = [...new Set(ids)].sort();
    const hash = createHash('sha256').update(sorted.join('\n')).digest('base64url').slice(0, 24);
    await this.io.put({ PK: workbookPk(workbookId), SK: membersSk(hash), workbook: workbookId, ids: sorted });
  }

  async listMembership(workbookId: string): Promise<string[]> {
    const items = await this.io.queryAll({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': workbookPk(workbookId) },
      ProjectionExpression: '#id, #ids',
      ExpressionAttributeNames: { '#id': 'id', '#ids': 'ids' },
    });
    // Older data holds one item per project (`id`); newer one item per chunk (`ids`).
    const ids = new Set<string>();
    for (const i of items) {
      if (typeof i.id === 'string') ids.add(i.id);
      for (const id of (i.ids as string[] | undefined) ?? []) ids.add(id);
    }
    return [...ids];
  }
}
