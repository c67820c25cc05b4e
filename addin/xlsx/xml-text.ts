/**
 * Text that XML cannot carry, escaped the way OOXML does (ST_Xstring, "_xHHHH_"): control characters, CR, lone
 * surrogates and U+FFFE/U+FFFF. ExcelJS writes such characters raw — a file Excel calls corrupt and ExcelJS
 * itself cannot load — or drops them, and it decodes "_xHHHH_" when it reads; Excel does both. A literal
 * "_xHHHH_" in the text gets its "_" escaped ("_x005F_"), so it reads back as typed.
 */
const UNSAFE = /[\x00-\x08\x0B\x0C\x0E-\x1F\r\uFFFE\uFFFF]|\p{Cs}|_(?=x[0-9A-Fa-f]{4}_)/gu;

export function needsXmlEscape(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}

export function escapeXmlText(text: string): string {
  return text.replace(UNSAFE, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}
