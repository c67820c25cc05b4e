/**
 * Office mode: the open Excel workbook through addin/office (the only code that calls Excel.run and Office.*): the
 * gateway, "go to cell", the workbook's name, the selected row (for its project's history), and sign-in's dialog. The backend defaults to the page's origin (the dev server proxies /v1 to
 * the local stack).
 */
import * as office from '../../office';
import { officeCapabilities, openDialog } from '../../office/dialog';
import { readSelectedRow } from '../../office/selection';
import type { FetchLike } from '../../app';
import type { OfficeAuthPorts } from '../auth';
import type { PaneServices } from '../services';
import { devTokenSource } from '../auth/dev-token';
import { projectAtRow } from '../history/target';
import { toWorkbookSettings, workbookServices } from '../sync/workbook-services';

/** Sign-in's Office calls, handed to createPaneAuth by the entry (so they load with this chunk, in Excel only). */
export const officeAuth: OfficeAuthPorts = { capabilities: () => officeCapabilities(), openDialog: (url) => openDialog(url) };

export interface OfficeServicesDeps {
  host?: office.OfficeHost;
  fetch?: FetchLike;
  /** The backend when the settings name none (default: the page's origin). */
  origin?: string;
}

export function officeServices(displayLanguage: string, deps: OfficeServicesDeps = {}): PaneServices {
  const host = deps.host ?? office.officeHost();
  const gateway = new office.OfficeWorkbookGateway({ host });
  const fetchLike = deps.fetch ?? (fetch.bind(globalThis) as FetchLike);
  const services = workbookServices({
    mode: 'office',
    displayLanguage,
    // runSync reads name, settings and sheets through readWorkbook: 2 round trips, before any write.
    gateway: () => gateway,
    defaultApiUrl: deps.origin ?? globalThis.location?.origin ?? '',
    fetch: fetchLike,
    fallbackToken: devTokenSource(async (url) => {
      const res = await fetchLike(url, { method: 'GET', headers: {} });
      return { ok: res.status >= 200 && res.status < 300, json: async () => JSON.parse(await res.text()) as unknown };
    }),
    goToCell: (sheet, cell) => office.selectCell(sheet, cell, host),
  });
  return {
    ...services,
    // The workbook's mapping and header corrections as the pane holds them, as describe() uses them.
    selectedProject: async (settings) => projectAtRow(await readSelectedRow(host), toWorkbookSettings(settings)),
  };
}
