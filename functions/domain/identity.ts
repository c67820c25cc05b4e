/**
 * A project's identity by name (DESIGN §5): when a row's id is unknown to the store, the same project is looked
 * for among its unit's projects by normalised name. Pure: what "the same name" and "a near name" mean.
 *
 *   normalName("山东某某食品有限公司 年产10万吨罐头项目") === normalName("山东某某食品年产１０万吨罐头")
 *
 * Folded: width (NFKC), case, spaces and punctuation; legal forms (有限公司, 股份有限公司, …) wherever they stand,
 * since no project is called by one; and the generic words clerks add or drop (项目, 工程, 集团, 公司) only where
 * they end the name — inside it they are part of what it says, wherever a space falls: 沂澜生物工程 研发中心 is
 * 沂澜生物工程研发中心, not 沂澜生物研发中心.
 */
import { normalUnit } from './normalize';

/**
 * The rule's version, kept with the name index's mark: a change of what normalName folds changes index keys, so the
 * upkeep indexes every stored project again under the new ones (functions/app/upkeep.ts).
 */
export const NAME_RULE = 2;

const longestFirst = (words: string[]) => words.sort((a, b) => b.length - a.length);
const LEGAL_FORMS = longestFirst(['股份有限公司', '有限责任公司', '集团有限公司', '集团股份有限公司', '有限公司', '股份公司', '集团公司']);
const LEGAL_RE = new RegExp(`(?:${LEGAL_FORMS.join('|')})`, 'g');
const ENDINGS = longestFirst(['建设项目', '项目', '工程', '集团', '公司']);
const ENDINGS_RE = new RegExp(`(?:${ENDINGS.join('|')})+$`);
/** Spaces, punctuation and symbols of any script (after NFKC): 、，。·（）()【】“”"'-_/ … */
const NOISE = /[\s\p{P}\p{S}]+/gu;

/** NFKC, lower case, no spaces/punctuation, then `fold`; a name that is nothing but suffixes ("项目") keeps its letters. */
function normalised(name: string, fold: (base: string) => string): string {
  const base = name.normalize('NFKC').toLowerCase().replace(NOISE, '');
  const folded = fold(base);
  return folded.length > 0 ? folded : base;
}

/** The name as compared: NFKC, lower case, no spaces/punctuation, legal forms and the generic endings folded. */
export const normalName = (name: string): string => normalised(name, (base) => base.replace(LEGAL_RE, '').replace(ENDINGS_RE, ''));

/**
 * Rule 1's name (before NAME_RULE 2): every generic word folded wherever it stood. Its key is looked up beside the
 * current one while the index mark says rule 1 (functions/app/identity.ts): in the cloud, a sync between a deploy and
 * the next cut-off tick, whose upkeep indexes every project again, still finds a project whose key changed ("…项目一期").
 */
const RULE1_RE = new RegExp(`(?:${longestFirst([...LEGAL_FORMS, ...ENDINGS]).join('|')})`, 'g');
const rule1Name = (name: string): string => normalised(name, (base) => base.replace(RULE1_RE, ''));

/** The identity key of a project: its unit as compared (normalUnit) and its normalised name. */
export interface NameKey {
  unit: string;
  name: string;
}

function keyOf(name: string | null, unit: string | null, normal: (name: string) => string): NameKey | null {
  if (name === null || unit === null) return null;
  const n = normal(name);
  const u = normalUnit(unit);
  return n && u ? { unit: u, name: n } : null;
}

export const nameKeyOf = (name: string | null, unit: string | null): NameKey | null => keyOf(name, unit, normalName);
export const rule1NameKey = (name: string | null, unit: string | null): NameKey | null => keyOf(name, unit, rule1Name);

/** One string per key, for maps and the store's index key. */
export const nameKeyString = (k: NameKey): string => `${k.unit}#${k.name}`;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/**
 * Two different normalised names that may still be one project: one contains the other (the shorter at least 4
 * characters), without the containment cutting through a number — "罐头项目1" is not near "罐头项目12", but
 * "某某食品罐头" is near "山东某某食品罐头生产线".
 */
export function isNearName(a: string, b: string): boolean {
  if (a === b) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if ([...short].length < 4) return false;
  for (let at = long.indexOf(short); at >= 0; at = long.indexOf(short, at + 1)) {
    const before = long[at - 1];
    const after = long[at + short.length];
    const cutsNumber = (isDigit(before) && isDigit(short[0])) || (isDigit(after) && isDigit(short[short.length - 1]));
    if (!cutsNumber) return true;
  }
  return false;
}

/** A near name is at least this long (isNearName), so it holds its first GRAM characters. */
const GRAM = 4;

/**
 * The near names (isNearName) of any name among `names`, found without comparing every name: the shorter of a near
 * pair lies inside the longer, so the longer holds the shorter's first GRAM characters. Two lookups: names holding
 * the asked name's first GRAM characters (it is the shorter), and names whose first GRAM characters the asked name
 * holds (it is the longer). Answers indexes into `names`, ascending.
 */
export function nearNameFinder(names: readonly string[]): (name: string) => number[] {
  const holding = new Map<string, number[]>();
  const startingWith = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, i: number) => (map.get(key) ?? map.set(key, []).get(key)!).push(i);
  names.forEach((n, i) => {
    for (const g of grams(n)) add(holding, g, i);
    if (n.length >= GRAM) add(startingWith, n.slice(0, GRAM), i);
  });
  return (name) => {
    const candidates = new Set([...(holding.get(name.slice(0, GRAM)) ?? []), ...[...grams(name)].flatMap((g) => startingWith.get(g) ?? [])]);
    return [...candidates].filter((i) => isNearName(name, names[i]!)).sort((a, b) => a - b);
  };
}

function grams(n: string): Set<string> {
  const out = new Set<string>();
  for (let at = 0; at + GRAM <= n.length; at++) out.add(n.slice(at, at + GRAM));
  return out;
}
