/**
 * What the controller needs from the host, one implementation per mode (wired in taskpane.ts).
 * Keeping this narrow lets the controller run against a stub in unit tests.
 */
import type { HistoryResponse, Message } from '../../contract';
import type { ApiAccess, WhoAmI } from './auth';
import type { RowProject } from './history/target';
import type { LeadersResult } from './leaders/state';
import type { HostMode, LayoutSheet, PaneSettings, SyncOutcome } from './model';

export interface SyncHooks {
  signal: AbortSignal;
  onStep(step: 'reading' | 'sending' | 'writing'): void;
  onProgress(done: number, total: number): void;
}

export interface LeadersHooks {
  signal: AbortSignal;
  onStep(step: 'fetch' | 'projects' | 'write', received?: number): void;
}

export interface PaneServices {
  mode: HostMode;
  displayLanguage: string;
  /** The workbook's saved settings (file mode: of the opened file; defaults before one is opened). */
  loadSettings(): Promise<{ settings: PaneSettings; lastSync: string | null }>;
  saveSettings(settings: PaneSettings): Promise<void>;
  /** Sheets with their detected list and header mapping, with the given corrections applied. */
  describe(settings: PaneSettings): Promise<LayoutSheet[] | null>;
  sync(settings: PaneSettings, hooks: SyncHooks): Promise<SyncOutcome>;
  /** Rewrites 领导看板 and 周调度 (and 全县项目 when asked) from the backend's reports; week '' = this week. */
  refreshLeaders?: (settings: PaneSettings, request: { week: string; countyProjects: boolean }, hooks: LeadersHooks) => Promise<LeadersResult>;
  /** Moves the rows the last sync found in an earlier list; returns how many moved. */
  applyMoves(settings: PaneSettings): Promise<number>;
  /** Office mode: the project in the active cell's row (addin/office/selection.ts reads, core finds the id). */
  selectedProject?: (settings: PaneSettings) => Promise<RowProject>;
  /** GET /v1/projects/{id}/history, with the same backend and token as a sync. */
  history?: (settings: PaneSettings, id: string) => Promise<HistoryResponse>;
  /** Office mode: selects a cell in Excel. */
  goToCell?: (sheet: string, cell: string) => Promise<void>;
  /** File mode: opens a workbook from bytes; `unkept` warns of what the downloaded copy will not keep (null: nothing). */
  openFile?: (name: string, data: ArrayBuffer) => Promise<{ unkept: Message | null }>;
  /** File mode: the current workbook as .xlsx bytes. */
  download?: () => Promise<{ name: string; data: ArrayBuffer }>;
  /** Cloud mode: from now on call this API with the signed-in user's token (decided after host detection). */
  connect?: (access: ApiAccess) => void;
  /** The caller's role and units (GET /v1/me), with the same backend and token a sync would use. */
  whoAmI?: (settings: PaneSettings) => Promise<WhoAmI>;
}
