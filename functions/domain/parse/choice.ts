/**
 * A field whose options the county configures (招商方式: CountyConfig.investmentMethods): the cell's text,
 * normalised against the list. "以商招商", " 以商 招商 ", "以商" (the 招商 suffix left off) and "产业链招商、基金招商"
 * (several: the first is the main one) all match; anything else is a field error listing the options.
 */
import { normalizeHeader, type RawCell } from '../../../contract/vocabulary';
import { DEFAULT_CONFIG } from '../config';
import { isTypedBlank } from './blank';
import { fail, ok, type Parsed } from './result';

const SEPARATOR = /[、,，;；/|\n和及+]+/;
const SUFFIX = /(招商|招引|引进)$/;

/** The options a field takes when the caller passes none (the default configuration). */
export const DEFAULT_CHOICES: readonly string[] = DEFAULT_CONFIG.investmentMethods;

function lookup(options: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const o of options) {
    const k = normalizeHeader(o);
    if (!map.has(k)) map.set(k, o);
    const short = k.replace(SUFFIX, '');
    if (short !== '' && !map.has(short)) map.set(short, o);
  }
  return map;
}

const cache = new WeakMap<readonly string[], Map<string, string>>();
function lookupOf(options: readonly string[]): Map<string, string> {
  let m = cache.get(options);
  if (!m) cache.set(options, (m = lookup(options)));
  return m;
}

function find(map: Map<string, string>, text: string): string | undefined {
  const k = normalizeHeader(text);
  return map.get(k) ?? map.get(k.replace(SUFFIX, ''));
}

/** The configured option the cell names (its canonical spelling), or unknown_choice. */
export function parseChoice(raw: RawCell, options: readonly string[] = DEFAULT_CHOICES): Parsed<string> {
  if (isTypedBlank(raw)) return ok(null);
  if (typeof raw !== 'string') return fail('unknown_choice');
  const map = lookupOf(options);
  const whole = find(map, raw);
  if (whole !== undefined) return ok(whole);
  const parts = raw.normalize('NFKC').split(SEPARATOR).filter((p) => normalizeHeader(p) !== '');
  const values = parts.map((p) => find(map, p));
  if (parts.length > 1 && values.every((v) => v !== undefined)) return ok(values[0]!);
  return fail('unknown_choice');
}
