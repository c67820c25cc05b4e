/**
 * County configuration: defaults (DESIGN.md §2) and validation of what an admin sends (PUT /v1/config).
 * Input is partial: it is merged over the defaults (objects key by key, arrays replaced whole), then every
 * value is checked. Unknown keys are errors rather than silently ignored, so a typo ("weekdy") is seen.
 */
import { DEFAULT_TIME_ZONE, LIMITS, type CountyConfig, type Message } from '../../contract/vocabulary';
import { isValidTimeZone } from './calendar';

export const DEFAULT_CONFIG: CountyConfig = {
  county: '平邑县',
  cutoff: { weekday: 5, time: '12:00', timeZone: DEFAULT_TIME_ZONE },
  rules: {
    weeklyUpdate: { enabled: true, yellow: 1, red: 2 },
    clueStalled: { enabled: true, yellow: 8, red: 13, suggestDropWeeks: 26 },
    signedNotStarted: { enabled: true, yellow: 90, red: 180 },
    milestoneOverdue: { enabled: true, yellow: 7, red: 30 },
    problemOpen: { enabled: true, yellow: 14, red: 28, coordinationIsRed: true },
    escalation: { enabled: true, consecutiveCutoffs: 2 },
    missingOwner: { enabled: true },
  },
  industries: ['罐头食品', '木业家居', '金银花/中医药', '乳制品', '光伏储能', '新材料', '石膏建材', '文化旅游', '现代物流'],
  units: ['平邑街道', '地方镇', '仲村镇', '温水镇', '临涧镇', '保太镇', '经济开发区', '县商务局'],
  autoMoveRows: false,
  investmentMethods: ['以商招商', '产业链招商', '基金招商', '驻地招商', '平台招商', '委托招商', '展会招商', '网络招商', '其他'],
  // No admission standard by default: standards differ by county and industry class, and a default one would put
  // yellow reminders on every existing ledger the day it is installed. README shows 200 万元/亩 and 10 万元/亩·年.
  standards: { default: null, industries: {} },
};

export interface ConfigError {
  path: string;
  message: Message;
}

export type ConfigResult = { ok: true; config: CountyConfig } | { ok: false; errors: ConfigError[] };

/** The most cut-off levels the history keeps (history.ts); escalation cannot look further back. */
export const MAX_ESCALATION_CUTOFFS = 8;

type Check = (value: unknown, path: string, errors: ConfigError[]) => void;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(errors: ConfigError[], path: string, zh: string, en: string): void {
  errors.push({ path, message: { zh: `配置项 ${path}：${zh}`, en: `Setting ${path}: ${en}` } });
}

const bool: Check = (v, path, errors) => {
  if (typeof v !== 'boolean') fail(errors, path, '应为 true 或 false', 'must be true or false');
};

const int = (min: number, max: number): Check => (v, path, errors) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    fail(errors, path, `应为 ${min}–${max} 之间的整数`, `must be a whole number from ${min} to ${max}`);
  }
};

const text = (maxLength: number): Check => (v, path, errors) => {
  if (typeof v !== 'string' || v.trim() === '' || v.length > maxLength) {
    fail(errors, path, `应为非空文字（不超过 ${maxLength} 字）`, `must be non-empty text of at most ${maxLength} characters`);
  }
};

const textList = (maxItems: number, maxLength: number): Check => (v, path, errors) => {
  if (!Array.isArray(v) || v.length > maxItems) {
    fail(errors, path, `应为不超过 ${maxItems} 项的列表`, `must be a list of at most ${maxItems} items`);
    return;
  }
  const seen = new Set<string>();
  v.forEach((item, i) => {
    text(maxLength)(item, `${path}[${i}]`, errors);
    if (typeof item === 'string') {
      if (seen.has(item.trim())) fail(errors, `${path}[${i}]`, `“${item}”重复`, `"${item}" is listed twice`);
      seen.add(item.trim());
    }
  });
};

const time: Check = (v, path, errors) => {
  if (typeof v !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(v)) {
    fail(errors, path, '应为 24 小时制时间 HH:MM，如 12:00', 'must be a 24-hour time HH:MM, e.g. 12:00');
  }
};

const timeZone: Check = (v, path, errors) => {
  if (typeof v !== 'string' || !isValidTimeZone(v)) {
    fail(errors, path, '应为有效的 IANA 时区，如 Asia/Shanghai', 'must be a valid IANA time zone, e.g. Asia/Shanghai');
  }
};

/** A per-mu floor: a positive figure up to 100,000 (万元/亩 or 万元/亩·年). */
function standardCheck(v: unknown, path: string, errors: ConfigError[]): void {
  if (!isRecord(v)) {
    fail(errors, path, '应为对象，如 {"investmentIntensity": 200, "taxPerMu": 10}', 'must be an object, e.g. {"investmentIntensity": 200, "taxPerMu": 10}');
    return;
  }
  for (const [key, value] of Object.entries(v)) {
    const sub = `${path}.${key}`;
    if (key === 'name') text(50)(value, sub, errors);
    else if (key === 'investmentIntensity' || key === 'taxPerMu') {
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 100_000) {
        fail(errors, sub, '应为 0–100000 之间的正数（万元/亩）', 'must be a positive number up to 100000 (万元 per mu)');
      }
    } else fail(errors, sub, '未知的配置项（可用 investmentIntensity、taxPerMu、name）', 'unknown setting (use investmentIntensity, taxPerMu, name)');
  }
  if (v.investmentIntensity === undefined && v.taxPerMu === undefined) {
    fail(errors, path, '至少应有 investmentIntensity 或 taxPerMu 之一', 'needs investmentIntensity or taxPerMu');
  }
}

