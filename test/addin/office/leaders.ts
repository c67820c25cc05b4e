/** Leader sheets as core builds them (领导看板, 周调度) from a generated history, shared by the Office gateway tests. */
import type { LeaderSheetPlan } from '../../../addin/core/gateway';
import { dashboardSheet, weeklySheet } from '../../../addin/core/leader-sheets';
import { dashboard, weeklyReport } from '../../../functions/domain/report';
import { history, period, UNITS } from '../../functions/domain/report/history';

const WEEK = '2026-W48';

export function leaderPlans(): LeaderSheetPlan[] {
  const upTo = (week: string) => history().filter((s) => s.week <= week);
  const p = period(WEEK);
  const d = dashboard(history(), { asOf: '2026-11-27T04:00:00.000Z', week: WEEK, units: UNITS });
  const w = weeklyReport(upTo(WEEK), upTo(p.previousWeek), p, { units: UNITS });
  // One unit that has not reported, so section 七 (未按时调度) has a row to write.
  return [dashboardSheet({ ...d, notReported: [{ unit: '仲村镇', active: 2 }] }, { county: '平邑县' }), weeklySheet(w, { county: '平邑县' })];
}

/** A small read-only 全县项目-like sheet: protected by the add-in (no password), replaced on each refresh. */
export function protectedSheet(name = '全县项目'): LeaderSheetPlan {
  return {
    name,
    rows: [
      ['全县项目（只读）'],
      ['项目编号', '项目名称', '总投资（亿元）', '预警原因'],
      ['P-1', '光伏组件项目', 2.5, '签约后200天仍未开工（超过180天）；本周进展连续2个截止日未更新；用地指标待落实'],
      ['P-2', '00123号地块', 1, null],
    ],
    frozenRows: 2,
    columnWidths: [12, 20, 14, 30],
    styles: [{ style: { fill: '#D9E1F2', font: '#1F3864' }, cells: [{ row: 2, col: 1 }, { row: 2, col: 2 }, { row: 2, col: 3 }, { row: 2, col: 4 }] }],
    bold: [{ row: 1, col: 1 }],
    landscape: true,
    protect: true,
    // Formatted before the sheet is protected: Excel refuses format writes to a protected sheet.
    center: [{ row: 2, col: 1 }, { row: 2, col: 2 }, { row: 2, col: 3 }, { row: 2, col: 4 }, { row: 3, col: 3 }, { row: 4, col: 3 }],
    wrap: [{ row: 3, col: 4 }],
  };
}
