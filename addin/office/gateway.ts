/**
 * The WorkbookGateway over Office.js: the only code (with host.ts) that talks to Excel. It composes the parts:
 * list-steps.ts (owned columns, styles, notes, row moves), leader-steps.ts (the leaders' sheets and their
 * charts), settings.ts (the very hidden settings sheet); steps.ts packs their commands into requests.
 *
 * Round trips: readSettings 1; readSheets 2 (the sheet list, then every used range — Office.js cannot address a
 * sheet before its name is known); readWorkbook 2 (readSheets with the settings and the file's name); apply 2 (a pre-check that every target sheet exists and is unprotected, then
 * every write in one request, split into more only when a request would pass REQUEST_BUDGET).
 * Excel tables ride along: the workbook's tables load with the sheet list and their ranges with the used ranges; a
 * list kept as a table is resized (ExcelApi 1.13) or, on older hosts, given table columns (list-steps.ts).
 */
import {
  type ApplyResult,
  SETTINGS_SHEET,
  type SheetSnapshot,
  type WorkbookGateway,
  type WorkbookRead,
  type WorkbookSettings,
  type WritePlan,
} from '../core/gateway';
import { fromOfficeError, leaderSheetLocked, officeCode, sheetMissing, sheetProtected } from './errors';
import { urlName } from './document';
import { officeHost, type OfficeHost } from './host';
import { leaderFeatures, leaderSteps, PASSWORD_CODES, unlockStep } from './leader-steps';
import { addColumnSteps, deleteSteps, listTargets, moveSteps, probeNotes, probeTables, probeTails, resizeSteps, sheetSteps } from './list-steps';
import { tablesBySheet, toSnapshot } from './read';
import { readSettingsSheet, settingsFrom, settingsSteps } from './settings';
import { pack, type Step } from './steps';
import { REQUEST_BUDGET } from './values';

export interface OfficeGatewayOptions {
  host?: OfficeHost;
  /** Request size to stay under (bytes of queued JSON); tests lower it to exercise splitting. */
  requestBudget?: number;
}

export class OfficeWorkbookGateway implements WorkbookGateway {
  private readonly host: OfficeHost;
  private readonly budget: number;
  /** Settings as last read or written, to merge plan.settings into without another round trip. */
  private settings: WorkbookSettings | undefined;

  constructor(opts: OfficeGatewayOptions = {}) {
    this.host = opts.host ?? officeHost();
    this.budget = opts.requestBudget ?? REQUEST_BUDGET;
  }

  async readSettings(): Promise<WorkbookSettings> {
    this.settings = await readSettingsSheet(this.host);
    return { ...this.settings };
  }

  async readSheets(): Promise<SheetSnapshot[]> {
    return (await this.read(false)).sheets;
  }

  /**
   * The workbook's name, settings and sheets in the two round trips readSheets takes anyway (readSettings +
   * readSheets + a separate workbook.name load would take four): the name rides with the sheet list, the settings sheet is one of
   * the used ranges.
   */
  async readWorkbook(): Promise<WorkbookRead> {
    const read = await this.read(this.host.isSetSupported('ExcelApi', '1.7'));
    return { ...read, name: read.name || urlName(this.host) };
  }

