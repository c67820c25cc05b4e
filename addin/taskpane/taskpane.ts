/**
 * The task pane's entry (composition root): detect the host, wire the services for that mode (loaded as a
 * separate chunk, so ExcelJS is fetched only in file mode), start the pane.
 */
import { startPane } from './controller';
import { detectHost } from './host';
import type { Lang } from './i18n';
import { tokenFromQuery } from './token';

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

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  const host = await detectHost();
  const services =
    host.mode === 'office'
      ? (await import('./office-host')).officeServices(host.displayLanguage)
      : (await import('./file-host')).fileServices(host.displayLanguage);
  const lang = stored(() => localStorage, LANG_KEY);
  await startPane(root, services, {
    lang: lang === 'zh' || lang === 'en' ? (lang as Lang) : null,
    token: tokenFromQuery(location.search) ?? stored(() => sessionStorage, TOKEN_KEY),
    saveLang: (l) => store(() => localStorage, LANG_KEY, l),
    saveToken: (tk) => store(() => sessionStorage, TOKEN_KEY, tk),
  });
}

main().catch(() => {
  // Only when a chunk cannot load at all; everything after start-up reports through the pane itself.
  const root = document.getElementById('app');
  if (root) root.textContent = '无法加载任务窗格，请刷新页面或检查网络。 The task pane could not load; reload the page or check the network.';
});
