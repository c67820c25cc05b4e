/** Every clerk-facing message core produces, in zh-CN and en-US, in one place. */
import { STAGE_NAMES, type Message, type Stage } from '../../contract';

export const MSG = {
  noListSheets: (): Message => ({
    zh: '未找到四个清单的工作表（重点线索、签约项目、落地项目、投产项目），也没有带“阶段/清单”列的工作表。',
    en: 'No list sheets found (Clues, Signed, Landed, Producing), and no sheet with a stage column (阶段/清单).',
  }),
  noHeader: (sheet: string): Message => ({
    zh: `工作表“${sheet}”的前15行中找不到表头（如 项目名称、签约时间）。`,
    en: `Sheet "${sheet}": no header row (e.g. 项目名称 / Project name) in its first 15 rows.`,
  }),
  unmappedHeader: (sheet: string, cell: string, header: string): Message => ({
    zh: `${sheet}!${cell} 表头“${header}”无法识别，该列不同步。`,
    en: `${sheet}!${cell}: header "${header}" is not a known field; the column is not synced.`,
  }),
  duplicateHeader: (sheet: string, cell: string, header: string, first: string): Message => ({
    zh: `${sheet}!${cell} 表头“${header}”与 ${first} 重复，只同步 ${first}。`,
    en: `${sheet}!${cell}: header "${header}" repeats ${first}; only ${first} is synced.`,
  }),
  duplicateId: (id: string, first: string): Message => ({
    zh: `项目编号 ${id} 与 ${first} 重复，本行未同步`,
    en: `project ID ${id} repeats ${first}; this row was not synced`,
  }),
  badId: (id: string): Message => ({
    zh: `项目编号“${id.slice(0, 50)}”过长或含非法字符，本行未同步`,
    en: `project ID "${id.slice(0, 50)}" is too long or has invalid characters; this row was not synced`,
  }),
  unknownStage: (value: string): Message => ({
    zh: `阶段“${value}”无法识别（应为 重点线索/签约项目/落地项目/投产项目），本行未同步`,
    en: `stage "${value}" is not a list (Clues/Signed/Landed/Producing); this row was not synced`,
  }),
  cellError: (error: string): Message => ({
    zh: `单元格为错误值 ${error}，按空值同步`,
    en: `the cell holds the error ${error}; synced as empty`,
  }),
  tooLong: (limit: number): Message => ({
    zh: `内容超过 ${limit} 字，已截断后同步`,
    en: `text longer than ${limit} characters; synced truncated`,
  }),
  cycle: (from: Stage, to: Stage, days: number): Message => ({
    zh: `${STAGE_NAMES[from].zh}→${STAGE_NAMES[to].zh} 用时 ${days} 天`,
    en: `${STAGE_NAMES[from].en} → ${STAGE_NAMES[to].en} in ${days} days`,
  }),
  rowLabel: (row: number): Message => ({ zh: `第${row}行`, en: `row ${row}` }),
  network: (detail: string): Message => ({
    zh: `无法连接服务器（${detail}）。请检查网络后重试。`,
    en: `Cannot reach the server (${detail}). Check the network and try again.`,
  }),
  http: (status: number): Message => ({ zh: `服务器返回错误 ${status}`, en: `The server answered ${status}` }),
  aborted: (): Message => ({ zh: '同步已取消。', en: 'Sync cancelled.' }),
  badResponse: (): Message => ({ zh: '服务器返回的内容无法识别。', en: 'The server answered with something unreadable.' }),
  noReports: (): Message => ({
    zh: '服务器还不提供领导看板和周调度（版本较旧），请联系管理员升级后台。',
    en: 'The server does not offer the dashboard and weekly report yet (an older version); ask an administrator to upgrade it.',
  }),
  badWeek: (week: string): Message => ({ zh: `周次“${week}”应为 2026-W48 这样的格式`, en: `Week "${week}" must look like 2026-W48` }),
  badDay: (day: string): Message => ({ zh: `日期“${day}”应为 YYYY-MM-DD`, en: `Date "${day}" must be YYYY-MM-DD` }),
  moveStale: (sheet: string, row: number, id: string): Message => ({
    zh: `${sheet} 第${row}行已不是项目 ${id}（行已移动、删除或编号已改），未移动；请重新同步。`,
    en: `${sheet} row ${row} no longer holds project ${id} (the row was moved, deleted or its ID changed); not moved — sync again.`,
  }),
  movesOfOtherWorkbook: (): Message => ({
    zh: '待移动的行来自另一个工作簿，未移动；请重新同步。',
    en: 'The pending moves belong to another workbook; nothing was moved — sync again.',
  }),
};
