/**
 * Host detection, isolated here: Office.js present and Office.onReady reporting Excel → Office mode;
 * anything else (a plain browser, WPS's browser, office.js loaded outside Office) → browser file mode.
 */
import type { HostMode } from './model';

export interface HostInfo {
  mode: HostMode;
  /** Office's display language in Office mode, the browser's language otherwise. */
  displayLanguage: string;
}

interface OfficeLike {
  onReady?: () => Promise<{ host: string | null } | undefined>;
  context?: { displayLanguage?: string };
}

/** How long to wait for Office.onReady outside Office before choosing file mode. */
const READY_WAIT_MS = 4000;

export async function detectHost(win: { Office?: unknown; navigator?: { language?: string } } = globalThis as never): Promise<HostInfo> {
  const browserLanguage = win.navigator?.language ?? 'zh-CN';
  const office = win.Office as OfficeLike | undefined;
  if (!office || typeof office.onReady !== 'function') return { mode: 'file', displayLanguage: browserLanguage };
  let timer: Parameters<typeof clearTimeout>[0];
  const info = await Promise.race([
    office.onReady().catch(() => undefined),
    new Promise<undefined>((resolve) => (timer = setTimeout(resolve, READY_WAIT_MS))),
  ]);
  clearTimeout(timer);
  if (info?.host === 'Excel') return { mode: 'office', displayLanguage: office.context?.displayLanguage ?? 'zh-CN' };
  return { mode: 'file', displayLanguage: browserLanguage };
}
