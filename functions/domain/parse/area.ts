/**
 * Land areas in 亩 (the unit county standards use: 投资强度 万元/亩, 亩均税收). A bare number is in its column's unit
 * (the header's "（平方米）", else 亩); text may name its own unit ("120亩", "8公顷", "80000平方米", "8万平方米").
 * 1 公顷 = 15 亩, 1 亩 = 2000/3 平方米 (666.67 m²).
 *
 * Like money: ranges are rejected rather than guessed, negatives and absurd sizes are field errors.
 */
import type { RawCell } from '../../../contract/vocabulary';
import { isTypedBlank } from './blank';
import { cleanNumericText, FIGURE, isNegativeText, isRangeText, roundNoise } from './numbers';
import { fail, ok, type Parsed } from './result';

/** 亩 per 平方米 and per 公顷. */
export const MU_PER_SQUARE_METRE = 3 / 2000;
export const MU_PER_HECTARE = 15;
/** 1,000,000 亩 (about 667 km²): more than any county project; a larger figure is a unit slip. */
export const MAX_AREA = 1_000_000;

/** 亩 per written unit (after cleanNumericText: NFKC, lower case, so ㎡ is "m2"). */
const UNIT_FACTORS: Readonly<Record<string, number>> = {
  亩: 1,
  mu: 1,
  公顷: MU_PER_HECTARE,
  ha: MU_PER_HECTARE,
  hectare: MU_PER_HECTARE,
  hectares: MU_PER_HECTARE,
  平方米: MU_PER_SQUARE_METRE,
  平米: MU_PER_SQUARE_METRE,
  m2: MU_PER_SQUARE_METRE,
  sqm: MU_PER_SQUARE_METRE,
};
const AREA_TEXT = new RegExp(`^(${FIGURE})(万)?(亩|mu|公顷|hectares?|ha|平方米|平米|m2|sqm)?$`);

/** Parses an area to 亩. `unit` is 亩 per unit of a bare number. */
export function parseArea(raw: RawCell, unit: number): Parsed<number> {
  if (isTypedBlank(raw)) return ok(null);
  let area: number;
  if (typeof raw === 'number') area = raw * unit;
  else if (typeof raw === 'string') {
    const t = cleanNumericText(raw).replace(/²/g, '2');
    if (isRangeText(t)) return fail('invalid_area', 'range');
    if (isNegativeText(t)) return fail('invalid_area', 'negative');
    const m = AREA_TEXT.exec(t);
    if (!m) return fail('invalid_area');
    area = Number(m[1]) * (m[2] ? 10_000 : 1) * (m[3] ? UNIT_FACTORS[m[3]]! : unit);
  } else return fail('invalid_area');
  if (!Number.isFinite(area)) return fail('invalid_area');
  if (area < 0) return fail('invalid_area', 'negative');
  // Hundredths of a 亩 to 4 decimals: 1 m² is 0.0015 亩, so square metres keep their precision.
  const value = roundNoise(Math.round(area * 10_000) / 10_000);
  if (value > MAX_AREA) return fail('invalid_area', 'too_large', MAX_AREA);
  return ok(value);
}
