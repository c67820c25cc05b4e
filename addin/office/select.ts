/** "Go to cell" from the task pane: show a sheet and select a cell in Excel. */
import { selectFailed } from './errors';
import { officeHost, type OfficeHost } from './host';

/**
 * Activates `sheet` and selects `address` ("E4") in one round trip: activating first is what makes a selection
 * on another sheet visible (and Excel rejects select() on an inactive sheet on some hosts). Fails with a
 * GatewayError (zh/en) naming the sheet when it was renamed or deleted since the sync.
 */
export async function selectCell(sheet: string, address: string, host: OfficeHost = officeHost()): Promise<void> {
  try {
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(address).select();
      await ctx.sync();
    });
  } catch (error) {
    throw selectFailed(error, sheet, address);
  }
}
