/**
 * PaneServices over any WorkbookGateway and core's runSync: the same code drives Excel (Office mode) and an
 * .xlsx opened in the browser (file mode). Converts core's outcome and layouts into the pane's view model.
 */
import type { FieldKey, HistoryResponse, ListKey } from '../../../contract';
import { colLetter, EMPTY_PLAN, findLayouts, type WorkbookGateway, type WorkbookSettings } from '../../core';
import {
  applyMoves,
  callApi,
  refreshLeaderSheets,
  runSync,
  summarize,
  type FetchLike,
  type PendingMoves,
  type RunProgress,
  type SyncOutcome as CoreOutcome,
} from '../../app';
import { cellAddress } from '../../core/a1';
import { whoAmI, type ApiAccess, type HttpFetch } from '../auth';
import { DEFAULT_SETTINGS, type CellProblem, type HostMode, type LayoutSheet, type PaneSettings, type SyncOutcome } from '../model';
import type { PaneServices, SyncHooks } from '../services';

export interface WorkbookServicesOptions {
  mode: HostMode;
  displayLanguage: string;
  /** The workbook to work on; null in file mode before a file is opened. */
  gateway(): WorkbookGateway | null;
  /** The file's name when the host knows it better than the gateway (file mode); otherwise the gateway's read. */
  workbookName?(): string;
  /** The id for a workbook that holds none, and what to keep after a sync (file mode: hosts/remembered-workbooks.ts). */
  workbookIds?: { idFor(): string; syncedAs(workbookId: string): void };
  /** Backend used when the settings name none: the page's own origin. */
  defaultApiUrl: string;
  fetch: FetchLike;
  /** A token when the clerk gave none (the local stack's dev token); '' when there is none. */
  fallbackToken(apiUrl: string): Promise<string>;
  goToCell?: PaneServices['goToCell'];
  openFile?: PaneServices['openFile'];
  download?: PaneServices['download'];
}

class NoWorkbookError extends Error {
  constructor() {
    super('No workbook is open.');
    this.name = 'NoWorkbookError';
  }
}

export function workbookServices(o: WorkbookServicesOptions): PaneServices {
  /** The moves the last sync left for the clerk to confirm, with the server's answers for their rows. */
  let pending: PendingMoves | null = null;
  // Cloud mode: the deployment's API and a transport that adds the signed-in user's token.
  let cloud: { access: ApiAccess; fetch: HttpFetch } | null = null;
  const gateway = (): WorkbookGateway => {
    const gw = o.gateway();
    if (!gw) throw new NoWorkbookError();
    return gw;
  };

  /** Where and how to call the API: the deployment's with a bearer transport, or the settings' with a dev token. */
  async function target(settings: PaneSettings): Promise<{ url: string; token: string; fetch: HttpFetch }> {
    if (cloud) {
      await cloud.access.ready();
      return { url: cloud.access.apiUrl, token: '', fetch: cloud.fetch };
    }
    const url = settings.apiUrl || o.defaultApiUrl;
    // core's FetchLike always sends a body; GET /v1/me sends none, which every real fetch accepts.
    return { url, token: settings.token || (await o.fallbackToken(url)), fetch: o.fetch };
  }

  async function run(settings: PaneSettings, hooks: SyncHooks): Promise<CoreOutcome> {
    const gw = gateway();
    const outcome = await runSync({
      gateway: gw,
      api: await target(settings),
      options: {
        ...(o.workbookName ? { workbookName: o.workbookName() } : {}),
        ...(o.workbookIds ? { workbookId: o.workbookIds.idFor } : {}),
        tintName: settings.tintName,
        autoMoveRows: settings.autoMoveRows,
      },
      onProgress: (p) => progress(p, hooks),
      signal: hooks.signal,
    });
    o.workbookIds?.syncedAs(outcome.workbookId);
    return outcome;
  }

  return {
    mode: o.mode,
    displayLanguage: o.displayLanguage,
    async loadSettings() {
      const gw = o.gateway();
      if (!gw) return { settings: DEFAULT_SETTINGS, lastSync: null };
      return fromWorkbookSettings(await gw.readSettings());
    },
    async saveSettings(settings) {
      await gateway().apply({ ...EMPTY_PLAN, settings: toWorkbookSettings(settings) });
    },
    async describe(settings) {
      const gw = o.gateway();
      if (!gw) return null;
      return describeLayout(await gw.readSheets(), toWorkbookSettings(settings));
    },
    async sync(settings, hooks) {
      const outcome = await run(settings, hooks);
      pending = outcome;
      return toPaneOutcome(outcome);
    },
    async refreshLeaders(settings, request, hooks) {
      const gw = gateway();
      const out = await refreshLeaderSheets({
        gateway: gw,
        api: await target(settings),
        // The sheets stay Chinese whatever the pane's language: the workbook is shared with the county's leaders.
        options: { ...(request.week ? { week: request.week } : {}), includeCountyProjects: request.countyProjects, lang: 'zh' },
        onProgress: (p) => p.phase !== 'done' && hooks.onStep(p.phase, p.projects),
        signal: hooks.signal,
      });
      return { week: out.week, sheets: out.sheets, count: out.dashboard.count, red: out.dashboard.red, yellow: out.dashboard.yellow, countyProjects: out.countyProjects };
    },
    async applyMoves(settings) {
      if (!pending?.pendingMoves.length) return 0;
      // The confirmed moves are made from the last sync's answers: the workbook is read again and each row
      // checked to be still where it was; nothing is sent to the backend.
      const done = await applyMoves({ gateway: gateway(), pending, options: { tintName: settings.tintName } });
      pending = { workbookId: pending.workbookId, pendingMoves: done.pendingMoves, pendingResults: done.pendingResults };
      return done.moved.length;
    },
    goToCell: o.goToCell,
    openFile: o.openFile
      ? async (name, data) => {
          pending = null;
          return o.openFile!(name, data);
        }
      : undefined,
    download: o.download,
    connect(access) {
      cloud = { access, fetch: access.wrap(o.fetch) };
    },
    async history(settings, id) {
      return callApi<HistoryResponse>(await target(settings), { method: 'GET', path: `projects/${encodeURIComponent(id)}/history` });
    },
    async whoAmI(settings) {
      const { url, token, fetch } = await target(settings);
      return whoAmI(url, token, fetch);
    },
  };
}

