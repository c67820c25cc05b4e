/**
 * Browser file mode (WPS offices, or any browser): the clerk opens an .xlsx, syncs it through the ExcelJS
 * gateway in the page, and downloads the flagged workbook (warned first of any parts the copy will not keep).
 * Loaded as its own chunk, with ExcelJS.
 */
import { NotWorkbookError, unkeptNotice, XlsxGateway } from '../../xlsx';
import type { FetchLike } from '../../app';
import type { PaneServices } from '../services';
import { devTokenSource } from '../auth/dev-token';
import { workbookServices } from '../sync/workbook-services';
import { rememberedWorkbooks } from './remembered-workbooks';

class NotXlsxError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'NotXlsxError';
  }
}

/**
 * "台账.xlsx" → "台账-flagged.xlsx": the name the command line gives its copy (cli/args besideInput), so a file
 * synced either way is called the same; never the original's name, so the download cannot overwrite it.
 */
export function flaggedName(name: string): string {
  const base = name.replace(/\.[^./\\]+$/, '');
  return `${base}-flagged.xlsx`;
}

export function fileServices(displayLanguage: string, storage: () => Pick<Storage, 'getItem' | 'setItem'> = () => localStorage): PaneServices {
  let gateway: XlsxGateway | null = null;
  let fileName = '';
  // The original the clerk keeps opening holds no workbook id: it is synced as the same workbook each time.
  const ids = rememberedWorkbooks(storage);
  return workbookServices({
    mode: 'file',
    displayLanguage,
    gateway: () => gateway,
    workbookName: () => fileName,
    workbookIds: { idFor: () => ids.idFor(fileName), syncedAs: (id) => ids.syncedAs(fileName, id) },
    defaultApiUrl: location.origin,
    fetch: fetch.bind(globalThis) as FetchLike,
    fallbackToken: devTokenSource((url) => fetch(url)),
    async openFile(name, data) {
      try {
        gateway = await XlsxGateway.load(data, name);
      } catch (err) {
        // An .xls, a password, a Word document…: its own words, naming the file (a GatewayError, shown as it is).
        if (err instanceof NotWorkbookError) throw err;
        throw new NotXlsxError(err instanceof Error ? err.message : String(err));
      }
      fileName = name;
      // Charts, pivot tables, macros… ExcelJS cannot write back: the clerk is told before syncing or downloading.
      return { unkept: unkeptNotice(gateway.unkept) };
    },
    async download() {
      if (!gateway) throw new Error('No workbook is open.');
      const bytes = await gateway.save();
      return { name: flaggedName(fileName), data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
    },
  });
}
