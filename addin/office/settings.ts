/** WorkbookSettings ⇄ the cells of the very hidden settings sheet (JSON in column A, in pieces). Pure. */
import { SETTINGS_CHUNK, type WorkbookSettings } from '../core/gateway';

export function encodeSettings(settings: WorkbookSettings): string[] {
  const json = JSON.stringify(settings);
  const pieces: string[] = [];
  for (let i = 0; i < json.length; i += SETTINGS_CHUNK) pieces.push(json.slice(i, i + SETTINGS_CHUNK));
  return pieces;
}

/** Column A from A1 down; anything unreadable counts as no settings (the clerk confirms the mapping again). */
export function decodeSettings(columnA: unknown[]): WorkbookSettings {
  const json = columnA.map((v) => (typeof v === 'string' ? v : '')).join('');
  if (!json) return {};
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as WorkbookSettings) : {};
  } catch {
    return {};
  }
}