function progress(p: RunProgress, hooks: SyncHooks): void {
  if (p.phase === 'read' || p.phase === 'ids') hooks.onStep('reading');
  else if (p.phase === 'write') hooks.onStep('writing');
  else if (p.phase === 'sync' && p.chunksTotal !== undefined) hooks.onProgress(p.chunksDone ?? 0, p.chunksTotal);
}

export function fromWorkbookSettings(s: WorkbookSettings): { settings: PaneSettings; lastSync: string | null } {
  return {
    settings: {
      ...DEFAULT_SETTINGS,
      apiUrl: s.apiUrl ?? '',
      tintName: s.tintName ?? false,
      autoMoveRows: s.autoMoveRows ?? false,
      mapping: { ...s.mapping },
      headerOverrides: { ...s.headerOverrides },
    },
    lastSync: s.lastSync ?? null,
  };
}

/** What the workbook keeps: the token never (it is a secret of this browser session); "not a list" is omitted. */
export function toWorkbookSettings(s: PaneSettings): WorkbookSettings {
  const mapping = Object.fromEntries(Object.entries(s.mapping).filter((e): e is [string, ListKey] => e[1] !== null));
  return {
    apiUrl: s.apiUrl || undefined,
    tintName: s.tintName,
    autoMoveRows: s.autoMoveRows,
    ...(Object.keys(mapping).length ? { mapping } : {}),
    headerOverrides: s.headerOverrides,
  };
}

export function describeLayout(snapshots: Parameters<typeof findLayouts>[0], settings: WorkbookSettings): LayoutSheet[] {
  const layouts = findLayouts(snapshots, settings);
  return snapshots
    .filter((s) => s.visible !== false && !s.name.startsWith('_'))
    .map((snap): LayoutSheet => {
      const layout = layouts.sheets.find((l) => l.sheet === snap.name);
      if (!layout) return { name: snap.name, list: layouts.mapping[snap.name] ?? null, headerRow: null, columns: [] };
      const owned = new Set([layout.owned.flag, layout.owned.reason, layout.stageCol]);
      const fieldOf = new Map<number, FieldKey>(layout.columns.map((c) => [c.col, c.field]));
      const columns = [...layout.headerText]
        .filter(([col]) => !owned.has(col))
        .sort((a, b) => a[0] - b[0])
        .map(([col, header]) => ({ col: colLetter(col), header, field: fieldOf.get(col) ?? null }));
      return { name: snap.name, list: layout.list, headerRow: layout.headerTop, columns };
    });
}

export function toPaneOutcome(o: CoreOutcome, at = new Date().toISOString()): SyncOutcome {
  const errors: CellProblem[] = [
    ...o.sheetsWithoutHeader.map((s) => ({ sheet: s.sheet, cell: cellAddress(1, 1), message: s.message })),
    ...o.headerIssues.map((i) => ({ sheet: i.sheet, cell: i.cell, message: i.message })),
    ...o.errors.map((e) => ({ sheet: e.sheet, cell: e.cell, message: e.message })),
  ];
  return {
    rows: o.rows,
    red: o.red,
    yellow: o.yellow,
    created: o.created,
    updated: o.updated,
    unchanged: o.unchanged,
    matched: o.matched,
    // Projects whose stage changed: recorded transitions and rows found in an earlier list, counted once.
    transitions: summarize(o).transitions,
    flagged: o.flagged.map((f) => ({ id: f.id, name: f.name, sheet: f.sheet, cell: f.cell, level: f.level, reasons: f.reasons })),
    moves: o.pendingMoves.map((m) => ({ id: m.id, name: m.name, from: m.from.list, to: m.to.list, sheet: m.from.sheet, row: m.from.row, cycleDays: m.cycleDays })),
    movedAutomatically: o.moved.length,
    errors,
    missing: o.missing,
    at,
  };
}
