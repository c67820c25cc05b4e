/** Categories (投资方类型, 链条环节, 问题类别, 状态): any alias of an option → its canonical value. */
import { ENUMS, normalizeHeader, type EnumKey, type RawCell } from '../../../contract/vocabulary';
import { isTypedBlank } from './blank';
import { fail, ok, type Parsed } from './result';

/** normalized value/label/alias → canonical value, per enumeration; built once. */
const LOOKUP: ReadonlyMap<EnumKey, ReadonlyMap<string, string>> = new Map(
  (Object.keys(ENUMS) as EnumKey[]).map((key) => [
    key,
    new Map(ENUMS[key].flatMap((o) => [o.value, o.zh, o.en, ...o.aliases].map((a) => [normalizeHeader(a), o.value] as const))),
  ]),
);

/** Clerks list several ("土地、资金"); the first is the main one and the one recorded. */
const LIST_SEPARATOR = /[、,，;；/|\n和及]+/;

export function parseEnum(raw: RawCell, enumKey: EnumKey): Parsed<string> {
  if (isTypedBlank(raw)) return ok(null);
  if (typeof raw !== 'string' && typeof raw !== 'number') return fail('unknown_enum');
  const options = LOOKUP.get(enumKey)!;
  const text = String(raw);
  const whole = options.get(normalizeHeader(text));
  if (whole !== undefined) return ok(whole);
  const parts = text.normalize('NFKC').split(LIST_SEPARATOR).map(normalizeHeader).filter((p) => p !== '');
  const values = parts.map((p) => options.get(p));
  if (parts.length > 1 && values.every((v) => v !== undefined)) return ok(values[0]!);
  return fail('unknown_enum');
}
