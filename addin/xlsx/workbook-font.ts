/**
 * The workbook's font, for cells the add-in creates (the leaders' sheets). ExcelJS gives a new cell no font, and a
 * style that sets only bold or a colour writes a <font> with no name, which Excel and LibreOffice draw in a
 * fallback (a serif on many machines). So every generated cell gets the font most of the ledger's cells use —
 * 宋体 11 in a WPS ledger, Calibri 11 in one from Excel — and bold or colour on top of it.
 */
import type ExcelJS from 'exceljs';

/** ExcelJS writes this as the workbook's default font (styles.xml font 0): plain cells show in it. */
export const DEFAULT_FONT: Partial<ExcelJS.Font> = { name: 'Calibri', size: 11, family: 2, scheme: 'minor' };

/** Cells looked at per sheet: enough to find the body font, little time on a 5,000-row ledger. */
const SAMPLE = 400;

/** The font (name, size, family, charset, scheme) most sampled cells of these sheets use; DEFAULT_FONT when none names one. */
export function workbookFont(sheets: readonly ExcelJS.Worksheet[]): Partial<ExcelJS.Font> {
  const seen = new Map<string, { font: Partial<ExcelJS.Font>; n: number }>();
  for (const ws of sheets) {
    let looked = 0;
    ws.eachRow((row) => {
      if (looked >= SAMPLE) return;
      row.eachCell((cell) => {
        if (looked++ >= SAMPLE) return;
        const f = cell.font;
        if (!f?.name) return;
        const font: Partial<ExcelJS.Font> = { name: f.name, ...(f.size ? { size: f.size } : {}), ...(f.family ? { family: f.family } : {}), ...(f.charset ? { charset: f.charset } : {}), ...(f.scheme ? { scheme: f.scheme } : {}) };
        const key = JSON.stringify(font);
        const entry = seen.get(key) ?? { font, n: 0 };
        entry.n++;
        seen.set(key, entry);
      });
    });
  }
  let best: { font: Partial<ExcelJS.Font>; n: number } | null = null;
  for (const e of seen.values()) if (!best || e.n > best.n) best = e;
  return best ? best.font : DEFAULT_FONT;
}
