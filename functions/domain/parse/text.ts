/** Free text and project IDs. Text is kept as the clerk wrote it, only trimmed; IDs are normalized (NFKC). */
import { LIMITS, oneLineText } from '../../../contract/vocabulary';
import { fail, ok, type Parsed } from './result';

/** The text of a cell: numbers in their shortest form (a phone number typed as a number), TRUE/FALSE as Excel shows them. */
function cellText(raw: string | number | boolean): string | null {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : null;
  return raw ? 'TRUE' : 'FALSE';
}

function limited(text: string): Parsed<string> {
  // Code points, not UTF-16 units, so a CJK extension character counts once. A text no longer in units than the
  // limit is within it in code points too: only a longer one is counted (spreading every cell's text cost ≈ 8 ms a sync).
  return text.length > LIMITS.stringLength && [...text].length > LIMITS.stringLength ? fail('too_long', undefined, LIMITS.stringLength) : ok(text);
}

/** One-line text (names, units, leaders): runs of whitespace and line breaks become one space. */
export function parseText(raw: string | number | boolean): Parsed<string> {
  const text = cellText(raw);
  return text === null ? fail('invalid_value') : limited(oneLineText(text));
}

/** Multi-line text (progress, problems): line breaks kept (CRLF → LF), trailing spaces of the whole trimmed. */
export function parseLongText(raw: string | number | boolean): Parsed<string> {
  const text = cellText(raw);
  return text === null ? fail('invalid_value') : limited(text.replace(/\r\n?/g, '\n').trim());
}

/** A project ID: NFKC (full-width "Ｐ－１" → "P-1"), trimmed, no whitespace inside, at most LIMITS.idLength. */
export function parseId(raw: string | number | boolean): Parsed<string> {
  const text = typeof raw === 'boolean' ? null : cellText(raw);
  if (text === null) return fail('invalid_id');
  const id = text.normalize('NFKC').trim();
  if (/\s/.test(id)) return fail('invalid_id', 'space');
  return [...id].length > LIMITS.idLength ? fail('too_long', undefined, LIMITS.idLength) : ok(id);
}
