/**
 * The leaders' phone page (mobile.html): read-only — the week's red list with the leader in charge and the reasons,
 * per-unit counts, who has not reported, the 12-week trend (ECharts, its own chunk) and a project's timeline on tap.
 * Signed in like the task pane's browser file mode (addin/taskpane/auth): no deployment.json → the local stack's
 * dev token (or ?token=); a cloud deployment → MSAL's redirect flow in the page.
 */
import type { Dashboard, HistoryResponse, RedFlagItem } from '../../contract';
import { callApi, type ApiTarget, type FetchLike } from '../app/client';
import { createPaneAuth, loadRuntimeConfig, SignInRequiredError } from '../taskpane/auth';
import { devTokenSource, tokenFromQuery } from '../taskpane/auth/dev-token';
import { pickLang, TEXTS, type Lang } from './texts';
import { dashboardView, h, redCard, timelineView, trendLines, type ViewHandlers } from './view';

const LANG_KEY = 'invest-flags.mobile.lang';

function savedLang(): Lang | null {
  try {
    const l = localStorage.getItem(LANG_KEY);
    return l === 'zh' || l === 'en' ? l : null;
  } catch {
    return null;
  }
}

async function apiTarget(): Promise<ApiTarget> {
  const config = await loadRuntimeConfig((url) => fetch(url, { cache: 'no-store' }));
  const plain = fetch.bind(globalThis) as unknown as FetchLike;
  if (config.kind === 'local') {
    const token = tokenFromQuery(location.search) ?? (await devTokenSource((url) => fetch(url))(location.origin));
    return { url: location.origin, token, fetch: plain };
  }
  const auth = await createPaneAuth(config, 'file', { pageUrl: location.href });
  if (!auth.session || !auth.access) throw new SignInRequiredError();
  if (!(await auth.session.start())) {
    await auth.session.signIn(); // navigates to the sign-in page and back
    throw new SignInRequiredError();
  }
  return { url: auth.access.apiUrl, token: '', fetch: auth.access.wrap(plain) };
}

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  let lang: Lang = savedLang() ?? pickLang(navigator.languages?.length ? navigator.languages : [navigator.language]);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  root.textContent = TEXTS[lang].loading;
  let api: ApiTarget;
  try {
    api = await apiTarget();
  } catch (e) {
    root.textContent = e instanceof SignInRequiredError ? TEXTS[lang].signIn : TEXTS[lang].failed;
    return;
  }
  const get = <T>(path: string, query?: Record<string, string | undefined>) => callApi<T>(api, { method: 'GET', path, ...(query ? { query } : {}) }, { maxAttempts: 2 });
  const [board, config] = await Promise.all([get<Dashboard>('dashboard'), get<{ county?: string }>('config').catch(() => ({ county: '' }))]);
  let next = board.redFlagsNext;
  let trendKey = 'total';
  let resize: (() => void) | null = null;

  const drawChart = async () => {
    const el = document.getElementById('chart');
    if (!el || !board.trend) return;
    const { drawTrend } = await import('./chart');
    const t = TEXTS[lang];
    resize = drawTrend(el, { weeks: board.trend.weeks, ...trendLines(board.trend, trendKey), names: { red: t.red, yellow: t.yellow } });
  };

  const handlers: ViewHandlers = {
    openProject: (item) => void openTimeline(item),
    more: () => void loadMore(),
    pickTrend: (key) => {
      trendKey = key;
      void drawChart();
    },
    toggleLang: () => {
      lang = lang === 'zh' ? 'en' : 'zh';
      try {
        localStorage.setItem(LANG_KEY, lang);
      } catch {
        /* not kept */
      }
      document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
      render();
    },
  };

  function render(): void {
    board.redFlagsNext = next;
    root.replaceChildren(dashboardView(board, config.county ?? '', TEXTS[lang], lang, handlers));
    const pick = document.getElementById('trend-pick') as HTMLSelectElement | null;
    if (pick) pick.value = trendKey;
    void drawChart();
  }

  async function loadMore(): Promise<void> {
    if (!next) return;
    const page = await get<Dashboard>('dashboard', { nextToken: next });
    board.redFlags.push(...page.redFlags);
    next = page.redFlagsNext;
    const list = document.getElementById('red-list');
    list?.append(...page.redFlags.map((r) => redCard(r, TEXTS[lang], lang, handlers)));
    if (!next) document.getElementById('more')?.remove();
  }

  async function openTimeline(item: RedFlagItem): Promise<void> {
    const close = () => document.getElementById('timeline')?.remove();
    close();
    const t = TEXTS[lang];
    document.body.append(timelineView(item, null, t, lang, close));
    try {
      const history = await get<HistoryResponse>(`projects/${encodeURIComponent(item.project.id)}/history`);
      document.getElementById('timeline')?.replaceWith(timelineView(item, history.events, t, lang, close));
    } catch {
      document.getElementById('timeline')?.replaceWith(h('div', { class: 'sheet', id: 'timeline' }, t.failed));
    }
  }

  addEventListener('resize', () => resize?.());
  render();
}

main().catch(() => {
  const root = document.getElementById('app');
  if (root) root.textContent = '加载失败，请刷新重试。 Could not load; reload to try again.';
});
