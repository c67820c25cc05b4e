/**
 * The open workbook's own name, for the backend's records ("平邑县招商台账.xlsx"). OfficeWorkbookGateway.readWorkbook
 * reads workbook.name (ExcelApi 1.7: it follows a Save As) with the sheet list; older hosts name the file by its URL.
 */
import type { OfficeHost } from './host';

/** The name in the document URL; '' when the host does not know it (a new, never saved workbook) or fails to say. */
export function urlName(host: OfficeHost): string {
  try {
    return fileNameOf(host.documentUrl?.() ?? null);
  } catch {
    return '';
  }
}

/**
 * The file name in a document URL or path: "C:\台账\平邑.xlsx", "/Users/x/平邑.xlsx",
 * "https://x.sharepoint.com/Shared%20Documents/%E5%B9%B3.xlsx?web=1" → its last segment, %-decoded; a SharePoint
 * viewer URL names the file in its `file` parameter. Pure.
 */
export function fileNameOf(url: string | null | undefined): string {
  if (!url) return '';
  const fileParam = /[?&]file=([^&#]+)/i.exec(url);
  const path = fileParam ? fileParam[1]! : url.replace(/[?#].*$/, '');
  const last = path.split(/[\\/]/).filter(Boolean).pop() ?? '';
  try {
    return decodeURIComponent(last.replace(/\+/g, fileParam ? ' ' : '+'));
  } catch {
    return last;
  }
}
