/**
 * A gateway for one sync whose reads were made ahead (the Office gateway reads name, settings and sheets in two
 * round trips, where readSettings + readSheets take three): readSettings() and readSheets() answer from that read
 * the first time each is asked — runSync asks each once, before any write — and read afresh after; writes pass through.
 */
import type { SheetSnapshot, WorkbookGateway, WorkbookSettings } from '../core';

export function readAhead(gateway: WorkbookGateway, read: { settings: WorkbookSettings; sheets: SheetSnapshot[] }): WorkbookGateway {
  let settings: WorkbookSettings | null = read.settings;
  let sheets: SheetSnapshot[] | null = read.sheets;
  return {
    async readSettings() {
      const got = settings ?? (await gateway.readSettings());
      settings = null;
      return got;
    },
    async readSheets() {
      const got = sheets ?? (await gateway.readSheets());
      sheets = null;
      return got;
    },
    ...(gateway.readDateSystem ? { readDateSystem: () => gateway.readDateSystem!() } : {}),
    apply: (plan) => gateway.apply(plan),
  };
}
