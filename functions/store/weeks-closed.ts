/**
 * The weekly cut-off's items (keys in keys.ts, layout in table.ts): CLOSED#/REMINDED# markers, a closed week's
 * fixed report (gzipped JSON: a county's report with every project named can pass DynamoDB's 400 KB item limit
 * as plain JSON) and aggregates, the push channel settings and the last push runs. The adapter of app's
 * CutoffStore; no business rules.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { WeeklyReport } from '../../contract';
import type { ChannelSettings, PushRun } from '../../contract/channels';
import { mapPool } from '../app/pool';
import type { CutoffStore } from '../app/ports';
import type { WeekAggregate } from '../domain/cutoff';
import { aggregateSk, CHANNELS_KEY, CLOSED_PREFIX, closedSk, CUTOFF_PK, pushRunsKey, REMINDED_PREFIX, remindedSk, REPORT_SK, weekClosePk } from './keys';
import { CONDITIONAL_PUT_CONCURRENCY, TableIO, type DynamoStoreOptions } from './table-io';

/** Push runs kept per kind for the admin's view. */
const RUNS_KEPT = 5;
/** Bytes of gzipped report per item (DynamoDB's item limit is 400 KB). */
const REPORT_PART = 350_000;
const NEW_ITEM = { expr: 'attribute_not_exists(SK)' };

export class ClosedWeekRecords implements CutoffStore {
  constructor(private readonly io: TableIO) {}

  private async get(Key: { PK: string; SK: string }): Promise<Record<string, unknown> | undefined> {
    const out = await this.io.doc.send(new GetCommand({ TableName: this.io.table, Key }));
    return out.Item;
  }

  private async markers(prefix: string): Promise<Set<string>> {
    const items = await this.io.queryAll({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': CUTOFF_PK, ':p': prefix },
      ProjectionExpression: 'SK',
    });
    return new Set(items.map((i) => String(i.SK).slice(prefix.length)));
  }

  closedWeeks(): Promise<Set<string>> {
    return this.markers(CLOSED_PREFIX);
  }

  remindedWeeks(): Promise<Set<string>> {
    return this.markers(REMINDED_PREFIX);
  }

  async fixedReport(week: string): Promise<WeeklyReport | null> {
    const text = await this.fixedReportJson(week);
    return text === null ? null : (JSON.parse(text) as WeeklyReport);
  }

  async fixedReportJson(week: string): Promise<string | null> {
    const item = await this.get({ PK: weekClosePk(week), SK: REPORT_SK });
    if (!item?.report) return null;
    const parts = Number(item.parts ?? 1);
    const rest = parts > 1 ? await Promise.all(Array.from({ length: parts - 1 }, (_, i) => this.get({ PK: weekClosePk(week), SK: `${REPORT_SK}#${i + 1}` }))) : [];
    const gz = Buffer.concat([item.report as Uint8Array, ...rest.map((r) => (r?.report as Uint8Array | undefined) ?? new Uint8Array())]);
    return gunzipSync(gz).toString('utf8');
  }

  async putWeek(week: string, report: WeeklyReport, aggregates: readonly WeekAggregate[]): Promise<void> {
    // A city's report can pass 400 KB even gzipped: parts of REPORT_PART bytes, REPORT#1… first, REPORT (naming how many) last.
    const gz = gzipSync(Buffer.from(JSON.stringify(report), 'utf8'));
    const parts = Math.max(1, Math.ceil(gz.length / REPORT_PART));
    for (let i = parts - 1; i >= 1; i--) await this.io.put({ PK: weekClosePk(week), SK: `${REPORT_SK}#${i}`, week, report: gz.subarray(i * REPORT_PART, (i + 1) * REPORT_PART) });
    await this.io.put({ PK: weekClosePk(week), SK: REPORT_SK, week, parts, report: gz.subarray(0, REPORT_PART) });
    await mapPool(aggregates, CONDITIONAL_PUT_CONCURRENCY, (a) => this.io.put({ PK: weekClosePk(week), SK: aggregateSk(a.kind, a.key), ...a }));
  }

  async markClosed(week: string, summary: Record<string, unknown>): Promise<boolean> {
    return this.io.put({ PK: CUTOFF_PK, SK: closedSk(week), week, ...summary }, NEW_ITEM);
  }

  async claimReminder(week: string, at: string): Promise<boolean> {
    return this.io.put({ PK: CUTOFF_PK, SK: remindedSk(week), week, at }, NEW_ITEM);
  }

  async getChannels(): Promise<ChannelSettings | null> {
    const item = await this.get({ ...CHANNELS_KEY });
    return item ? (item.settings as ChannelSettings) : null;
  }

  async putChannels(settings: ChannelSettings): Promise<void> {
    await this.io.put({ ...CHANNELS_KEY, settings });
  }

  async putPushRun(run: PushRun): Promise<void> {
    const key = pushRunsKey(run.kind);
    const held = ((await this.get({ ...key }))?.runs as PushRun[] | undefined) ?? [];
    await this.io.put({ ...key, runs: [run, ...held].slice(0, RUNS_KEPT) });
  }

  async pushRuns(): Promise<PushRun[]> {
    const kinds = ['afterCutoff', 'reminder'] as const;
    const found = await Promise.all(kinds.map(async (k) => ((await this.get({ ...pushRunsKey(k) }))?.runs as PushRun[] | undefined) ?? []));
    return found.flat().sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  }
}

/** The cut-off store over the same table (the composition roots build it next to the DynamoStore). */
export function createCutoffStore(doc: DynamoDBDocumentClient, opts: DynamoStoreOptions): CutoffStore {
  return new ClosedWeekRecords(new TableIO(doc, opts));
}
