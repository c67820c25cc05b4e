/**
 * The parts of an opened .xlsx package that XlsxGateway.load reads besides ExcelJS (unkept.ts, anchors.ts):
 * each part's text is decompressed once and shared by both, relationships are read the one way the package
 * format defines them, and the sheets are listed in tab order with their parts. No Node APIs: the browser's
 * file mode loads workbooks through this.
 */
import type JSZip from 'jszip';
import { openPackage } from './not-workbook';

/** An internal relationship: its type URI and the part it points at (resolved, lower case). */
export interface Relationship {
  type: string;
  target: string;
}

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[e.toLowerCase()]!,
  );

/** The attributes of one start tag, by local name (prefixes dropped: r:id → id). */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!.replace(/^[\w.-]+:/, '')] = unescapeXml(m[2] ?? m[3] ?? '');
  return out;
}

/** "xl/worksheets/sheet1.xml" + "../drawings/drawing1.xml" → "xl/drawings/drawing1.xml". */
export function resolvePart(from: string, target: string): string {
  const parts = target.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const seg of target.replace(/^\//, '').split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/').toLowerCase();
}

export class Package {
  /** The package's files (not folders), as jszip lists them. */
  readonly files: JSZip.JSZipObject[];
  private readonly byPath: Map<string, JSZip.JSZipObject>;
  private readonly texts = new Map<string, Promise<string>>();
  private sheetList?: Promise<Array<{ name: string; path: string }>>;

  constructor(zip: JSZip) {
    this.files = Object.values(zip.files).filter((f) => !f.dir);
    this.byPath = new Map(this.files.map((f) => [f.name.toLowerCase(), f]));
  }

  /** The package of an .xlsx, or a NotWorkbookError saying what the file is instead (not-workbook.ts). */
  static async open(data: ArrayBuffer | Uint8Array, fileName?: string): Promise<Package> {
    return new Package(await openPackage(data, fileName));
  }

  /** A part's text, decompressed on first use (paths are case-insensitive in a package); '' when absent. */
  text(path: string): Promise<string> {
    const key = path.toLowerCase();
    let t = this.texts.get(key);
    if (!t) this.texts.set(key, (t = this.byPath.get(key)?.async('string') ?? Promise.resolve('')));
    return t;
  }

  /** A part's internal relationships by id (absent rels: none). */
  async relationships(part: string): Promise<Map<string, Relationship>> {
    const i = part.lastIndexOf('/');
    const xml = await this.text(`${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`);
    const out = new Map<string, Relationship>();
    for (const m of xml.matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)) {
      const a = attributes(m[0]);
      if (a.Id && a.Target && a.TargetMode !== 'External') out.set(a.Id, { type: a.Type ?? '', target: resolvePart(part, a.Target) });
    }
    return out;
  }

  /** The sheets (worksheets and chart sheets) in tab order, with their parts. */
  sheets(): Promise<Array<{ name: string; path: string }>> {
    this.sheetList ??= (async () => {
      const workbook = 'xl/workbook.xml';
      const rels = await this.relationships(workbook);
      return [...(await this.text(workbook)).matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)]
        .map((m) => attributes(m[0]))
        .flatMap((a) => {
          const path = a.id ? rels.get(a.id)?.target : undefined;
          return a.name && path ? [{ name: a.name, path }] : [];
        });
    })();
    return this.sheetList;
  }
}
