/**
 * `invest-flags sample`: a deterministic Pingyi-style ledger — the four list sheets with Chinese headers,
 * towns/streets/the development zone as units, fictional leaders and companies, the county's industries
 * and investor types, and dates spread around --as-of so that a first sync already gives a realistic mix of
 * red, yellow and unflagged rows. `messy` adds what real ledgers have: a merged title row, a two-row header,
 * a total row, mixed date formats, money with units, blank rows and a couple of bad cells.
 */
import ExcelJS from 'exceljs';
import { ENUMS, LIST_ORDER, STAGE_NAMES, type ListKey } from '../../contract';
import { DEFAULT_CONFIG } from '../../functions/domain/config';
import { dayToIso, isoToDay } from '../../functions/domain/days';
import { isNearName, normalName } from '../../functions/domain/identity';
import { normalUnit } from '../../functions/domain/normalize';

export interface SampleOptions {
  projects: number;
  seed: number;
  asOf: string;
  messy: boolean;
}

/** mulberry32: small, fast, and the same sequence on every machine. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}

// Fictional people and companies only.
const LEADERS = ['王明远', '李春华', '周立群', '赵德成', '孙文博', '陈思远', '韩立军', '高志诚', '郑晓岚', '吴海平'];
const SURNAMES = ['张', '刘', '杨', '黄', '徐', '马', '朱', '胡', '郭', '林'];
const GIVEN = ['伟', '芳', '磊', '静', '强', '敏', '军', '丽', '涛', '超'];
const BRAND = ['蒙岳', '沂澜', '金岭', '华临', '东翊', '鲁泓', '青岫', '泽川', '瑞沂', '恒峦', '嘉禾源', '北辰'];
const SUFFIX = ['有限公司', '集团有限公司', '股份有限公司', '科技有限公司'];
const PRODUCTS: Record<string, string[]> = {
  罐头食品: ['黄桃罐头深加工', '果蔬罐头智能化生产线', '休闲食品'],
  木业家居: ['高端板材', '定制家居', '木结构装配式建筑'],
  '金银花/中医药': ['金银花提取物', '中药饮片', '中医药康养'],
  乳制品: ['低温乳制品', '奶粉加工', '牧场及乳品加工'],
  光伏储能: ['分布式光伏', '储能电池模组', '光伏组件'],
  新材料: ['高性能复合材料', '新型碳材料', '功能性薄膜'],
  石膏建材: ['纸面石膏板', '装配式石膏建材', '石膏粉体'],
  文化旅游: ['蒙山文旅综合体', '乡村旅游', '研学基地'],
  现代物流: ['冷链物流中心', '智慧物流园', '电商仓储'],
};
const PROGRESS = ['已完成项目备案', '正在办理环评手续', '土地已挂牌', '主体厂房施工中', '设备安装调试', '双方就合同条款深入洽谈', '完成可研报告编制', '已投产运营，产能逐步释放', '客商来平考察', '厂房封顶'];
const PROBLEMS: Array<[string, string]> = [['用地指标未落实', '要素保障'], ['环评审批进度慢', '手续'], ['项目融资未到位', '资金'], ['施工用电未接通', '要素保障'], ['施工进度滞后', '建设']];
const NEXT = ['加快手续办理', '督促开工建设', '协调解决用地', '推进设备进场', '跟进签约'];

type Col = { header: string; group?: string; width: number; kind?: 'date' | 'money' | 'int' };
const BASE: Col[] = [
  { header: '序号', width: 6 },
  { header: '项目名称', width: 30 },
  { header: '投资方', width: 26 },
  { header: '投资方类型', width: 11 },
  { header: '产业类别', width: 12 },
  { header: '链条环节', width: 9 },
  { header: '总投资（亿元）', width: 11, kind: 'money' },
  { header: '所属单位', width: 12 },
  { header: '包联领导', width: 9 },
  { header: '联系人', width: 9 },
];
const DATES: Record<ListKey, Col[]> = {
  clue: [{ header: '线索时间', group: '时间节点', width: 12, kind: 'date' }],
  signed: [{ header: '签约时间', group: '时间节点', width: 12, kind: 'date' }, { header: '计划开工', group: '时间节点', width: 12, kind: 'date' }],
  landed: [{ header: '签约时间', group: '时间节点', width: 12, kind: 'date' }, { header: '开工时间', group: '时间节点', width: 12, kind: 'date' }, { header: '计划投产', group: '时间节点', width: 12, kind: 'date' }],
  producing: [{ header: '开工时间', group: '时间节点', width: 12, kind: 'date' }, { header: '投产时间', group: '时间节点', width: 12, kind: 'date' }, { header: '预计产值（亿元）', width: 11, kind: 'money' }, { header: '预计税收（万元）', width: 11, kind: 'money' }, { header: '预计就业', width: 9, kind: 'int' }],
};
const TAIL: Col[] = [
  { header: '本周进展', width: 30 },
  { header: '存在问题', width: 22 },
  { header: '问题类别', width: 10 },
  { header: '需协调事项', width: 18 },
  { header: '下步计划', width: 16 },
];

type Value = string | number | Date | null | { formula: string; result?: number };

/**
 * 招商方式, 用地 and 固定资产投资 (issue 21): last, so the older columns keep their letters, and drawn from their own
 * random stream, so the rest of the sample stays as it was. A messy producing sheet states land in 平方米.
 */
