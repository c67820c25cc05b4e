/** One raw cell → its field's value, by the field's type in the catalogue. Never throws. */
import { FIELD_BY_KEY, type FieldError, type FieldKey, type FieldSpec, type RawCell } from '../../../contract/vocabulary';
import type { FieldValue, ParseContext } from '../types';
import { isBlankCell, isExcelError } from './blank';
import { parseLedgerDate } from './dates';
import { parseEnum } from './enums';
import { fieldError, unknownFieldError } from './messages';
import { parseMoney } from './money';
import { parseArea } from './area';
import { columnUnit } from './numbers';
import { DEFAULT_CHOICES, parseChoice } from './choice';
import { parseInteger } from './numbers';
import { fail, ok, type Parsed } from './result';
import { parseId, parseLongText, parseText } from './text';

export type CellResult = { ok: true; value: FieldValue } | { ok: false; error: FieldError };

const isCellValue = (raw: unknown): raw is RawCell | undefined =>
  raw === null || raw === undefined || typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean';

/** The options of a configured choice field (招商方式): the caller's (the county config), else the defaults. */
const choicesOf = (ctx: ParseContext): readonly string[] => ctx?.investmentMethods ?? DEFAULT_CHOICES;

function parseByType(spec: FieldSpec, raw: RawCell | undefined, ctx: ParseContext): Parsed<string | number> {
  if (raw === undefined) return ok(null);
  switch (spec.type) {
    case 'date':
      return parseLedgerDate(raw, ctx?.dateSystem);
    case 'money':
      return parseMoney(raw, columnUnit(spec.key, ctx ?? {}));
    case 'integer':
      return parseInteger(raw);
    case 'enum':
      return parseEnum(raw, spec.enumKey!);
    case 'area':
      return parseArea(raw, columnUnit(spec.key, ctx ?? {}));
    case 'choice':
      return parseChoice(raw, choicesOf(ctx));
    default: {
      // Text-like fields keep "无" (it is the clerk's answer); only empty cells and placeholders are blank.
      if (raw === null || isBlankCell(raw)) return ok(null);
      if (spec.type === 'id') return parseId(raw);
      return spec.type === 'longText' ? parseLongText(raw) : parseText(raw);
    }
  }
}

export function parseCell(raw: RawCell | undefined, field: FieldKey, ctx: ParseContext): CellResult {
  const spec = Object.hasOwn(FIELD_BY_KEY, field) ? FIELD_BY_KEY[field] : undefined;
  if (!spec) return { ok: false, error: unknownFieldError(field) };
  const parsed = isExcelError(raw) ? fail('excel_error') : isCellValue(raw) ? parseByType(spec, raw, ctx) : fail('invalid_value');
  if (parsed.ok) return { ok: true, value: parsed.value };
  const unit = spec.type === 'money' || spec.type === 'area' ? columnUnit(spec.key, ctx ?? {}) : undefined;
  return { ok: false, error: fieldError(spec, parsed, raw, unit, spec.type === 'choice' ? choicesOf(ctx) : undefined) };
}
