/** The command line speaks Chinese unless LANG (or LC_ALL) asks for English. */
import type { Message } from '../../functions/contract';

export type Lang = 'zh' | 'en';

export function detectLang(env: Record<string, string | undefined> = process.env): Lang {
  const l = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en/i.test(l) ? 'en' : 'zh';
}

export const say = (lang: Lang, m: Message): string => m[lang];

/** Display width in a terminal: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

export function pad(s: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}