function contributionCols(list: ListKey, messy: boolean): Col[] {
  const land: Col = messy && list === 'producing' ? { header: '占地面积（平方米）', width: 13, kind: 'int' } : { header: '用地面积（亩）', width: 11 };
  return [{ header: '招商方式', width: 11 }, { header: '责任专班', width: 12 }, land, { header: '固定资产投资（亿元）', width: 12, kind: 'money' }];
}

/**
 * 线索时间 for projects past the clue stage (and, on the producing list, the 签约时间 it lacked), so the dashboard's
 * days from clue to signing per 招商方式 have data: last columns, without a header group (the group's merge spans
 * its first to last column), drawn from their own random stream, so the rest of the sample stays as it was.
 */
function leadCols(list: ListKey): Col[] {
  const clue: Col = { header: '线索时间', width: 12, kind: 'date' };
  return list === 'clue' ? [] : list === 'producing' ? [{ header: '签约时间', width: 12, kind: 'date' }, clue] : [clue];
}

/** About two in three projects remember when they were a clue: 15–240 days before signing. */
function leadDates(list: ListKey, dates: Record<string, number | null>, r: ReturnType<typeof rng>): Record<string, number | null> {
  if (list === 'clue') return {};
  const start = dates['开工时间'];
  const signed = list === 'producing' ? (start == null ? null : start - r.int(30, 150)) : (dates['签约时间'] ?? null);
  const clue = signed !== null && r.chance(0.65) ? signed - r.int(15, 240) : null;
  return list === 'producing' ? { 签约时间: signed, 线索时间: clue } : { 线索时间: clue };
}

const TEAMS = ['食品产业专班', '木业家居专班', '中医药专班', '新能源专班', '新材料专班', '文旅物流专班'];

/** The common methods more often than the rare ones. */
const METHOD_WEIGHTS = [5, 5, 2, 2, 2, 1, 2, 1, 1];

function contributionValues(list: ListKey, amount: number, messy: boolean, r: ReturnType<typeof rng>): Record<string, Value> {
  const methods = DEFAULT_CONFIG.investmentMethods;
  let pick = r.next() * METHOD_WEIGHTS.reduce((a, b) => a + b, 0);
  let method: string | null = methods[methods.length - 1]!;
  for (let i = 0; i < methods.length; i++) if ((pick -= METHOD_WEIGHTS[i] ?? 1) < 0) { method = methods[i]!; break; }
  if (r.chance(0.08)) method = null;
  if (messy && method && r.chance(0.2)) method = method.replace(/招商$/, ''); // "以商", "基金": the parser matches them
  // Intensity 120–450 万元/亩 (fixed-asset investment per mu): some under a 200 万元/亩 standard.
  const fixed = Math.round(amount * (0.55 + r.next() * 0.35) * 100) / 100;
  const mu = Math.max(5, Math.round((fixed * 10_000) / (120 + r.next() * 330)));
  const missingLand = r.chance(list === 'clue' ? 0.5 : 0.15);
  const missingFixed = r.chance(list === 'clue' ? 0.6 : 0.2);
  let land: Value = missingLand ? null : mu;
  if (!missingLand && messy) {
    if (list === 'producing') land = Math.round((mu * 2000) / 3);
    else if (r.chance(0.15)) land = `${Math.round((mu / 15) * 100) / 100}公顷`;
    else if (r.chance(0.15)) land = `约${mu}亩`;
  }
  return { 招商方式: method, 责任专班: r.chance(0.1) ? null : r.pick(TEAMS), '用地面积（亩）': land, '占地面积（平方米）': land, '固定资产投资（亿元）': missingFixed ? null : fixed };
}

/**
 * Real ledgers do not repeat a project within a unit, so neither does the sample: a name already used in the county
 * (or near one in the unit, as the backend's duplicate warning measures it: functions/domain/identity.ts) gets
 * another brand or a phase. No randomness is drawn, so the rest of the sample stays as it was.
 */
const PHASES = ['二期', '三期', '四期', '五期', '六期', '七期', '八期', '九期', '东区', '西区', '南区', '北区'];

export class UniqueNames {
  private readonly used = new Map<string, string[]>();
  /** Every name of the county: the same name in another unit is a possible duplicate for the leaders too. */
  private readonly county = new Set<string>();

