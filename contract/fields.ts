/**
 * The ledger's field catalogue: canonical fields, their types and their header aliases (zh and en).
 * One table, read by the add-in to map headers and by the server to parse raw cells.
 * Aliases are compared after `normalizeHeader` (units in brackets, spaces and case removed).
 */

export type RawCell = string | number | boolean | null;

/** Dashes, slashes, dots and the like, alone in a cell (after NFKC, so "－" and "／" are included). */
const PLACEHOLDER = /^[-—–―‐~_/\\.。…、]+$/;

/**
 * What a blank CELL is, for the client and the server alike: empty, whitespace only, or a placeholder clerks
 * write for "unknown" ("-", "—", "/", "…"). The server parses such a cell as no value; the add-in reads a row
 * of such cells as holding no project and such an id cell as no id. ("无" is not blank here: in a text field it
 * is the clerk's answer; typed fields read it as blank on the server, see functions/domain/parse/blank.ts.)
 */
export function isBlankCell(raw: RawCell | undefined): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw !== 'string') return false;
  const t = raw.normalize('NFKC').trim();
  return t === '' || PLACEHOLDER.test(t);
}

/** Bilingual text: every user-facing message carries both. */
export interface Message {
  zh: string;
  en: string;
}

export type ListKey = 'clue' | 'signed' | 'landed' | 'producing';
export type Stage = ListKey | 'dropped';
export const LIST_ORDER: readonly ListKey[] = ['clue', 'signed', 'landed', 'producing'];
/** Each stage's place: the lists in order, dropped last (reports and the leaders' sheets sort by it). */
export const STAGE_RANK = Object.fromEntries([...LIST_ORDER, 'dropped'].map((s, i) => [s, i])) as Readonly<Record<Stage, number>>;

export const STAGE_NAMES: Record<Stage, Message> = {
  clue: { zh: '重点线索', en: 'Clue' },
  signed: { zh: '签约项目', en: 'Signed' },
  landed: { zh: '落地项目', en: 'Landed' },
  producing: { zh: '投产项目', en: 'Producing' },
  dropped: { zh: '已终止', en: 'Dropped' },
};

/**
 * `area` is land in 亩 (亩/平方米/公顷 converted); `choice` is text normalised against a list the county configures
 * (招商方式: CountyConfig.investmentMethods), so its options are data, not code.
 */
export type FieldType = 'id' | 'text' | 'longText' | 'date' | 'money' | 'integer' | 'enum' | 'area' | 'choice';

export type EnumKey = 'investorType' | 'chainRole' | 'problemType' | 'status';

export interface FieldSpec {
  key: FieldKey;
  type: FieldType;
  zh: string;
  en: string;
  /** Header aliases, compared after normalizeHeader. The zh and en names are aliases too. */
  aliases: readonly string[];
  enumKey?: EnumKey;
  /** Default unit of a money column whose header names none: 亿元 (1) or 万元 (0.0001). */
  moneyUnit?: number;
  /** Default unit of an area column whose header names none, in 亩 per unit (亩 = 1). */
  areaUnit?: number;
  required?: boolean;
}

