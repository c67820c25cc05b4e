/** The command line's own text: Chinese unless LANG (or LC_ALL) asks for English; tables aligned for CJK. */
import { type Lang } from '../core';
import { displayWidth } from '../core/leader-sheets';

export type { Lang };

export function detectLang(env: Record<string, string | undefined> = process.env): Lang {
  const l = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en/i.test(l) ? 'en' : 'zh';
}

/** Pads to a terminal width: CJK and full-width characters take two columns (as in Excel, hence core's measure). */
export function pad(s: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

/** Characters a terminal acts on instead of showing: C0/C1 controls (escape sequences, CR, tab…), DEL, bidi overrides. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Cell text as the terminal should show it: controls spelled out (\u001b), so a name cannot move the cursor or recolour the screen. */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Rows as indented columns, each as wide as its widest cell; `rightAlign` per column, or for all. Cells are made printable. */
export function table(rawRows: string[][], rightAlign: boolean | boolean[] = false): string {
  const rows = rawRows.map((r) => r.map(printable));
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? ''))));
  const right = (i: number) => (typeof rightAlign === 'boolean' ? rightAlign : (rightAlign[i] ?? false));
  return rows.map((r) => '  ' + r.map((c, i) => pad(c, widths[i]!, right(i))).join('  ').trimEnd()).join('\n');
}
