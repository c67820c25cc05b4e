/** The four lists as sheets: their names and the sheet-name aliases a ledger uses (client-only, DESIGN §3). */
import { normalizeHeader, type ListKey } from '../../contract';

export interface ListSpec {
  key: ListKey;
  zh: string;
  en: string;
  /** Sheet names (and stage-column values) that mean this list. */
  aliases: readonly string[];
}

export const LISTS: readonly ListSpec[] = [
  { key: 'clue', zh: '重点线索', en: 'Clues', aliases: ['重点线索', '线索', '招商线索', '重点招商线索', '线索清单', '重点线索清单', 'clues', 'clue', 'keyclues', 'leads', '在谈', '洽谈', '洽谈中', '储备', '储备项目', '在谈项目'] },
  { key: 'signed', zh: '签约项目', en: 'Signed', aliases: ['签约项目', '签约', '已签约', '签约清单', '签约项目清单', 'signed', 'signedprojects', '已签约项目'] },
  { key: 'landed', zh: '落地项目', en: 'Landed', aliases: ['落地项目', '落地', '开工项目', '已开工', '落地清单', '落地项目清单', 'landed', 'started', 'landedprojects', '开工', '在建', '建设中', '已落地', '在建项目'] },
  { key: 'producing', zh: '投产项目', en: 'Producing', aliases: ['投产项目', '投产', '已投产', '投产清单', '投产项目清单', 'producing', 'inproduction', 'production', '达产', '已达产'] },
];

/** Stage-column values that say a project was given up: the row is synced as 终止 (its status), from the clue list. */
export const DROPPED_STAGE_VALUES: readonly string[] = ['终止', '已终止', '暂停', '放弃', '已放弃', '取消', '退出'];

/** Sheet-name lookup: normalized alias → list. */
export const LIST_ALIASES: ReadonlyMap<string, ListKey> = new Map(
  LISTS.flatMap((l) => [l.zh, l.en, ...l.aliases].map((a) => [normalizeHeader(a), l.key] as const)),
);
