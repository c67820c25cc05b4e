/**
 * Host detection's Office half: Office.onReady and Office's display language. The decision (which mode, how long
 * to wait) is the task pane's (addin/taskpane/hosts/detect.ts); this file only asks Office. Office is read from the global
 * at call time and typed loosely, so the pane still loads when office.js could not (WPS, offline browser).
 */
export interface OfficeReadyInfo {
  /** Office.onReady's host ("Excel", "Word"…); null when office.js runs outside Office. */
  host: string | null;
  /** Office.context.displayLanguage ("zh-CN"), when Office gives one. */
  displayLanguage: string | null;
}

interface OfficeLike {
  onReady?: () => Promise<{ host?: string | null } | undefined>;
  context?: { displayLanguage?: string };
}

/**
 * Waits for Office.onReady. Null without office.js, or when onReady fails; never throws. Outside Office onReady
 * may never settle, so callers race it against a timeout.
 */
export async function officeReady(g: unknown = globalThis): Promise<OfficeReadyInfo | null> {
  const office = (g as { Office?: OfficeLike }).Office;
  if (!office || typeof office.onReady !== 'function') return null;
  try {
    const info = await office.onReady();
    return { host: info?.host ?? null, displayLanguage: office.context?.displayLanguage ?? null };
  } catch {
    return null;
  }
}
