/**
 * The CLI's tables (transitions, moves, missing projects: names and units come from the ledger) with the hostile-
 * text corpus (issue 17): nothing reaches the terminal as a control — escape sequences, CR, tabs, bidi overrides
 * are spelled out — and every other character is shown as typed (a formula stays its text).
 */
import { printable, table } from '../../../addin/cli/i18n';
import { HOSTILE_TEXT } from '../../fixtures/hostile-text';

const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('CLI table with hostile text', () => {
  const out = table([['编号', '项目', '单位'], ...HOSTILE_TEXT.map((s, i) => [`P-${i}`, s, s])]);

  it('writes no terminal control: one line per row, no escape, CR, tab or bidi override', () => {
    expect(CONTROL.test(out)).toBe(false);
    expect(out.split('\n')).toHaveLength(HOSTILE_TEXT.length + 1);
  });

  it('shows each string as typed, controls spelled out (\\u001b)', () => {
    const lines = out.split('\n').slice(1);
    HOSTILE_TEXT.forEach((s, i) => expect(lines[i]).toContain(printable(s)));
    for (const s of HOSTILE_TEXT.filter((x) => !CONTROL.test(x) && !x.includes('\n'))) expect(printable(s)).toBe(s);
    expect(printable('\u001b[2J')).toBe('\\u001b[2J');
  });
});
