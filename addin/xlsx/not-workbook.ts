/**
 * A file that is not an .xlsx, told apart before ExcelJS sees it (whose message would be jszip's "Can't find end
 * of central directory"): an old .xls or WPS .et, a workbook with a password to open (both OLE2 compound files),
 * something that is not a zip at all (a CSV, an HTML "xls" exported by another system), a damaged zip, or a zip
 * that holds another kind of document. Each gets plain words and the next step, in zh and en. No Node APIs: the
 * browser's file mode uses this too.
 */
import JSZip from 'jszip';
import type { Message } from '../../contract';
import { GatewayError } from '../core/gateway';

export type NotWorkbookKind = 'xls' | 'encrypted' | 'csv' | 'html' | 'notZip' | 'damaged' | 'word' | 'powerpoint' | 'xlsb' | 'ods' | 'otherZip';

/**
 * A GatewayError (code 'io', name 'GatewayError'), so the command line prints it as it is (exit 2) and the task
 * pane shows its text as it is (taskpane/errors.ts); `kind` says which case it is.
 */
export class NotWorkbookError extends GatewayError {
  constructor(readonly kind: NotWorkbookKind, fileName?: string) {
    const msg = notWorkbookMessage(kind, fileName);
    super('io', msg.zh, msg.en);
  }
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Local file header, empty archive, spanned archive. */
const ZIP = [[0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06], [0x50, 0x4b, 0x07, 0x08]];
/** An encrypted OOXML file is a compound file with this stream; its directory entry holds the name in UTF-16LE. */
const ENCRYPTED_PACKAGE = Uint8Array.from([...'EncryptedPackage'].flatMap((c) => [c.charCodeAt(0), 0]));

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

function contains(bytes: Uint8Array, needle: Uint8Array): boolean {
  for (let i = bytes.indexOf(needle[0]!); i >= 0 && i + needle.length <= bytes.length; i = bytes.indexOf(needle[0]!, i + 1)) {
    let j = 1;
    while (j < needle.length && bytes[i + j] === needle[j]) j++;
    if (j === needle.length) return true;
  }
  return false;
}

/**
 * Text that is not a zip: an HTML page (the "xls" many government systems export is an HTML table), a CSV (or
 * tab-separated) export — its first line holds a separator and no NUL byte — or neither ('notZip').
 */
function textKind(bytes: Uint8Array): 'csv' | 'html' | 'notZip' {
  const head = bytes.subarray(0, 4096);
  if (head.length === 0 || head.includes(0)) return 'notZip';
  const text = new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (/^<(!doctype html|html|\?xml[^>]*>\s*<html|head|body|table|meta)\b/.test(text) || text.startsWith('<!doctype html')) return 'html';
  const first = text.split(/\r?\n/, 1)[0]!;
  return /[,\t;，]/.test(first) && !first.startsWith('<') ? 'csv' : 'notZip';
}

/** What the first bytes say, without unzipping: null when they look like a zip (which may still not be a workbook). */
export function sniffNotZip(data: ArrayBuffer | Uint8Array): NotWorkbookKind | null {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (startsWith(bytes, OLE2)) return contains(bytes, ENCRYPTED_PACKAGE) ? 'encrypted' : 'xls';
  return ZIP.some((magic) => startsWith(bytes, magic)) ? null : textKind(bytes);
}

/** A zip without xl/workbook.xml (where ExcelJS reads the workbook): what it is instead. */
async function otherZip(zip: JSZip): Promise<NotWorkbookKind> {
  const has = (path: string) => zip.file(path) !== null;
  if (has('xl/workbook.bin')) return 'xlsb';
  if (has('word/document.xml')) return 'word';
  if (has('ppt/presentation.xml')) return 'powerpoint';
  const mimetype = (await zip.file('mimetype')?.async('string')) ?? '';
  return mimetype.startsWith('application/vnd.oasis.opendocument.spreadsheet') ? 'ods' : 'otherZip';
}

/** The package of an .xlsx, or a NotWorkbookError saying what the file is instead. */
export async function openPackage(data: ArrayBuffer | Uint8Array, fileName?: string): Promise<JSZip> {
  const sniffed = sniffNotZip(data);
  if (sniffed) throw new NotWorkbookError(sniffed, fileName);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    throw new NotWorkbookError('damaged', fileName);
  }
  if (!zip.file('xl/workbook.xml')) throw new NotWorkbookError(await otherZip(zip), fileName);
  return zip;
}

