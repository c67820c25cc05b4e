/**
 * The synthetic ledger rows the bundle verifier and bench/sync send: deterministic by index, realistic in every
 * field (raw cells as a clerk types them), a quarter in each list.
 */
import type { SyncRow } from '../../../contract';

const INDUSTRIES = ['罐头食品', '木业家居', '金银花/中医药', '乳制品', '光伏储能', '新材料'];

/** One ledger row as the add-in sends it: every kind of cell, four lists, some problems and coordination. */
export function syntheticRow(i: number, o: { id: string; unit: string }): SyncRow {
  const list = (['clue', 'signed', 'landed', 'producing'] as const)[i % 4]!;
  return {
    ref: { sheet: '重点线索', row: i + 4 },
    list,
    id: o.id,
    cells: {
      name: `年产${(i % 50) + 1}万吨${INDUSTRIES[i % INDUSTRIES.length]}项目${i}`,
      investor: `山东某某实业有限公司${i % 300}`,
      investorType: ['民营', '央企', '世界500强', '外资'][i % 4]!,
      industry: INDUSTRIES[i % INDUSTRIES.length]!,
      chainRole: ['补链', '强链', '延链', '建链'][i % 4]!,
      amount: `${((i % 97) + 1) / 10}亿`,
      unit: o.unit,
      leader: `领导${i % 20}`,
      team: `${INDUSTRIES[i % INDUSTRIES.length]}专班`,
      contact: `联系人${i % 100} 1380000${String(i % 10000).padStart(4, '0')}`,
      clueDate: 45600 + (i % 300),
      ...(list !== 'clue' ? { signedDate: `2025年${(i % 12) + 1}月${(i % 27) + 1}日` } : {}),
      ...(list === 'landed' || list === 'producing' ? { startDate: '2025.12.1' } : {}),
      ...(list === 'producing' ? { productionDate: '2026/2/1' } : {}),
      plannedStartDate: '2026-06-30',
      outputValue: (i % 40) + 0.5,
      tax: (i % 9) / 10,
      jobs: (i % 500) + 20,
      progress: `本周与客商进行了第${i % 7}轮对接，双方就土地、厂房、配套等事项达成初步共识，正在推进协议文本。`,
      ...(i % 5 === 0 ? { problem: '用地指标尚未落实，需协调自然资源部门', problemType: '用地' } : {}),
      ...(i % 10 === 0 ? { coordination: '需县自然资源局协调用地指标' } : {}),
      nextSteps: '继续跟进，力争月底前签约。',
    },
  };
}
