import { LIMITS } from '../../../contract';
import { DEFAULT_CONFIG, validateConfig } from '../../../functions/domain/config';

function errorsOf(input: unknown) {
  const result = validateConfig(input);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('DEFAULT_CONFIG', () => {
  test('the county, its cut-off and DESIGN §2 thresholds', () => {
    expect(DEFAULT_CONFIG.county).toBe('平邑县');
    expect(DEFAULT_CONFIG.cutoff).toEqual({ weekday: 5, time: '12:00', timeZone: 'Asia/Shanghai' });
    expect(DEFAULT_CONFIG.rules).toEqual({
      weeklyUpdate: { enabled: true, yellow: 1, red: 2 },
      clueStalled: { enabled: true, yellow: 8, red: 13, suggestDropWeeks: 26 },
      signedNotStarted: { enabled: true, yellow: 90, red: 180 },
      milestoneOverdue: { enabled: true, yellow: 7, red: 30 },
      problemOpen: { enabled: true, yellow: 14, red: 28, coordinationIsRed: true },
      escalation: { enabled: true, consecutiveCutoffs: 2 },
      missingOwner: { enabled: true },
    });
    expect(DEFAULT_CONFIG.industries).toEqual(expect.arrayContaining(['罐头食品', '木业家居', '金银花/中医药', '乳制品', '光伏储能', '新材料', '石膏建材']));
    expect(DEFAULT_CONFIG.units).toEqual(expect.arrayContaining(['平邑街道', '地方镇', '仲村镇', '温水镇', '经济开发区', '临涧镇']));
    expect(DEFAULT_CONFIG.autoMoveRows).toBe(false);
  });

  test('is itself valid', () => {
    expect(validateConfig(DEFAULT_CONFIG)).toEqual({ ok: true, config: DEFAULT_CONFIG });
  });
});

describe('validateConfig merges partial input over the defaults', () => {
  test('nothing or an empty object gives the defaults, as a copy', () => {
    for (const input of [undefined, {}]) {
      const result = validateConfig(input);
      expect(result).toEqual({ ok: true, config: DEFAULT_CONFIG });
      if (result.ok) {
        result.config.rules.weeklyUpdate.red = 9;
        result.config.units.push('新单位');
      }
    }
    expect(DEFAULT_CONFIG.rules.weeklyUpdate.red).toBe(2);
    expect(DEFAULT_CONFIG.units).not.toContain('新单位');
  });

  test('nested keys merge one by one; lists replace the default list; text is trimmed', () => {
    const result = validateConfig({ county: ' 费县 ', cutoff: { weekday: 4 }, rules: { signedNotStarted: { red: 120 } }, units: [' 探沂镇 '] });
    expect(result.ok && result.config).toEqual({
      ...DEFAULT_CONFIG,
      county: '费县',
      cutoff: { ...DEFAULT_CONFIG.cutoff, weekday: 4 },
      rules: { ...DEFAULT_CONFIG.rules, signedNotStarted: { enabled: true, yellow: 90, red: 120 } },
      units: ['探沂镇'],
    });
  });

  test('any valid IANA zone and 24-hour time', () => {
    const result = validateConfig({ cutoff: { weekday: 7, time: '23:59', timeZone: 'Europe/Berlin' } });
    expect(result.ok && result.config.cutoff).toEqual({ weekday: 7, time: '23:59', timeZone: 'Europe/Berlin' });
  });
});

describe('validateConfig reports every problem with its path, in zh and en', () => {
  test.each([
    [{ cutoff: { weekday: 0 } }, 'cutoff.weekday', '应为 1–7 之间的整数', 'must be a whole number from 1 to 7'],
    [{ cutoff: { weekday: 8 } }, 'cutoff.weekday', '1–7', '1 to 7'],
    [{ cutoff: { weekday: 5.5 } }, 'cutoff.weekday', '整数', 'whole number'],
    [{ cutoff: { time: '12:5' } }, 'cutoff.time', 'HH:MM', 'HH:MM'],
    [{ cutoff: { time: '24:00' } }, 'cutoff.time', 'HH:MM', 'HH:MM'],
    [{ cutoff: { time: 1200 } }, 'cutoff.time', 'HH:MM', 'HH:MM'],
    [{ cutoff: { timeZone: 'Asia/Pingyi' } }, 'cutoff.timeZone', 'IANA', 'IANA'],
    [{ cutoff: 'Friday' }, 'cutoff', '应为对象', 'must be an object'],
    [{ rules: { weeklyUpdate: { yellow: 2, red: 2 } } }, 'rules.weeklyUpdate.red', '红旗阈值（2）须大于黄旗阈值（2）', 'the red threshold (2) must be greater than the yellow one (2)'],
    [{ rules: { problemOpen: { red: 10 } } }, 'rules.problemOpen.red', '须大于黄旗阈值（14）', 'greater than the yellow one (14)'],
    [{ rules: { clueStalled: { suggestDropWeeks: 10 } } }, 'rules.clueStalled.suggestDropWeeks', '不能小于红旗周数（13）', 'must not be fewer than the red threshold (13)'],
    [{ rules: { signedNotStarted: { yellow: -1 } } }, 'rules.signedNotStarted.yellow', '0–3650', '0 to 3650'],
    [{ rules: { escalation: { consecutiveCutoffs: 9 } } }, 'rules.escalation.consecutiveCutoffs', '1–8', '1 to 8'],
    [{ rules: { missingOwner: { enabled: 'yes' } } }, 'rules.missingOwner.enabled', 'true 或 false', 'true or false'],
    [{ rules: { weeklyUpdte: {} } }, 'rules.weeklyUpdte', '未知的配置项', 'unknown setting'],
    [{ county: '' }, 'county', '非空文字', 'non-empty text'],
    [{ industries: '罐头食品' }, 'industries', '列表', 'list'],
    [{ industries: ['乳制品', '乳制品'] }, 'industries[1]', '“乳制品”重复', '"乳制品" is listed twice'],
    [{ units: ['地方镇', 3] }, 'units[1]', '非空文字', 'non-empty text'],
    [{ autoMoveRows: 1 }, 'autoMoveRows', 'true 或 false', 'true or false'],
    ['everything', '(根)', '应为对象', 'must be an object'],
    [[], '(根)', '应为对象', 'must be an object'],
  ])('%j → %s', (input, path, zh, en) => {
    const errors = errorsOf(input);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe(path);
    expect(errors[0]!.message.zh).toContain(`配置项 ${path}：`);
    expect(errors[0]!.message.zh).toContain(zh);
    expect(errors[0]!.message.en).toContain(`Setting ${path}: `);
    expect(errors[0]!.message.en).toContain(en);
  });

  test('several problems at once', () => {
    const errors = errorsOf({ cutoff: { weekday: 9, time: 'noon', timeZone: 'Nowhere' }, extra: true, rules: { milestoneOverdue: { yellow: 40 } } });
    expect(errors.map((e) => e.path)).toEqual(['extra', 'cutoff.weekday', 'cutoff.time', 'cutoff.timeZone', 'rules.milestoneOverdue.red']);
  });

  test('a unit is at most as long as the 所属单位 a synced row may carry (LIMITS.unitLength)', () => {
    expect(validateConfig({ units: ['镇'.repeat(LIMITS.unitLength)] }).ok).toBe(true);
    expect(errorsOf({ units: ['镇'.repeat(LIMITS.unitLength + 1)] }).map((e) => e.path)).toEqual(['units[0]']);
  });

  test('a prototype key is unknown, not a way in', () => {
    expect(errorsOf(JSON.parse('{"__proto__": {"autoMoveRows": true}}')).map((e) => e.path)).toEqual(['__proto__']);
  });
});
