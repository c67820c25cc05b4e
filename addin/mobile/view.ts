/**
 * The phone page's view: builds the DOM of the dashboard (summary, red list, units, who has not reported, trend
 * picker) and of a project's timeline. No fetching here; mobile.ts passes the answers and the callbacks.
 */
import type { Dashboard, HistoryEvent, RedFlagItem, Trend, TrendSeries } from '../../contract';
import { STAGE_NAMES } from '../../contract/fields';
import type { Lang, Texts } from './texts';

const colon = (lang: Lang) => (lang === 'zh' ? '：' : ': ');
const paren = (lang: Lang, n: number) => (lang === 'zh' ? `（${n}）` : ` (${n})`);

type Child = Node | string | null | false | undefined;

export function h(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== false && c !== undefined) el.append(c);
  return el;
}

export interface ViewHandlers {
  openProject(item: RedFlagItem): void;
  more(): void;
  pickTrend(key: string): void;
  toggleLang(): void;
}

const fmtTime = (iso: string, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

export function redCard(item: RedFlagItem, t: Texts, lang: Lang, on: ViewHandlers): HTMLElement {
  const p = item.project;
  const card = h(
    'li',
    { class: 'red-card', role: 'button', tabindex: '0', 'data-id': p.id },
    h('div', { class: 'red-head' }, h('span', { class: 'dot red' }), h('strong', { class: 'name' }, p.name || p.id), h('span', { class: 'days' }, t.days(item.daysFlagged))),
    h('div', { class: 'meta' }, `${p.unit || t.noUnit} · ${STAGE_NAMES[p.stage][lang]} · ${t.leader}${colon(lang)}${p.leader ?? t.noLeader}`),
    h('ul', { class: 'reasons' }, ...item.reasons.map((r) => h('li', { class: r.level }, r.message[lang]))),
  );
  const open = () => on.openProject(item);
  card.addEventListener('click', open);
  card.addEventListener('keydown', (e) => (e.key === 'Enter' ? open() : undefined));
  return card;
}

export function trendLines(trend: Trend, key: string): TrendSeries {
  if (key.startsWith('list:')) return trend.lists[key.slice(5) as keyof Trend['lists']];
  if (key.startsWith('unit:')) return trend.units.find((u) => u.unit === key.slice(5)) ?? trend.total;
  return trend.total;
}

export function dashboardView(d: Dashboard, county: string, t: Texts, lang: Lang, on: ViewHandlers): HTMLElement {
  const red = d.redFlagsTotal ?? d.redFlags.length;
  const trend = d.trend;
  const langButton = h('button', { class: 'lang', type: 'button' }, t.lang);
  langButton.addEventListener('click', on.toggleLang);
  const more = d.redFlagsNext ? h('button', { class: 'more', type: 'button', id: 'more' }, t.more) : null;
  more?.addEventListener('click', on.more);
  const picker = trend
    ? h(
        'select',
        { id: 'trend-pick', 'aria-label': t.trend },
        h('option', { value: 'total' }, t.county),
        ...(['clue', 'signed', 'landed', 'producing'] as const).map((l) => h('option', { value: `list:${l}` }, STAGE_NAMES[l][lang])),
        ...trend.units.map((u) => h('option', { value: `unit:${u.unit}` }, u.unit || t.noUnit)),
      )
    : null;
  picker?.addEventListener('change', () => on.pickTrend((picker as HTMLSelectElement).value));
  return h(
    'main',
    {},
    h('header', {}, h('div', { class: 'title-row' }, h('h1', {}, county ? `${county} · ${t.title}` : t.title), langButton), h('p', { class: 'sub' }, `${t.week(d.week)} · ${t.asOf(fmtTime(d.asOf, lang))}`)),
    h(
      'section',
      { class: 'tiles' },
      h('div', { class: 'tile red' }, h('b', {}, String(red)), h('span', {}, t.red)),
      h('div', { class: 'tile yellow' }, h('b', {}, String(d.total.yellow)), h('span', {}, t.yellow)),
      h('div', { class: 'tile' }, h('b', {}, String(d.total.count)), h('span', {}, t.projects)),
    ),
    h(
      'section',
      { id: 'red' },
      h('h2', {}, `${t.redList}${paren(lang, red)}`),
      d.redFlags.length ? h('ul', { class: 'red-list', id: 'red-list' }, ...d.redFlags.map((r) => redCard(r, t, lang, on))) : h('p', { class: 'none' }, t.redNone),
      more,
    ),
    trend ? h('section', { id: 'trend' }, h('h2', {}, t.trend), picker, h('div', { id: 'chart', class: 'chart' })) : null,
    h(
      'section',
      { id: 'units' },
      h('h2', {}, t.units),
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, h('th', {}, t.unit), h('th', {}, t.total), h('th', {}, t.red), h('th', {}, t.yellow))),
        h(
          'tbody',
          {},
          ...d.units.map((u) => h('tr', {}, h('td', {}, u.unit || t.noUnit), h('td', {}, String(u.total)), h('td', { class: u.red ? 'red' : '' }, String(u.red)), h('td', { class: u.yellow ? 'yellow' : '' }, String(u.yellow)))),
        ),
      ),
    ),
    h(
      'section',
      { id: 'not-reported' },
      h('h2', {}, `${t.notReported}${paren(lang, d.notReported.length)}`),
      d.notReported.length ? h('ul', { class: 'plain' }, ...d.notReported.map((n) => h('li', {}, h('strong', {}, n.unit || t.noUnit), ` · ${t.active(n.active)}`))) : h('p', { class: 'none' }, t.notReportedNone),
    ),
  );
}

function eventLine(e: HistoryEvent, t: Texts, lang: Lang): HTMLElement {
  const what: string[] = [];
  if (e.transition) what.push(`${STAGE_NAMES[e.transition.from][lang]} → ${STAGE_NAMES[e.transition.to][lang]}${e.transition.on ? `（${e.transition.on}）` : ''}`);
  if (e.flag) what.push(`${t.flagNames[e.flag.from]} → ${t.flagNames[e.flag.to]}`);
  const changed = Object.keys(e.changes ?? {}).length;
  if (changed && e.kind !== 'created') what.push(t.changed(changed));
  return h(
    'li',
    { class: `event ${e.flag?.to ?? ''}` },
    h('div', { class: 'when' }, `${fmtTime(e.at, lang)} · ${t.kinds[e.kind] ?? e.kind}`),
    what.length ? h('div', { class: 'what' }, what.join('；')) : null,
    h('div', { class: 'who' }, t.by(e.user?.name ?? e.by)),
  );
}

/** The timeline sheet over the page: the project's events, newest first. */
export function timelineView(item: RedFlagItem, events: readonly HistoryEvent[] | null, t: Texts, lang: Lang, close: () => void): HTMLElement {
  const button = h('button', { class: 'close', type: 'button' }, t.close);
  button.addEventListener('click', close);
  return h(
    'div',
    { class: 'sheet', id: 'timeline', role: 'dialog', 'aria-label': t.history },
    h('div', { class: 'sheet-head' }, h('strong', {}, item.project.name || item.project.id), button),
    h('p', { class: 'meta' }, `${item.project.unit || t.noUnit} · ${t.leader}${colon(lang)}${item.project.leader ?? t.noLeader}`),
    h('h3', {}, t.history),
    events === null ? h('p', {}, t.loading) : h('ol', { class: 'events' }, ...[...events].reverse().map((e) => eventLine(e, t, lang))),
  );
}
