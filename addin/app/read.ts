/**
 * Reading a ledger through the gateway: the workbook's sheets, settings and date system, the list sheets'
 * layouts and their data rows. Shared by runSync and applyMoves (which re-reads before it moves anything).
 */
import type { ListKey, Message } from '../../contract';
import { extractRows, findLayouts, MSG, type Layouts, type LedgerRow, type SheetSnapshot, type WorkbookGateway, type WorkbookSettings } from '../core';

/** A sync that cannot start: no list sheets in the workbook, or list sheets whose header cannot be read. */
export class LedgerError extends Error {
  constructor(
    readonly msg: Message,
    readonly code: 'no_list_sheets' | 'header_unreadable' = 'no_list_sheets',
    /** Which sheets were looked at and why each was not taken; the sheets whose header could not be read. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(msg.en);
    this.name = 'LedgerError';
  }
}

export interface LedgerRead {
  name: string;
  settings: WorkbookSettings;
  snapshots: SheetSnapshot[];
  dateSystem: 1900 | 1904;
  layouts: Layouts;
  rows: LedgerRow[];
  skipped: { blank: number; total: number; note: number };
  lists: Array<{ sheet: string; list: ListKey | null; rows: number; headerRow: number }>;
}

export async function readLedger(gateway: WorkbookGateway): Promise<LedgerRead> {
  const read = gateway.readWorkbook
    ? await gateway.readWorkbook()
    : { name: '', settings: await gateway.readSettings(), sheets: await gateway.readSheets() };
  const { settings, sheets: snapshots } = read;
  const dateSystem = (await gateway.readDateSystem?.()) ?? 1900;
  const layouts = findLayouts(snapshots, settings);
  if (!layouts.sheets.length && layouts.headerless.length) {
    throw new LedgerError(MSG.headersUnreadable(layouts.headerless), 'header_unreadable', { sheets: layouts.headerless, looked: layouts.looked });
  }
  if (!layouts.sheets.length) throw new LedgerError(MSG.noListSheets(), 'no_list_sheets', { looked: layouts.looked });

  const rows: LedgerRow[] = [];
  const skipped = { blank: 0, total: 0, note: 0 };
  const lists: LedgerRead['lists'] = [];
  for (const layout of layouts.sheets) {
    const snap = snapshots.find((s) => s.name === layout.sheet)!;
    const errors = new Map((snap.cellErrors ?? []).map((e) => [e.address, e.error]));
    const got = extractRows(layout, errors);
    rows.push(...got.rows);
    for (const k of ['blank', 'total', 'note'] as const) skipped[k] += got.skipped[k];
    lists.push({ sheet: layout.sheet, list: layout.list, rows: got.rows.length, headerRow: layout.headerTop });
  }
  return { name: read.name, settings, snapshots, dateSystem, layouts, rows, skipped, lists };
}
