/**
 * Files that are not an .xlsx, as clerks meet them, for the xlsx, CLI and task-pane tests: an Excel 97–2003
 * .xls (fixtures/ledger-excel97.xls, saved by LibreOffice 7.4 from an ExcelJS ledger), a workbook with a password
 * to open, a CSV and an HTML "xls" another system exported, a download cut short, and zips of other documents.
 */
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanWorkbook } from './unkept-fixtures';

export const oldXls = (): Uint8Array => readFileSync(join(__dirname, 'fixtures', 'ledger-excel97.xls'));

const SECTOR = 512;
const FREE = 0xffffffff;
const END = 0xfffffffe;
const FAT_SECTOR = 0xfffffffd;

/**
 * A compound file (CFB v3) holding `streams` in regular sectors, each padded to 4096 bytes so that none belongs
 * in the mini stream: one FAT sector, one directory sector, the streams after them.
 */
function compoundFile(streams: Array<{ name: string; data: Uint8Array }>): Uint8Array {
  const padded = streams.map((s) => ({ ...s, size: Math.max(4096, s.data.length) }));
  const sectors = padded.map((s) => Math.ceil(s.size / SECTOR));
  const total = 2 + sectors.reduce((a, b) => a + b, 0);
  if (total > SECTOR / 4) throw new Error('compoundFile: one FAT sector only');
  const out = new Uint8Array(SECTOR * (1 + total));
  const view = new DataView(out.buffer);
  // Header.
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  view.setUint16(0x18, 0x3e, true);
  view.setUint16(0x1a, 3, true);
  view.setUint16(0x1c, 0xfffe, true);
  view.setUint16(0x1e, 9, true);
  view.setUint16(0x20, 6, true);
  view.setUint32(0x2c, 1, true); // FAT sectors
  view.setUint32(0x30, 1, true); // first directory sector
  view.setUint32(0x38, 4096, true); // mini stream cutoff
  view.setUint32(0x3c, END, true); // no mini FAT
  view.setUint32(0x44, END, true); // no DIFAT sectors
  view.setUint32(0x4c, 0, true); // DIFAT[0]: the FAT is sector 0
  for (let i = 1; i < 109; i++) view.setUint32(0x4c + i * 4, FREE, true);
  // FAT (sector 0, at file offset 512): itself, the directory, then each stream's chain.
  const fat = (i: number, v: number) => view.setUint32(SECTOR + i * 4, v, true);
  for (let i = 0; i < SECTOR / 4; i++) fat(i, FREE);
  fat(0, FAT_SECTOR);
  fat(1, END);
  let next = 2;
  const starts = sectors.map((n) => {
    const start = next;
    for (let i = 0; i < n; i++) fat(start + i, i === n - 1 ? END : start + i + 1);
    next += n;
    return start;
  });
  // Directory (sector 1): the root, whose child is the first stream; the others hang off right siblings, in the
  // order CFB sorts names (shorter first), so the tree is a valid (all black) red-black tree.
  const entry = (i: number, name: string, type: number, child: number, right: number, start: number, size: number) => {
    const at = SECTOR * 2 + i * 128;
    for (let c = 0; c < name.length; c++) view.setUint16(at + c * 2, name.charCodeAt(c), true);
    view.setUint16(at + 0x40, (name.length + 1) * 2, true);
    out[at + 0x42] = type;
    out[at + 0x43] = 1; // black
    view.setUint32(at + 0x44, FREE, true);
    view.setUint32(at + 0x48, right, true);
    view.setUint32(at + 0x4c, child, true);
    view.setUint32(at + 0x74, start, true);
    view.setUint32(at + 0x78, size, true);
  };
  entry(0, 'Root Entry', 5, padded.length ? 1 : FREE, FREE, END, 0);
  padded.forEach((s, i) => {
    entry(i + 1, s.name, 2, FREE, i + 1 < padded.length ? i + 2 : FREE, starts[i]!, s.size);
    out.set(s.data, SECTOR * (1 + starts[i]!));
  });
  for (let i = padded.length + 1; i < 4; i++) entry(i, '', 0, FREE, FREE, FREE, 0);
  return out;
}

/**
 * A workbook with a password to open, as Excel and WPS store one: a compound file with the EncryptionInfo and
 * EncryptedPackage streams (the package's size, then what stands for its ciphertext: nothing here decrypts it).
 */
export async function passwordWorkbook(): Promise<Uint8Array> {
  const xlsx = await cleanWorkbook();
  const info = new TextEncoder().encode('\u0004\u0000\u0004\u0000\u0040\u0000\u0000\u0000<?xml version="1.0" encoding="UTF-8" standalone="yes"?><encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"/>');
  const pkg = new Uint8Array(8 + xlsx.length);
  new DataView(pkg.buffer).setUint32(0, xlsx.length, true);
  pkg.set(xlsx.map((b, i) => b ^ (i * 31 + 7)), 8);
  return compoundFile([
    { name: 'EncryptionInfo', data: info },
    { name: 'EncryptedPackage', data: pkg },
  ]);
}

export const csvExport = (): Uint8Array => new TextEncoder().encode('\uFEFF项目编号,项目名称,总投资（亿元）\r\nP-AAAA0001,新能源电池项目,12\r\n');
/** The "xls" many government systems export: an HTML table. */
export const htmlXls = (): Uint8Array =>
  new TextEncoder().encode('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"></head><body><table><tr><td>项目编号</td><td>项目名称</td></tr></table></body></html>');

/** The first half of a real .xlsx: a download that did not finish. */
export async function truncatedXlsx(): Promise<Uint8Array> {
  const xlsx = await cleanWorkbook();
  return xlsx.slice(0, Math.floor(xlsx.length / 2));
}

async function zipOf(files: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [path, text] of Object.entries(files)) zip.file(path, text);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const CT = (override: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${override}</Types>`;

/** A minimal Word document, as its parts are laid out (word/document.xml, no xl/). */
export const wordDocument = () =>
  zipOf({
    '[Content_Types].xml': CT('<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'),
    '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/document.xml': '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>招商项目情况汇报</w:t></w:r></w:p></w:body></w:document>',
  });
export const powerPointDeck = () => zipOf({ '[Content_Types].xml': CT(''), 'ppt/presentation.xml': '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>' });
export const binaryWorkbook = () => zipOf({ '[Content_Types].xml': CT(''), 'xl/workbook.bin': '\u0083\u0001\u0000' });
export const openDocumentSheet = () => zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>' });
export const plainZip = () => zipOf({ '附件/说明.txt': '请查收' });
