/**
 * The workbook's own settings on the very hidden sheet SETTINGS_SHEET (column A, as with the .xlsx gateway, so
 * both see the same ones): reading them alone in one round trip, decoding them from a used range read with the
 * other sheets, and the write step that replaces them.
 */
import { decodeSettings, encodeSettings, SETTINGS_SHEET, type WorkbookSettings } from '../core/gateway';
import { fromOfficeError, officeCode } from './errors';
import type { OfficeHost } from './host';
import { COMMAND_BYTES, type Step } from './steps';
import { jsonBytes, toExcelValue } from './values';

/** Settings from the settings sheet's used-range values (null: the sheet is empty). */
export function settingsFrom(values: unknown[][] | null): WorkbookSettings {
  return values ? decodeSettings(values.map((row) => row[0])) : {};
}

/** The settings alone, in one round trip; {} for a workbook that never synced (it has no settings sheet). */
export async function readSettingsSheet(host: OfficeHost): Promise<WorkbookSettings> {
  try {
    return await host.run(async (ctx) => {
      // Optimistic: one round trip; a workbook that never synced has no settings sheet and fails with ItemNotFound.
      const used = ctx.workbook.worksheets.getItem(SETTINGS_SHEET).getUsedRangeOrNullObject(true);
      used.load('values');
      await ctx.sync();
      return settingsFrom(used.isNullObject ? null : used.values);
    });
  } catch (error) {
    if (officeCode(error) !== 'ItemNotFound') throw fromOfficeError(error);
    return {};
  }
}

/** Replaces the settings: adds the very hidden sheet when it does not exist yet, else clears column A first. */
export function settingsSteps(settings: WorkbookSettings, exists: boolean, steps: Step[]): void {
  const pieces = encodeSettings(settings).map((p) => [toExcelValue(p)]);
  steps.push({
    bytes: jsonBytes(pieces) + COMMAND_BYTES * 3,
    queue: (ctx, sheet) => {
      if (!exists) {
        const ws = ctx.workbook.worksheets.add(SETTINGS_SHEET);
        ws.visibility = 'VeryHidden';
      } else sheet(SETTINGS_SHEET).getRange('A:A').clear('Contents');
      sheet(SETTINGS_SHEET).getRange(`A1:A${pieces.length}`).values = pieces;
    },
  });
}