  private async read(withName: boolean): Promise<WorkbookRead> {
    try {
      return await this.host.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load('items/name,items/visibility');
        // The workbook's Excel tables ride with the sheet list (showHeaders/showTotals ExcelApi 1.3, worksheet 1.2).
        const tables = ctx.workbook.tables;
        tables.load('items/name,items/showHeaders,items/showTotals,items/worksheet/name');
        if (withName) ctx.workbook.load('name');
        await ctx.sync();
        const items = sheets.items.map((ws) => ({ name: ws.name, visibility: ws.visibility as string, ws }));
        const used = items.map(({ ws }) => {
          const range = ws.getUsedRangeOrNullObject(true);
          range.load('values,rowIndex,columnIndex');
          return range;
        });
        // Each table's range with the used ranges: no round trip of its own.
        const tableRanges = tables.items.map((t) => {
          const range = t.getRange();
          range.load('rowIndex,columnIndex,rowCount,columnCount');
          return { t, range };
        });
        await ctx.sync();
        const bySheet = tablesBySheet(
          tableRanges.map(({ t, range }) => ({
            name: t.name,
            sheet: t.worksheet.name,
            showHeaders: t.showHeaders,
            showTotals: t.showTotals,
            range: { rowIndex: range.rowIndex, columnIndex: range.columnIndex, rowCount: range.rowCount, columnCount: range.columnCount },
          })),
        );
        const snapshots: SheetSnapshot[] = [];
        let settings: WorkbookSettings = {};
        items.forEach(({ name, visibility }, i) => {
          const range = used[i]!;
          const data = range.isNullObject ? null : { values: range.values, rowIndex: range.rowIndex, columnIndex: range.columnIndex };
          if (name === SETTINGS_SHEET) settings = settingsFrom(data && data.values);
          else snapshots.push(toSnapshot(name, visibility, data, bySheet.get(name)));
        });
        this.settings = settings;
        return { name: withName ? ctx.workbook.name : '', settings: { ...settings }, sheets: snapshots };
      });
    } catch (error) {
      throw fromOfficeError(error);
    }
  }

  async apply(plan: WritePlan): Promise<ApplyResult> {
    const current = plan.settings && this.settings === undefined ? await this.readSettings() : this.settings;
    const notesSupported = this.host.isSetSupported('ExcelApi', '1.18');
    // Resizing a table needs ExcelApi 1.13 (the manifest asks for 1.9): older hosts append table columns instead.
    const resizeSupported = this.host.isSetSupported('ExcelApi', '1.13');
    const features = leaderFeatures(plan, (version) => this.host.isSetSupported('ExcelApi', version));
    let written = false;
    /** Protected leader sheets to unprotect first thing in the first write request. */
    let unlock: string[] = [];
    try {
      return await this.host.run(async (ctx) => {
        // Round trip 1: every sheet the plan touches exists and is unprotected, so nothing is written half-way.
        const probe = (name: string) => {
          const ws = ctx.workbook.worksheets.getItemOrNullObject(name);
          ws.load('name,position,protection/protected');
          return ws;
        };
        const targetProbes = listTargets(plan).map((name) => [name, probe(name)] as const);
        const leaderProbes = plan.leaderSheets.map((l) => [l.name, probe(l.name)] as const);
        const settingsProbe = plan.settings ? probe(SETTINGS_SHEET) : null;
        const noteProbes = notesSupported ? probeNotes(ctx, plan.sheets) : null;
        const tailProbes = probeTails(ctx, plan.moves);
        const tableProbes = probeTables(ctx, plan.sheets, resizeSupported);
        await ctx.sync();
        for (const [name, ws] of targetProbes) {
          if (ws.isNullObject) throw sheetMissing(name);
          if (ws.protection.protected) throw sheetProtected(name);
        }
        // A protected leader sheet (全县项目 is protected by the add-in, without a password) is replaced all the same;
        // unlockStep tries unprotect() first thing, which fails — before any write — when a person set a password.
        if (settingsProbe && !settingsProbe.isNullObject && settingsProbe.protection.protected) throw sheetProtected(SETTINGS_SHEET);

        // Round trip 2 (more only for very large plans): every write.
        const steps: Step[] = [];
        let cellsWritten = 0;
        if (!resizeSupported) addColumnSteps(plan.sheets, tableProbes, steps);
        for (const s of plan.sheets) cellsWritten += sheetSteps(s, steps, noteProbes);
        cellsWritten += moveSteps(plan.moves, steps, tailProbes);
        if (resizeSupported) resizeSteps(plan.sheets, tableProbes, steps);
        unlock = leaderProbes.filter(([, ws]) => !ws.isNullObject && ws.protection.protected).map(([name]) => name);
        if (unlock.length) steps.unshift(unlockStep(unlock));
        for (const [i, l] of plan.leaderSheets.entries()) {
          const old = leaderProbes[i]![1];
          leaderSteps(l, old.isNullObject ? null : old.position, features, steps);
        }
        if (plan.settings) settingsSteps({ ...current, ...plan.settings }, !settingsProbe!.isNullObject, steps);
        deleteSteps(plan.moves, steps);

        for (const batch of pack(steps, this.budget)) {
          const sheets = new Map<string, Excel.Worksheet>();
          const sheet = (name: string) => {
            let ws = sheets.get(name);
            if (!ws) sheets.set(name, (ws = ctx.workbook.worksheets.getItem(name)));
            return ws;
          };
          ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
          ctx.workbook.application.suspendApiCalculationUntilNextSync();
          for (const step of batch) step.queue(ctx, sheet);
          await ctx.sync();
          written = true;
        }
        if (plan.settings) this.settings = { ...current, ...plan.settings };
        return { cellsWritten, rowsMoved: plan.moves.length };
      });
    } catch (error) {
      // unprotect() without a password fails on a sheet a person protected with one; it runs first, so nothing was written.
      if (!written && unlock.length && PASSWORD_CODES.has(officeCode(error))) throw leaderSheetLocked(unlock);
      throw fromOfficeError(error, written);
    }
  }
}
