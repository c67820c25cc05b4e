/**
 * Host detection, decided here and asked of Office in addin/office/ready.ts (injected by the entry): Office.onReady
 * reporting Excel → Office mode; anything else (a plain browser, WPS's browser, office.js missing or loaded outside
 * Office, onReady never answering) → browser file mode.
 */
import type { HostMode } from '../model';

export interface HostInfo {
  mode: HostMode;
  /** Office's display language in Office mode, the browser's language otherwise. */
  displayLanguage: string;
}

/** What Office.onReady said (null: no Office.js, or it failed). */
export interface ReadyInfo {
  host: string | null;
  displayLanguage: string | null;
}

/**
 * Whether the pane was opened by Office, read from its URL before office.js is loaded: Office adds
 * `_host_Info=Excel$…` to the add-in's SourceLocation, and manifest.xml's SourceLocation carries `host=office`.
 * Either one → load office.js and ask Office.onReady; neither (the local stack's `/`, a plain browser, WPS) → file
 * mode at once, without office.js.
 */
export function openedByOffice(search: string): boolean {
  const q = new URLSearchParams(search);
  return q.get('host') === 'office' || q.has('_host_Info') || q.has('_host_info');
}

/** How long to wait for Office.onReady outside Office before choosing file mode. */
export const READY_WAIT_MS = 4000;

export async function detectHost(ready: () => Promise<ReadyInfo | null>, browserLanguage = 'zh-CN', waitMs = READY_WAIT_MS): Promise<HostInfo> {
  let timer: Parameters<typeof clearTimeout>[0];
  const info = await Promise.race([
    ready().catch(() => null),
    new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs))),
  ]);
  clearTimeout(timer);
  if (info?.host === 'Excel') return { mode: 'office', displayLanguage: info.displayLanguage ?? 'zh-CN' };
  return { mode: 'file', displayLanguage: browserLanguage };
}
