/** A whole row: every field parsed on its own, so one bad cell never loses the others. */
import { FIELD_KEYS, FIELDS, type FieldError, type FieldKey, type RawCell } from '../../../contract/vocabulary';
import type { FieldValue, ParseContext, ParsedRow, ProjectFields } from '../types';
import { parseCell } from './cell';
import { requiredError } from './messages';

export function parseRow(cells: Partial<Record<FieldKey, RawCell>>, ctx: ParseContext): ParsedRow {
  const fields = {} as Record<FieldKey, FieldValue>;
  const errors: FieldError[] = [];
  for (const key of FIELD_KEYS) {
    const raw = cells != null && Object.hasOwn(cells, key) ? cells[key] : undefined;
    const result = parseCell(raw, key, ctx);
    fields[key] = result.ok ? result.value : null;
    if (!result.ok) errors.push(result.error);
  }
  // A required field that failed to parse already has its error; only a blank one needs "required".
  for (const spec of FIELDS) {
    if (spec.required && fields[spec.key] === null && !errors.some((e) => e.field === spec.key)) errors.push(requiredError(spec));
  }
  return { fields: fields as ProjectFields, errors };
}