/** The words for each case; the file's name when known ("「台账.xls」…"), else "此文件…". */
export function notWorkbookMessage(kind: NotWorkbookKind, fileName?: string): Message {
  const zh = fileName ? `「${fileName}」` : '此文件';
  const en = fileName ? `"${fileName}"` : 'This file';
  switch (kind) {
    case 'xls':
      return {
        zh: `${zh}是旧版工作簿格式（Excel 97–2003 的 .xls 或 WPS 的 .et），无法直接读取。请在 Excel 或 WPS 中另存为 .xlsx 后再同步。`,
        en: `${en} is in an old workbook format (Excel 97–2003 .xls or WPS .et) and cannot be read. Save it as .xlsx in Excel or WPS, then sync the new file.`,
      };
    case 'encrypted':
      return {
        zh: `${zh}设有打开密码，无法读取。请先在 Excel 或 WPS 中取消密码并保存，再同步。`,
        en: `${en} has a password to open, so it cannot be read. Remove the password in Excel or WPS and save, then sync.`,
      };
    case 'csv':
      return {
        zh: `${zh}是 CSV 文本导出（逗号分隔的表格文本），不是 Excel 工作簿（.xlsx），没有工作表和格式。请在 Excel 或 WPS 中打开它，另存为 .xlsx（Excel 工作簿）后再同步。`,
        en: `${en} is a CSV export (comma-separated text), not an Excel workbook (.xlsx): it has no sheets or formatting. Open it in Excel or WPS, save it as .xlsx (Excel Workbook), then sync the new file.`,
      };
    case 'html':
      return {
        zh: `${zh}是网页格式的表格（其他系统常把 HTML 网页导出成“.xls”），不是 Excel 工作簿（.xlsx）。请在 Excel 或 WPS 中打开它，另存为 .xlsx（Excel 工作簿）后再同步。`,
        en: `${en} is a table saved as a web page (HTML; other systems often export one named ".xls"), not an Excel workbook (.xlsx). Open it in Excel or WPS, save it as .xlsx (Excel Workbook), then sync the new file.`,
      };
    case 'notZip':
      return {
        zh: `${zh}不是 Excel 工作簿（.xlsx）。如果它能在 Excel 或 WPS 中打开（例如其他系统导出的表格），请另存为 .xlsx 后再同步。`,
        en: `${en} is not an Excel workbook (.xlsx). If it opens in Excel or WPS (an export from another system, say), save it as .xlsx, then sync the new file.`,
      };
    case 'damaged':
      return {
        zh: `${zh}已损坏或不完整（例如没有下载完），无法读取。请重新获取该文件；如果 Excel 或 WPS 能打开它，请另存为 .xlsx 后再同步。`,
        en: `${en} is damaged or incomplete (a download that did not finish, say) and cannot be read. Get the file again; if Excel or WPS opens it, save it as .xlsx, then sync the new file.`,
      };
    case 'xlsb':
      return {
        zh: `${zh}是 Excel 二进制工作簿（.xlsb），无法直接读取。请在 Excel 中另存为 .xlsx 后再同步。`,
        en: `${en} is an Excel binary workbook (.xlsb) and cannot be read. Save it as .xlsx in Excel, then sync the new file.`,
      };
    case 'ods':
      return {
        zh: `${zh}是 OpenDocument 表格（.ods），无法直接读取。请在 WPS 或 Excel 中另存为 .xlsx 后再同步。`,
        en: `${en} is an OpenDocument spreadsheet (.ods) and cannot be read. Save it as .xlsx in WPS or Excel, then sync the new file.`,
      };
    case 'word':
      return { zh: `${zh}是 Word 文档，不是 Excel 工作簿（.xlsx）。请选择 .xlsx 工作簿。`, en: `${en} is a Word document, not an Excel workbook (.xlsx). Choose an .xlsx workbook.` };
    case 'powerpoint':
      return { zh: `${zh}是 PowerPoint 演示文稿，不是 Excel 工作簿（.xlsx）。请选择 .xlsx 工作簿。`, en: `${en} is a PowerPoint presentation, not an Excel workbook (.xlsx). Choose an .xlsx workbook.` };
    case 'otherZip':
      return { zh: `${zh}是压缩包，不是 Excel 工作簿（.xlsx）。请选择 .xlsx 工作簿。`, en: `${en} is a zip archive, not an Excel workbook (.xlsx). Choose an .xlsx workbook.` };
  }
}