const standardOrNull: Check = (v, path, errors) => {
  if (v !== null) standardCheck(v, path, errors);
};

const standardMap: Check = (v, path, errors) => {
  if (!isRecord(v) || Object.keys(v).length > 100) {
    fail(errors, path, '应为不超过 100 项的对象（产业类别 → 标准）', 'must be an object of at most 100 entries (industry → standard)');
    return;
  }
  for (const [industry, standard] of Object.entries(v)) {
    if (industry.trim() === '' || industry.length > 100) fail(errors, `${path}.${industry}`, '产业类别应为非空文字（不超过 100 字）', 'the industry must be non-empty text of at most 100 characters');
    standardCheck(standard, `${path}.${industry}`, errors);
  }
};

/** Days or weeks thresholds: whole numbers up to ten years. */
const days = int(0, 3650);
const weeks = int(1, 520);

/** The shape of the configuration: a Check per leaf, a nested Shape per object. */
interface Shape {
  [key: string]: Check | Shape;
}

const SHAPE: Shape = {
  county: text(100),
  cutoff: { weekday: int(1, 7), time, timeZone },
  rules: {
    weeklyUpdate: { enabled: bool, yellow: int(1, 52), red: int(1, 52) },
    clueStalled: { enabled: bool, yellow: weeks, red: weeks, suggestDropWeeks: weeks },
    signedNotStarted: { enabled: bool, yellow: days, red: days },
    milestoneOverdue: { enabled: bool, yellow: days, red: days },
    problemOpen: { enabled: bool, yellow: days, red: days, coordinationIsRed: bool },
    escalation: { enabled: bool, consecutiveCutoffs: int(1, MAX_ESCALATION_CUTOFFS) },
    missingOwner: { enabled: bool },
  },
  industries: textList(100, 100),
  // A unit is matched against the rows' 所属单位, which the API bounds.
  units: textList(1000, LIMITS.unitLength),
  autoMoveRows: bool,
  investmentMethods: textList(50, 20),
  standards: { default: standardOrNull, industries: standardMap },
};

/** Merges `input` over `base` along `shape`, reporting unknown keys and non-objects where objects belong. */
function merge(base: Record<string, unknown>, input: unknown, shape: Shape, path: string, errors: ConfigError[]): Record<string, unknown> {
  if (input === undefined) return base;
  if (!isRecord(input)) {
    fail(errors, path || '(根)', '应为对象', 'must be an object');
    return base;
  }
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(input)) {
    const sub = path ? `${path}.${key}` : key;
    const rule = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (rule === undefined) {
      fail(errors, sub, '未知的配置项', 'unknown setting');
    } else if (typeof rule === 'function') {
      out[key] = value;
    } else {
      out[key] = merge(base[key] as Record<string, unknown>, value, rule, sub, errors);
    }
  }
  return out;
}

function check(value: Record<string, unknown>, shape: Shape, path: string, errors: ConfigError[]): void {
  for (const [key, rule] of Object.entries(shape)) {
    const sub = path ? `${path}.${key}` : key;
    if (typeof rule === 'function') rule(value[key], sub, errors);
    else if (isRecord(value[key])) check(value[key], rule, sub, errors);
  }
}

/** Thresholds that only make sense in order: yellow before red, dropping suggested no earlier than red. */
function checkOrder(cfg: CountyConfig, errors: ConfigError[]): void {
  const pairs = ['weeklyUpdate', 'clueStalled', 'signedNotStarted', 'milestoneOverdue', 'problemOpen'] as const;
  for (const name of pairs) {
    const { yellow, red } = cfg.rules[name];
    if (typeof yellow === 'number' && typeof red === 'number' && !(yellow < red)) {
      fail(errors, `rules.${name}.red`, `红旗阈值（${red}）须大于黄旗阈值（${yellow}）`, `the red threshold (${red}) must be greater than the yellow one (${yellow})`);
    }
  }
  const { red, suggestDropWeeks } = cfg.rules.clueStalled;
  if (typeof red === 'number' && typeof suggestDropWeeks === 'number' && suggestDropWeeks < red) {
    fail(errors, 'rules.clueStalled.suggestDropWeeks', `建议放弃周数（${suggestDropWeeks}）不能小于红旗周数（${red}）`, `the weeks before suggesting to drop (${suggestDropWeeks}) must not be fewer than the red threshold (${red})`);
  }
}

export function validateConfig(input: unknown): ConfigResult {
  const errors: ConfigError[] = [];
  const merged = merge(DEFAULT_CONFIG as unknown as Record<string, unknown>, input, SHAPE, '', errors);
  check(merged, SHAPE, '', errors);
  const config = merged as unknown as CountyConfig;
  checkOrder(config, errors);
  if (errors.length > 0) return { ok: false, errors };
  // A deep copy, so that no caller can change DEFAULT_CONFIG through the result.
  const clean = structuredClone(config);
  clean.county = clean.county.trim();
  clean.industries = clean.industries.map((s) => s.trim());
  clean.units = clean.units.map((s) => s.trim());
  clean.investmentMethods = clean.investmentMethods.map((s) => s.trim());
  clean.standards.industries = Object.fromEntries(Object.entries(clean.standards.industries).map(([k, v]) => [k.normalize('NFKC').trim(), v]));
  return { ok: true, config: clean };
}
