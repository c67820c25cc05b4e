import * as fc from 'fast-check';
import { isNearName, nameKeyOf, nearNameFinder, normalName } from '../../../functions/domain/identity';

describe('normalName', () => {
  test.each([
    ['山东某某食品有限公司年产10万吨罐头项目', '山东某某食品年产１０万吨罐头'],
    ['ＡＢＣ新材料 项目', 'abc新材料'],
    ['临沂·金银花（中医药）产业园项目', '临沂金银花中医药产业园'],
    ['华润 光伏储能项目', '华润光伏储能'],
    ['某某股份有限公司乳制品', '某某乳制品'],
    ['某某有限责任公司木业家居', '某某木业家居'],
  ])('%s ≡ %s', (a, b) => expect(normalName(a)).toBe(normalName(b)));

  test('names that differ in substance stay apart', () => {
    expect(normalName('年产10万吨罐头项目')).not.toBe(normalName('年产20万吨罐头项目'));
    expect(normalName('罐头项目1')).not.toBe(normalName('罐头项目12'));
  });

  test('项目, 工程, 集团, 公司 inside a name are part of it, wherever a space falls; ending it, they fold (repeatedly)', () => {
    expect(normalName('沂澜生物工程研发中心项目')).not.toBe(normalName('沂澜生物研发中心项目'));
    expect(normalName('沂澜生物工程 研发中心')).toBe(normalName('沂澜生物工程研发中心'));
    expect(normalName('沂澜生物工程（研发中心）')).not.toBe(normalName('沂澜生物研发中心'));
    expect(normalName('项目管理服务中心')).not.toBe(normalName('管理服务中心'));
    expect(normalName('某某工程机械有限公司')).not.toBe(normalName('某某机械'));
    expect(normalName('污水处理厂改造工程项目')).toBe(normalName('污水处理厂改造'));
    expect(normalName('某某集团 光伏项目 二期')).not.toBe(normalName('某某光伏二期'));
    expect(normalName('某某项目有限公司')).toBe(normalName('某某'));
  });

  test('a name of nothing but a suffix keeps its letters', () => expect(normalName('项目')).toBe('项目'));

  const pad = fc.constantFrom('', ' ', '　', '  ', '\t');
  const suffix = fc.constantFrom('', '有限公司', '有限责任公司', '股份有限公司', '集团', '项目');
  const core = fc.stringMatching(/^[a-z0-9年产万吨罐头木业家居光伏储能新材料]{1,12}$/);
  test('property: idempotent, and blind to width, spaces, punctuation and legal-form suffixes', () => {
    fc.assert(
      fc.property(core, pad, pad, suffix, fc.constantFrom('', '·', '（）', '、', '-'), (name, p1, p2, sfx, punct) => {
        const n = normalName(name);
        expect(normalName(n)).toBe(n);
        const wide = name.replace(/[a-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        expect(normalName(`${p1}${wide.toUpperCase()}${punct}${p2}${sfx}`)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  test('nameKeyOf folds the unit as the by-unit index does, and needs both', () => {
    expect(nameKeyOf('某A项目', ' 温水 镇')).toEqual({ unit: '温水镇', name: '某a' });
    expect(nameKeyOf(null, '温水镇')).toBeNull();
    expect(nameKeyOf('某某', null)).toBeNull();
  });
});

describe('isNearName', () => {
  test('one name inside the other is near; a number cut through is not; equal is not near', () => {
    expect(isNearName(normalName('某某食品罐头'), normalName('山东某某食品罐头生产线'))).toBe(true);
    expect(isNearName(normalName('罐头生产1'), normalName('罐头生产12'))).toBe(false);
    expect(isNearName(normalName('年产2万吨木业家居项目1'), normalName('年产2万吨木业家居项目1201'))).toBe(false);
    expect(isNearName('abc', 'abcdef')).toBe(false); // too short to say
    expect(isNearName('罐头食品', '罐头食品')).toBe(false);
  });
  test('property: symmetric', () => {
    fc.assert(fc.property(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), (a, b) => expect(isNearName(a, b)).toBe(isNearName(b, a))), { numRuns: 2000 });
  });
});

describe('nearNameFinder', () => {
  it('finds exactly the names isNearName accepts, for names in the set and others (shorter and longer)', () => {
    const piece = fc.constantFrom('食品', '罐头', '光伏', '组件', '山东', '某某', '1', '2', '12', '产业园', '生产线', 'A', 'b');
    const name = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 40 }), fc.array(name, { maxLength: 10 }), (names, asked) => {
        const find = nearNameFinder(names);
        for (const n of [...names, ...asked]) {
          const every = names.flatMap((m, i) => (isNearName(n, m) ? [i] : []));
          expect(find(n)).toEqual(every);
        }
      }),
      { numRuns: 300 },
    );
  });
});
