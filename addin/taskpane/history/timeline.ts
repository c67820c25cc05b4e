/**
 * A project's history (GET /v1/projects/{id}/history) as the lines the pane shows — pure, so each wording is
 * unit-tested: newest first; who (name, else e-mail, else the recorded label); from which workbook; each changed
 * field by its Chinese/English name from the contract, old → new; stage transitions; flag changes with the rules
 * that fired.
 */
import { ENUMS, FIELD_BY_KEY, STAGE_NAMES, type FieldKey, type FlagLevel, type HistoryEvent, type RuleId } from '../../../contract';
import { formatTime, t, type Lang, type MessageKey } from '../i18n';

export interface ChangeLine {
  field: FieldKey;
  label: string;
  from: string;
  to: string;
}

export interface TimelineEntry {
  version: number;
  kind: HistoryEvent['kind'];
  /** "新建", "修改", "阶段变化", "旗帜变化". */
  kindLabel: string;
  when: string;
  /** ISO instant, for a tooltip / <time datetime>. */
  at: string;
  who: string;
  /** E-mail or subject behind the name, when it differs. */
  whoDetail: string;
  workbook: string;
  changes: ChangeLine[];
  /** "重点线索 → 签约项目（2026-02-20）". */
  transition: string | null;
  flag: { from: FlagLevel; to: FlagLevel; rules: string[] } | null;
}

const KIND_TEXT: Record<HistoryEvent['kind'], MessageKey> = { created: 'historyCreated', fields: 'historyFields', transition: 'historyTransition', flag: 'historyFlag' };

const RULE_TEXT: Record<RuleId, MessageKey> = {
  'weekly-update': 'ruleWeeklyUpdate',
  'clue-stalled': 'ruleClueStalled',
  'signed-not-started': 'ruleSignedNotStarted',
  'milestone-overdue': 'ruleMilestoneOverdue',
  'problem-open': 'ruleProblemOpen',
  escalation: 'ruleEscalation',
  'missing-owner': 'ruleMissingOwner',
  'contribution-below-standard': 'ruleContributionBelowStandard',
};

const FIELD_ORDER = new Map(Object.keys(FIELD_BY_KEY).map((k, i) => [k as FieldKey, i]));

/** A stored field value as a clerk would read it: enum labels, 亿元 for money, "（空）" for nothing. */
export function fieldValue(lang: Lang, field: FieldKey, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return t(lang, 'historyEmptyValue');
  const spec = FIELD_BY_KEY[field];
  if (spec.enumKey) {
    const option = ENUMS[spec.enumKey].find((o) => o.value === value);
    if (option) return option[lang];
  }
  if (spec.type === 'money' && typeof value === 'number') return t(lang, 'historyMoney', { n: value });
  return String(value);
}

export function timelineOf(lang: Lang, events: readonly HistoryEvent[]): TimelineEntry[] {
  return [...events]
    .sort((a, b) => b.version - a.version)
    .map((e): TimelineEntry => {
      const name = e.user?.name?.trim() || e.user?.email || e.by;
      const detail = e.user?.email && e.user.email !== name ? e.user.email : e.by !== name ? e.by : '';
      const changes = (Object.entries(e.changes ?? {}) as Array<[FieldKey, { from: string | number | null; to: string | number | null }]>)
        .filter(([field]) => field in FIELD_BY_KEY)
        // In the contract's field order, so every event reads the same way.
        .sort(([a], [b]) => FIELD_ORDER.get(a)! - FIELD_ORDER.get(b)!)
        .map(([field, c]) => ({ field, label: FIELD_BY_KEY[field][lang], from: fieldValue(lang, field, c.from), to: fieldValue(lang, field, c.to) }));
      return {
        version: e.version,
        kind: e.kind,
        kindLabel: t(lang, KIND_TEXT[e.kind] ?? 'historyFields'),
        when: formatTime(lang, e.at),
        at: e.at,
        who: name,
        whoDetail: detail,
        workbook: e.workbookName || (e.workbook ? t(lang, 'historyWorkbookId', { id: e.workbook }) : t(lang, 'historyWorkbookUnknown')),
        changes,
        transition: e.transition
          ? t(lang, 'historyStageChange', { from: STAGE_NAMES[e.transition.from][lang], to: STAGE_NAMES[e.transition.to][lang], on: e.transition.on })
          : null,
        flag: e.flag ? { from: e.flag.from, to: e.flag.to, rules: e.flag.rules.map((r) => (RULE_TEXT[r] ? t(lang, RULE_TEXT[r]) : r)) } : null,
      };
    });
}