export const FIELD_KEYS = [
  'id', 'name', 'investor', 'investorType', 'industry', 'chainRole', 'amount', 'unit', 'leader', 'team',
  'contact', 'clueDate', 'signedDate', 'plannedStartDate', 'startDate', 'plannedProductionDate',
  'productionDate', 'outputValue', 'tax', 'jobs', 'progress', 'problem', 'problemType', 'coordination',
  'nextSteps', 'status', 'investmentMethod', 'landArea', 'fixedInvestment',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

export const FIELDS: readonly FieldSpec[] = [
  { key: 'id', type: 'id', zh: '项目编号', en: 'Project ID', aliases: ['项目编号', '项目id', '项目代码', '编号', 'projectid', 'id', 'projectcode'] },
  { key: 'name', type: 'text', zh: '项目名称', en: 'Project name', aliases: ['项目名称', '项目', '名称', 'projectname', 'project', 'name'], required: true },
  { key: 'investor', type: 'text', zh: '投资方', en: 'Investor', aliases: ['投资方', '投资主体', '投资企业', '投资单位', '客商', 'investor', 'investorname'] },
  { key: 'investorType', type: 'enum', enumKey: 'investorType', zh: '投资方类型', en: 'Investor type', aliases: ['投资方类型', '投资主体类型', '企业类型', '投资方性质', '企业性质', 'investortype'] },
  { key: 'industry', type: 'text', zh: '产业类别', en: 'Industry', aliases: ['产业类别', '产业', '所属产业', '行业', '产业分类', 'industry'] },
  { key: 'chainRole', type: 'enum', enumKey: 'chainRole', zh: '链条环节', en: 'Chain role', aliases: ['链条环节', '产业链环节', '链条', '建补强延链', 'chainrole', 'industrychainrole'] },
  { key: 'amount', type: 'money', moneyUnit: 1, zh: '总投资', en: 'Total investment', aliases: ['总投资', '计划总投资', '投资额', '投资总额', '总投资额', '投资规模', 'totalinvestment', 'investment', 'amount'] },
  { key: 'unit', type: 'text', zh: '所属单位', en: 'Unit', aliases: ['所属单位', '责任单位', '镇街', '镇街园区', '所属镇街', '单位', '园区', '属地', 'unit', 'town', 'responsibleunit'] },
  { key: 'leader', type: 'text', zh: '包联领导', en: 'Leader in charge', aliases: ['包联领导', '包保领导', '联系领导', '分包领导', '县级包联领导', 'leader', 'leaderincharge'] },
  { key: 'team', type: 'text', zh: '责任专班', en: 'Special team', aliases: ['责任专班', '产业专班', '专班', 'team', 'specialteam'] },
  { key: 'contact', type: 'text', zh: '联系人', en: 'Contact', aliases: ['联系人', '责任人', '联系方式', '联系人及电话', 'contact', 'contactperson'] },
  { key: 'clueDate', type: 'date', zh: '线索时间', en: 'Clue date', aliases: ['线索时间', '线索日期', '获取时间', '接洽时间', '首次接洽时间', 'cluedate', 'leaddate'] },
  { key: 'signedDate', type: 'date', zh: '签约时间', en: 'Signed date', aliases: ['签约时间', '签约日期', 'signeddate', 'signingdate'] },
  { key: 'plannedStartDate', type: 'date', zh: '计划开工', en: 'Planned start', aliases: ['计划开工', '计划开工时间', '计划开工日期', '预计开工时间', 'plannedstart', 'plannedstartdate'] },
  { key: 'startDate', type: 'date', zh: '开工时间', en: 'Start date', aliases: ['开工时间', '开工日期', '实际开工时间', '落地时间', 'startdate', 'actualstart'] },
  { key: 'plannedProductionDate', type: 'date', zh: '计划投产', en: 'Planned production', aliases: ['计划投产', '计划投产时间', '计划投产日期', '预计投产时间', 'plannedproduction', 'plannedproductiondate'] },
  { key: 'productionDate', type: 'date', zh: '投产时间', en: 'Production date', aliases: ['投产时间', '投产日期', '实际投产时间', 'productiondate', 'actualproduction'] },
  { key: 'outputValue', type: 'money', moneyUnit: 1, zh: '预计产值', en: 'Expected output value', aliases: ['预计产值', '产值', '年产值', '预计年产值', 'outputvalue', 'expectedoutput'] },
  { key: 'tax', type: 'money', moneyUnit: 1, zh: '预计税收', en: 'Expected tax', aliases: ['预计税收', '税收', '年税收', '预计年税收', '利税', 'tax', 'expectedtax'] },
  { key: 'jobs', type: 'integer', zh: '预计就业', en: 'Expected jobs', aliases: ['预计就业', '就业', '带动就业', '就业人数', '预计就业人数', 'jobs', 'employment'] },
  { key: 'progress', type: 'longText', zh: '本周进展', en: 'Progress this week', aliases: ['本周进展', '进展情况', '项目进展', '最新进展', '推进情况', '进展', 'progress', 'weeklyprogress'] },
  { key: 'problem', type: 'longText', zh: '存在问题', en: 'Open problem', aliases: ['存在问题', '存在的问题', '问题', '困难问题', '存在困难', 'problem', 'problems', 'issues'] },
  { key: 'problemType', type: 'enum', enumKey: 'problemType', zh: '问题类别', en: 'Problem type', aliases: ['问题类别', '问题类型', '问题分类', 'problemtype'] },
  { key: 'coordination', type: 'longText', zh: '需协调事项', en: 'Needs coordination', aliases: ['需协调事项', '需县级协调事项', '需协调解决事项', '协调事项', '需协调解决的问题', 'coordination', 'needscoordination'] },
  { key: 'nextSteps', type: 'longText', zh: '下步计划', en: 'Next steps', aliases: ['下步计划', '下一步计划', '下步工作', '下步打算', 'nextsteps', 'plan'] },
  { key: 'status', type: 'enum', enumKey: 'status', zh: '状态', en: 'Status', aliases: ['状态', '项目状态', 'status'] },
  { key: 'investmentMethod', type: 'choice', zh: '招商方式', en: 'Investment method', aliases: ['招商方式', '招引方式', '引进方式', '招商模式', '招引模式', '招商渠道', 'investmentmethod', 'promotionmethod', 'attractionmethod'] },
  { key: 'landArea', type: 'area', areaUnit: 1, zh: '用地面积（亩）', en: 'Land area (mu)', aliases: ['用地面积', '亩', '亩数', '占地', '用地', '占地面积', '土地面积', '供地面积', '项目用地', '用地规模', '用地亩数', '占地亩数', '规划用地', 'landarea', 'land', 'landmu', 'area'] },
  { key: 'fixedInvestment', type: 'money', moneyUnit: 1, zh: '固定资产投资', en: 'Fixed-asset investment', aliases: ['固定资产投资', '固投', '设备投资', '固定资产投资额', '计划固定资产投资', '固定资产', '设备及厂房投资', 'fixedassetinvestment', 'fixedinvestment', 'capex'] },
];

export const FIELD_BY_KEY: Readonly<Record<FieldKey, FieldSpec>> = Object.fromEntries(
  FIELDS.map((f) => [f.key, f]),
) as Record<FieldKey, FieldSpec>;

/** Enumerations: canonical value → its zh/en label and the spellings clerks use. */
export interface EnumOption {
  value: string;
  zh: string;
  en: string;
  aliases: readonly string[];
}

export const ENUMS: Readonly<Record<EnumKey, readonly EnumOption[]>> = {
  investorType: [
    { value: 'centralSoe', zh: '央企', en: 'Central SOE', aliases: ['央企', '中央企业', '中字头', 'centralsoe', 'soe'] },
    { value: 'localSoe', zh: '地方国企', en: 'Local SOE', aliases: ['地方国企', '国企', '省属国企', '市属国企', 'localsoe'] },
    { value: 'nationalBrand', zh: '国字号', en: 'National brand', aliases: ['国字号', '国字头', 'nationalbrand'] },
    { value: 'fortune500', zh: '世界500强', en: 'Fortune Global 500', aliases: ['世界500强', '世界五百强', '500强', 'fortune500', 'fortuneglobal500'] },
    { value: 'china500', zh: '中国500强', en: 'China Top 500', aliases: ['中国500强', '中国五百强', '民营500强', 'china500'] },
    { value: 'listed', zh: '上市公司', en: 'Listed company', aliases: ['上市公司', '上市企业', 'listed', 'listedcompany'] },
    { value: 'private', zh: '民营企业', en: 'Private', aliases: ['民营企业', '民营', '民企', '私营', 'private'] },
    { value: 'foreign', zh: '外资企业', en: 'Foreign-invested', aliases: ['外资企业', '外资', '外商投资', '港澳台资', 'foreign', 'fdi'] },
    { value: 'other', zh: '其他', en: 'Other', aliases: ['其他', '其它', 'other'] },
  ],
  chainRole: [
    { value: 'build', zh: '建链', en: 'Builds a chain', aliases: ['建链', 'build'] },
    { value: 'fill', zh: '补链', en: 'Fills a gap', aliases: ['补链', 'fill'] },
    { value: 'strengthen', zh: '强链', en: 'Strengthens', aliases: ['强链', 'strengthen'] },
    { value: 'extend', zh: '延链', en: 'Extends', aliases: ['延链', 'extend'] },
  ],
  problemType: [
    { value: 'procedures', zh: '手续', en: 'Procedures', aliases: ['手续', '手续办理', '审批手续', '审批', 'procedures', 'permits'] },
    { value: 'factors', zh: '要素保障', en: 'Factor supply', aliases: ['要素保障', '要素', '土地', '用地', '能耗', '用电', '用水', 'factors', 'land', 'energy', 'water'] },
    { value: 'funding', zh: '资金', en: 'Funding', aliases: ['资金', '融资', '资金问题', 'funding', 'finance'] },
    { value: 'construction', zh: '建设', en: 'Construction', aliases: ['建设', '施工', '工程建设', 'construction'] },
    { value: 'other', zh: '其他', en: 'Other', aliases: ['其他', '其它', 'other'] },
  ],
  status: [
    { value: 'active', zh: '正常推进', en: 'Active', aliases: ['正常推进', '正常', '推进中', '在谈', '洽谈中', 'active', 'ongoing'] },
    { value: 'paused', zh: '暂停', en: 'Paused', aliases: ['暂停', '暂缓', '搁置', 'paused', 'onhold'] },
    { value: 'dropped', zh: '终止', en: 'Dropped', aliases: ['终止', '放弃', '已终止', '已放弃', '取消', '退出', 'dropped', 'cancelled', 'abandoned'] },
  ],
};

/** One-line text as stored (names, units, leaders): whitespace runs and line breaks one space, trimmed. */
export const oneLineText = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * Normalises a header or alias for comparison: NFKC (full-width → half-width), lower case, drops bracketed
 * units such as "（亿元）" / "(万元)", whitespace, line breaks and punctuation such as "*" and ":".
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[(\[【][^)\]】]*[)\]】]/g, '')
    .replace(/[\s*:：、.·_\-/]+/g, '');
}

/** The money unit a header names, in 亿元 per unit: "（万元）" → 0.0001; none → undefined. */
export function headerMoneyUnit(text: string): number | undefined {
  const t = text.normalize('NFKC');
  if (/亿/.test(t)) return 1;
  if (/万/.test(t)) return 0.0001;
  if (/元/.test(t)) return 1e-8;
  return undefined;
}

/** The area unit a header names, in 亩 per unit: "（平方米）" → 0.0015, "（公顷）" → 15, "（亩）" → 1; none → undefined. */
export function headerAreaUnit(text: string): number | undefined {
  const t = text.normalize('NFKC').toLowerCase();
  if (/公顷|hectare|\bha\b/.test(t)) return 15;
  if (/平方米|平米|㎡|m2|m²|sqm/.test(t)) return 3 / 2000;
  if (/亩|\bmu\b/.test(t)) return 1;
  return undefined;
}

/** Header-alias lookup built once: normalized alias → field key. */
export const HEADER_ALIASES: ReadonlyMap<string, FieldKey> = new Map(
  FIELDS.flatMap((f) => [f.zh, f.en, ...f.aliases].map((a) => [normalizeHeader(a), f.key] as const)),
);


