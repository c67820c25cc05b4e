/** Weekly snapshots (PK=PROJECT#id, SK=WEEK#<week>, GSI2PK=WEEK#<week>), guarded by `version`. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mapPool } from '../app/pool';
import type { WeekSnapshot } from '../domain/report';
import { projectPk, stripKeys, weekGsi2pk, weekSk, WEEK_PREFIX } from './keys';
import { weekItem } from './project-items';
import { CONDITIONAL_PUT_CONCURRENCY, NEWER_VERSION, PROJECT_READ_CONCURRENCY, type TableIO } from './table-io';

export class WeekRecords {
  constructor(private readonly io: TableIO) {}

  /** Each put only when no snapshot of that week is there yet or it holds an older version (retries rewrite nothing). */
  async putWeekSnapshots(snapshots: readonly WeekSnapshot[]): Promise<void> {
    await mapPool(snapshots, CONDITIONAL_PUT_CONCURRENCY, (w) => this.io.put(weekItem(w), { expr: NEWER_VERSION, values: { ':v': w.version } }));
  }

  async weekSnapshots(week: string): Promise<WeekSnapshot[]> {
    return this.io.gsi2Partition<WeekSnapshot>(weekGsi2pk(week));
  }

  async latestSnapshots(ids: readonly string[], week: string): Promise<WeekSnapshot[]> {
    const { doc, table } = this.io;
    const found = await mapPool(ids, PROJECT_READ_CONCURRENCY, async (id) => {
      const out = await doc.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': projectPk(id), ':from': WEEK_PREFIX, ':to': weekSk(week) },
          ScanIndexForward: false,
          Limit: 1,
        }),
      );
      const item = out.Items?.[0];
      return item ? stripKeys<WeekSnapshot>(item) : null;
    });
    return found.filter((s): s is WeekSnapshot => s !== null);
  }
}
