/** A1 parsing for the fake host, deliberately independent of the add-in's own A1 helpers. */
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

function col(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

export function colName(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "B3", "B3:D9", "5:7" (whole rows), "A:C" (whole columns), with or without $ and a sheet prefix. */
export function parseAddress(address: string): Area | null {
  const a = address.replace(/^.*!/, '').replace(/\$/g, '').trim();
  let m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(a);
  if (m) {
    const l = col(m[1]!);
    const t = Number(m[2]);
    const r = m[3] ? col(m[3]) : l;
    const b = m[4] ? Number(m[4]) : t;
    return { top: Math.min(t, b), left: Math.min(l, r), bottom: Math.max(t, b), right: Math.max(l, r) };
  }
  m = /^(\d+):(\d+)$/.exec(a);
  if (m) return { top: Number(m[1]), bottom: Number(m[2]), left: 1, right: MAX_COL };
  m = /^([A-Z]+):([A-Z]+)$/i.exec(a);
  if (m) return { top: 1, bottom: MAX_ROW, left: col(m[1]!), right: col(m[2]!) };
  return null;
}

export function formatArea(area: Area): string {
  const tl = `${colName(area.left)}${area.top}`;
  return area.top === area.bottom && area.left === area.right ? tl : `${tl}:${colName(area.right)}${area.bottom}`;
}
