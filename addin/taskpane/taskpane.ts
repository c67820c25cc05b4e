/**
 * The task pane's entry (composition root): detect the host (asking Office through addin/office/ready.ts) and read
 * the runtime configuration (cloud deployment.json, or none locally), wire the services for that mode (loaded as a
 * separate chunk, so ExcelJS is fetched only in file mode, and addin/office only in Excel) and the sign-in for that
 * host (Office's dialog from the Office chunk; MSAL, also a chunk, only in the cloud), start the pane.
 */
import { createPaneAuth, loadRuntimeConfig, type PaneAuth } from './auth';
import { startPane } from './controller';
import { officeReady } from '../office/ready';
import { detectHost, openedByOffice } from './hosts/detect';
import type { Lang } from './i18n';
import { tokenFromQuery } from './auth/dev-token';

const LANG_KEY = 'invest-flags.lang';
const TOKEN_KEY = 'invest-flags.token';

function stored(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null; // storage can be blocked (private mode, some Office hosts)
  }
}

function store(storage: () => Storage, key: string, value: string): void {
  try {
    storage().setItem(key, value);
  } catch {
    /* not persisted; the pane still works */
  }
}

/**
 * Adds office.js (its URL written into the page by the build) as a script element; resolves when it has run,
 * false when it could not load (detection then falls back to file mode after its wait).
 */
function loadOfficeJs(): Promise<boolean> {
  const src = document.querySelector<HTMLMetaElement>('meta[name="office-js"]')?.content;
  if (!src) return Promise.resolve(false);
  return new Promise((resolve) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve(true);
    script.onerror = () => resolve(false);
    document.head.appendChild(script);
  });
}

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  // Only a pane opened by Office loads office.js and waits for Office.onReady; the browser file mode never fetches it.
  const ready = openedByOffice(location.search) ? () => loadOfficeJs().then((ok) => (ok ? officeReady() : null)) : () => Promise.resolve(null);
  const [host, config] = await Promise.all([
    detectHost(ready, navigator.language),
    loadRuntimeConfig((url) => fetch(url, { cache: 'no-store' })).catch((err: unknown) => err as Error),
  ]);
  const officeMode = host.mode === 'office' ? await import('./hosts/office-host') : null;
  const services = officeMode ? officeMode.officeServices(host.displayLanguage) : (await import('./hosts/file-host')).fileServices(host.displayLanguage);
  let auth: PaneAuth | null = null;
  let authError: unknown;
  try {
    if (config instanceof Error) throw config;
    auth = await createPaneAuth(config, host.mode, officeMode ? { office: officeMode.officeAuth } : {});
    if (auth.access) services.connect?.(auth.access);
  } catch (err) {
    authError = err;
    auth = { flow: 'unsupported', session: null, access: null };
  }
  const lang = stored(() => localStorage, LANG_KEY);
  await startPane(root, services, {
    auth,
    authError,
    lang: lang === 'zh' || lang === 'en' ? (lang as Lang) : null,
    // Dev tokens belong to the local stack; in the cloud the token comes from sign-in only.
    token: auth.flow === 'local' ? tokenFromQuery(location.search) ?? stored(() => sessionStorage, TOKEN_KEY) : null,
    saveLang: (l) => store(() => localStorage, LANG_KEY, l),
    saveToken: (tk) => store(() => sessionStorage, TOKEN_KEY, tk),
  });
}

main().catch(() => {
  // Only when a chunk cannot load at all; everything after start-up reports through the pane itself.
  const root = document.getElementById('app');
  if (root) root.textContent = '无法加载任务窗格，请刷新页面或检查网络。 The task pane could not load; reload the page or check the network.';
});
