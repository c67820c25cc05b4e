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
  { key: 'clue', zh: '重点线索', en: 'Clues', aliases: ['重点线索', '线索', '招商线索', '重点招商线索', '线索清单', '重点线索清单', 'clues', 'clue', 'keyclues', 'leads'] },
  { key: 'signed', zh: '签约项目', en: 'Signed', aliases: ['签约项目', '签约', '已签约', '签约清单', '签约项目清单', 'signed', 'signedprojects'] },
  { key: 'landed', zh: '落地项目', en: 'Landed', aliases: ['落地项目', '落地', '开工项目', '已开工', '落地清单', '落地项目清单', 'landed', 'started', 'landedprojects'] },
  { key: 'producing', zh: '投产项目', en: 'Producing', aliases: ['投产项目', '投产', '已投产', '投产清单', '投产项目清单', 'producing', 'inproduction', 'production'] },
];

/** Sheet-name lookup: normalized alias → list. */
export const LIST_ALIASES: ReadonlyMap<string, ListKey> = new Map(
  LISTS.flatMap((l) => [l.zh, l.en, ...l.aliases].map((a) => [normalizeHeader(a), l.key] as const)),
);
