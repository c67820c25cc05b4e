/** Every clerk-facing message core produces, in zh-CN and en-US, in one place. */
import { STAGE_NAMES, type Message, type Stage } from '../../contract';

export const MSG = {
  noListSheets: (): Message => ({
    zh: '未找到四个清单的工作表（重点线索、签约项目、落地项目、投产项目），也没有带“阶段/清单”列的工作表。可用 --map-sheet <工作表>=<清单>（或任务窗格“设置”中的工作表对应）指定，用 --map-column <工作表>!<列>=<字段> 指定列。',
    en: 'No list sheets found (Clues, Signed, Landed, Producing), and no sheet with a stage column (阶段/清单). Name them with --map-sheet <sheet>=<list> (or the sheet mapping in the task pane\'s settings) and columns with --map-column <sheet>!<column>=<field>.',
  }),
  headersUnreadable: (sheets: string[]): Message => ({
    zh: `工作表${sheets.map((s) => `“${s}”`).join('、')}是清单，但前15行中读不出表头（如 项目名称、签约时间）。请检查表头行，或用 --map-column <工作表>!<列>=<字段>（任务窗格“设置”中的表头对应）指定各列。`,
    en: `Sheet${sheets.length > 1 ? 's' : ''} ${sheets.map((s) => `"${s}"`).join(', ')} ${sheets.length > 1 ? 'are lists' : 'is a list'}, but no header row (e.g. 项目名称 / Project name) can be read in the first 15 rows. Check the header row, or name the columns with --map-column <sheet>!<column>=<field> (the header mapping in the task pane's settings).`,
  }),
  sheetHidden: (): Message => ({ zh: '隐藏的工作表', en: 'hidden sheet' }),
  sheetIsLeaders: (): Message => ({ zh: '本工具生成的领导报表', en: "the add-in's own leaders' sheet" }),
  sheetEmpty: (): Message => ({ zh: '空工作表', en: 'empty sheet' }),
  sheetHeaderUnreadable: (): Message => ({ zh: '名称是清单，但读不出表头', en: 'named as a list, but its header cannot be read' }),
  sheetNoHeader: (): Message => ({ zh: '名称不是清单名，前15行也没有可识别的表头', en: 'its name names no list and no known header is in its first 15 rows' }),
  sheetNoStageColumn: (): Message => ({
    zh: '有表头，但名称不是清单名，也没有阶段列（表头含“阶段/清单”且内容为 在谈、已签约、在建、投产 等）',
    en: 'it has a header, but its name names no list and no column holds stages (a 阶段/清单 header with values such as 在谈, 已签约, 在建, 投产)',
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
  tooLongToSync: (limit: number): Message => ({
    zh: `内容超过 ${limit} 字，无法保存，本行未同步`,
    en: `text longer than ${limit} characters cannot be stored; this row was not synced`,
  }),
  /** A date cell's number is no date: a huge serial, or one a date format could not show (read as NaN). */
  notADate: (value: number): Message => ({
    zh: `${Number.isFinite(value) ? `“${value}”` : '单元格中的数字'}不是有效日期，请填写如 2026-03-05 的日期；本行未同步`,
    en: `${Number.isFinite(value) ? `"${value}"` : 'the number in the cell'} is not a valid date; enter a date such as 2026-03-05. This row was not synced`,
  }),
  /** `textField`: the column holds text (联系人), so a long number is an ID-card or phone number typed as a number. */
  numberOutOfRange: (value: number, limit: number, textField: boolean): Message =>
    Number.isFinite(value)
      ? {
          zh: `数字 ${value} 超出可保存的范围（绝对值最大 ${limit}），${textField ? '身份证号等长号码请先把单元格设为文本再填写' : '请检查数字和单位'}；本行未同步`,
          en: `the number ${value} is beyond what can be stored (at most ${limit} in magnitude); ${textField ? 'for an ID-card or other long number, format the cell as text first' : 'check the figure and the unit'}. This row was not synced`,
        }
      : {
          zh: '单元格中的数字无法读取（可能是设为日期格式的过大数字），本行未同步',
          en: 'the number in the cell cannot be read (perhaps a huge number in a date format); this row was not synced',
        },
  rowTooLarge: (limit: number): Message => ({
    zh: `本行各单元格内容合计超过 ${limit} 字节，请精简长文本；本行未同步`,
    en: `the row's cells hold more than ${limit} bytes together; shorten the long texts. This row was not synced`,
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
