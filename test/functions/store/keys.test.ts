/** The name index's keys fit DynamoDB's key sizes whatever the name's length (functions/store/keys.ts). */
import { nameGsi2sk, namePk } from '../../../functions/store/keys';
import { nameKeyOf } from '../../../functions/domain/identity';
import { LIMITS } from '../../../contract';

const bytes = (s: string) => Buffer.byteLength(s);

it('a name as long as a cell may hold gets keys within 2,048 (partition) and 1,024 (sort) bytes; the same name, the same key', () => {
  const unit = '镇'.repeat(LIMITS.unitLength);
  const long = nameKeyOf('年产'.repeat(LIMITS.stringLength / 2), unit)!;
  const other = nameKeyOf(`${'年产'.repeat(LIMITS.stringLength / 2 - 1)}年份`, unit)!;
  expect(bytes(namePk(long))).toBeLessThanOrEqual(2048);
  expect(bytes(nameGsi2sk(long))).toBeLessThanOrEqual(1024);
  expect(namePk(nameKeyOf('年产'.repeat(LIMITS.stringLength / 2), unit)!)).toBe(namePk(long));
  expect(namePk(other)).not.toBe(namePk(long)); // differing only at the end
  // A name whose keys fit keeps them as they always were (no stored entry moves), up to the sort key's last byte.
  const usual = nameKeyOf('沂澜生物工程研发中心', '临涧镇')!;
  expect([namePk(usual), nameGsi2sk(usual)]).toEqual(['NAME#临涧镇#沂澜生物工程研发中心', '沂澜生物工程研发中心#临涧镇']);
  const fits = nameKeyOf('园'.repeat((1024 - bytes('#临涧镇')) / 3), '临涧镇')!;
  expect(bytes(nameGsi2sk(fits))).toBe(1024);
  expect(nameGsi2sk(fits)).toBe(`${fits.name}#临涧镇`);
  expect(nameGsi2sk(nameKeyOf(`${fits.name}园`, '临涧镇')!)).toContain('~');
});