  take(unit: string, base: string, brand: string): string {
    const list = this.used.get(normalUnit(unit)) ?? [];
    this.used.set(normalUnit(unit), list);
    const free = (name: string) => {
      const n = normalName(name);
      return !this.county.has(n) && !list.some((u) => isNearName(u, n));
    };
    // Brand first, then a phase between brand and product: no name then sits inside another (a near name).
    const tries = [`${brand}${base}`, ...PHASES.map((p) => `${brand}${p}${base}`), ...BRAND.flatMap((b) => PHASES.map((p) => `${b}${p}${base}`))];
    const name = tries.find(free) ?? `${brand}${list.length + 1}号${base}`;
    list.push(normalName(name));
    this.county.add(normalName(name));
    return name;
  }
}

export async function buildSample(opts: SampleOptions): Promise<ExcelJS.Workbook> {
  const names = new UniqueNames();
  const r = rng(opts.seed);
  const rc = rng((opts.seed ^ 0x21) + 21);
  const rl = rng((opts.seed ^ 0x3c) + 60);
  const asOf = isoToDay(opts.asOf);
  const year = opts.asOf.slice(0, 4);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'invest-flags sample';
  wb.created = new Date(`${opts.asOf}T00:00:00Z`);
  wb.modified = wb.created;
  const share = [0.3, 0.3, 0.25, 0.15];
  const counts = share.map((s) => Math.floor(s * opts.projects));
  counts[0]! += opts.projects - counts.reduce((a, b) => a + b, 0);
  const investorTypes = ENUMS.investorType.map((e) => e.zh);
  let badCells = 0;

  LIST_ORDER.forEach((list, li) => {
    const listName = STAGE_NAMES[list].zh;
    const ws = wb.addWorksheet(opts.messy && list === 'signed' ? `${year}年签约项目台账` : listName);
    const cols = [...BASE, ...DATES[list], ...TAIL, ...contributionCols(list, opts.messy), ...leadCols(list)];
    let row = 1;
    if (opts.messy) {
      ws.mergeCells(1, 1, 1, cols.length);
      ws.getCell(1, 1).value = `平邑县${year}年重点招商项目台账（${listName}）`;
      ws.getCell(1, 1).style = { font: { bold: true, size: 16 }, alignment: { horizontal: 'center', vertical: 'middle' } };
      ws.getRow(1).height = 30;
      row = 2;
    }
    const headerTop = row;
    const twoRows = opts.messy;
    cols.forEach((c, i) => {
      if (twoRows && c.group) {
        ws.getCell(row, i + 1).value = c.group;
        ws.getCell(row + 1, i + 1).value = c.header;
      } else {
        ws.getCell(row, i + 1).value = c.header;
        if (twoRows) ws.mergeCells(row, i + 1, row + 1, i + 1);
      }
      ws.getColumn(i + 1).width = c.width;
    });
    if (twoRows) {
      const first = cols.findIndex((c) => c.group) + 1;
      const last = cols.length - [...cols].reverse().findIndex((c) => c.group);
      ws.mergeCells(row, first, row, last);
    }
    row += twoRows ? 2 : 1;
    for (let hr = headerTop; hr < row; hr++) {
      ws.getRow(hr).height = twoRows ? 20 : 32;
      for (let c = 1; c <= cols.length; c++) ws.getCell(hr, c).style = headerStyle;
    }
    ws.views = [{ state: 'frozen', ySplit: row - 1, xSplit: 2 }];
    // Ledgers are printed landscape on A3, one page wide, headers repeated.
    ws.pageSetup = { orientation: 'landscape', paperSize: 8 as ExcelJS.PaperSize, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerTop}:${row - 1}` };
    const dataTop = row;

    for (let i = 0; i < counts[li]!; i++) {
      if (opts.messy && i > 0 && i % 17 === 0) row++; // a blank row now and then
      const industry = r.pick(DEFAULT_CONFIG.industries);
      const product = r.pick(PRODUCTS[industry] ?? ['综合']);
      const capacity = r.pick(['年产10万吨', '年产5000万件', '', '', '占地200亩', '']);
      const company = `${r.pick(BRAND)}${industry.replace(/\/.*/, '')}${r.pick(SUFFIX)}`;
      const amount = Math.round((0.3 + r.next() ** 2 * 30) * 10) / 10;
      const problem = r.chance(0.3) ? r.pick(PROBLEMS) : null;
      const dates = datesFor(list, asOf, r);
      const values: Record<string, Value> = {
        序号: i + 1,
        项目名称: `${capacity}${product}项目`,
        投资方: company,
        投资方类型: r.pick(investorTypes),
        产业类别: industry,
        链条环节: r.pick(['建链', '补链', '强链', '延链']),
        '总投资（亿元）': opts.messy ? messyMoney(amount, r) : amount,
        所属单位: r.pick(DEFAULT_CONFIG.units.filter((u) => !u.startsWith('县'))),
        包联领导: r.chance(0.06) ? null : r.pick(LEADERS),
        联系人: `${r.pick(SURNAMES)}${r.pick(GIVEN)}`,
        本周进展: r.pick(PROGRESS),
        存在问题: problem?.[0] ?? null,
        问题类别: problem?.[1] ?? null,
        需协调事项: problem && r.chance(0.25) ? `请县级协调${problem[0].slice(0, 4)}` : null,
        下步计划: r.pick(NEXT),
        '预计产值（亿元）': Math.round(amount * (1 + r.next()) * 10) / 10,
        '预计税收（万元）': Math.round(amount * 600 * r.next()) + 50,
        预计就业: r.int(20, 600),
      };
      Object.assign(values, contributionValues(list, amount, opts.messy, rc));
      values['项目名称'] = names.take(String(values['所属单位']), String(values['项目名称']), company.slice(0, company.indexOf(industry.replace(/\/.*/, ''))));
      for (const [h, day] of Object.entries(dates)) values[h] = day === null ? null : opts.messy ? messyDate(day, r) : dateCell(day);
      for (const [h, day] of Object.entries(leadDates(list, dates, rl))) values[h] = day === null ? null : opts.messy ? messyDate(day, rl) : dateCell(day);
      if (opts.messy && badCells < 2 && list === 'signed' && i === 3) {
        values['签约时间'] = `${year}年13月`;
        badCells++;
      }
      if (opts.messy && badCells < 2 && list === 'landed' && i === 2) {
        values['总投资（亿元）'] = '约两个亿';
        badCells++;
      }
      cols.forEach((c, ci) => {
        const cell = ws.getCell(row, ci + 1);
        cell.value = values[c.header] ?? null;
        cell.border = thin;
        if (c.kind === 'date' && values[c.header] instanceof Date) cell.numFmt = 'yyyy-mm-dd';
        cell.alignment = { vertical: 'middle' };
      });
      row++;
    }
    if (opts.messy) {
      const amountCol = cols.findIndex((c) => c.header === '总投资（亿元）') + 1;
      ws.getCell(row, 1).value = '合计';
      const letter = ws.getColumn(amountCol).letter;
      ws.getCell(row, amountCol).value = { formula: `SUM(${letter}${dataTop}:${letter}${row - 1})` };
      ws.getRow(row).font = { bold: true };
      row += 2;
      ws.getCell(row, 1).value = '注：总投资单位为亿元；时间节点按协议、施工许可填写；每周五12:00前更新本周进展。';
      ws.mergeCells(row, 1, row, cols.length);
    }
  });
  return wb;
}

const thin = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;
const headerStyle: Partial<ExcelJS.Style> = {
  font: { bold: true },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } },
  border: thin,
};

/**
 * Dates per list, spread around as-of so that the first sync flags a realistic share: signed long ago and
 * not started (yellow > 90 days, red > 180), planned start/production dates passed, recent ones on track.
 */
function datesFor(list: ListKey, asOf: number, r: ReturnType<typeof rng>): Record<string, number | null> {
  switch (list) {
    case 'clue':
      return { 线索时间: asOf - r.int(5, 120) };
    case 'signed': {
      const signed = asOf - r.pick([r.int(10, 85), r.int(10, 85), r.int(95, 175), r.int(190, 300)]);
      return { 签约时间: signed, 计划开工: signed + r.int(60, 200) };
    }
    case 'landed': {
      const start = asOf - r.int(30, 400);
      return { 签约时间: start - r.int(30, 120), 开工时间: start, 计划投产: asOf + r.pick([r.int(-60, -10), r.int(20, 300), r.int(20, 300)]) };
    }
    case 'producing': {
      const prod = asOf - r.int(10, 500);
      return { 开工时间: prod - r.int(180, 500), 投产时间: prod };
    }
  }
}

function dateCell(day: number): Date {
  return new Date(`${dayToIso(day)}T00:00:00Z`);
}

function messyDate(day: number, r: ReturnType<typeof rng>): Value {
  const [y, m, d] = dayToIso(day).split('-').map(Number);
  return r.pick<Value>([dateCell(day), `${y}.${m}.${d}`, `${y}/${m}/${d}`, `${y}年${m}月${d}日`, dateCell(day), dayToIso(day), `${y}年${m}月`]);
}

function messyMoney(amount: number, r: ReturnType<typeof rng>): Value {
  return r.pick<Value>([amount, `${amount}亿`, `${Math.round(amount * 10000).toLocaleString('en-US')}万元`, `${Math.round(amount * 10000)}万`, amount]);
}
