/**
 * Every string the task pane shows, in zh-CN (default) and en-US. One table: a key missing in either language
 * fails the i18n unit test. Placeholders are {name}; fill them with `t`.
 */
export type Lang = 'zh' | 'en';

const zh = {
  appTitle: '招商红黄旗',
  appSubtitle: '四个清单 · 周调度',
  modeOffice: 'Excel 工作簿',
  modeFile: '浏览器文件模式（适用于 WPS）',
  sync: '同步',
  syncHint: '读取四个清单，上传到后台，写回红黄旗和预警原因。',
  syncing: '正在同步…',
  preparing: '正在读取工作表…',
  writing: '正在写回旗帜…',
  chunkProgress: '第 {done}/{total} 批',
  cancel: '取消',
  cancelled: '同步已取消，未写入旗帜。已生成的项目编号会保留，下次同步继续使用。',
  lastSync: '上次同步：{time}',
  neverSynced: '尚未同步',
  resultTitle: '同步结果',
  rows: '项目',
  red: '红旗',
  yellow: '黄旗',
  transitions: '阶段变化',
  redLong: '红旗（警告）',
  yellowLong: '黄旗（提醒）',
  movesTitle: '需要移到新清单的项目（{n}）',
  movesHint: '这些项目已进入下一阶段。确认后整行移到目标清单末尾。',
  moveLine: '{name}：{from} → {to}',
  applyMoves: '移动到新清单',
  applying: '正在移动…',
  movesApplied: '已移动 {n} 行。',
  autoMoved: '已按设置自动移动 {n} 行。',
  errorsTitle: '需要修改的单元格（{n}）',
  errorsNone: '没有需要修改的单元格。',
  goToCell: '转到 {cell}',
  missingTitle: '本工作簿中已不存在的项目（{n}）',
  missingHint: '这些项目以前从本工作簿同步过，后台仍保留其记录，未删除。',
  openFile: '打开 .xlsx',
  fileHint: '在 WPS 或浏览器中：打开台账文件，点击同步，然后下载已标记的工作簿。',
  fileChosen: '已打开：{name}',
  noFile: '请先打开一个 .xlsx 台账文件。',
  download: '下载已标记的工作簿',
  settings: '设置',
  back: '返回',
  language: '语言',
  langZh: '中文',
  langEn: 'English',
  apiUrl: '后台地址',
  apiUrlHint: '例如 https://flags.example.gov.cn。留空则使用本页面所在地址。',
  token: '访问令牌',
  tokenHint: '本地或测试环境的开发令牌；正式环境使用单位账号登录。',
  sheetsTitle: '工作表与清单',
  sheetsHint: '每个清单对应一个工作表。识别有误时在此更正。',
  notAList: '不是清单',
  headersTitle: '表头识别：{sheet}',
  headerRowAt: '表头在第 {row} 行',
  columnHeader: '{col} 列「{header}」',
  ignoreColumn: '忽略此列',
  unmapped: '未识别',
  optionsTitle: '选项',
  tintName: '项目名称单元格也按旗帜着色',
  autoMove: '阶段变化后自动移动到新清单（不再询问）',
  save: '保存',
  saved: '设置已保存到工作簿。',
  savedLocal: '设置已保存（打开文件后随工作簿一起下载）。',
  loadingLayout: '正在识别工作表…',
  noLayout: '打开工作簿后可查看识别结果。',
  errNetwork: '无法连接后台。请检查网络或设置中的后台地址，然后重试。',
  errUnauthorized: '登录已过期或令牌无效。请重新登录（或在设置中填写访问令牌）后重试。',
  errForbidden: '您没有同步这些项目的权限。请联系管理员为您分配单位。',
  errTooLarge: '一次上传的数据过多。请稍后重试；如仍失败，请联系管理员。',
  errThrottled: '后台繁忙。请稍等一分钟再同步。',
  errServer: '后台暂时出错。请稍后重试；如仍失败，请把时间告诉管理员。',
  errBadRequest: '后台拒绝了数据：{detail}。请检查表格后重试。',
  errPlain: '{detail}',
  errEditMode: 'Excel 正在编辑单元格。请按 Enter 或 Esc 结束编辑后重试。',
  errNotXlsx: '无法读取此文件。请选择 Excel 2007 及以上的 .xlsx 文件（WPS 可“另存为 .xlsx”）。',
  errNoLists: '没有找到四个清单的工作表。请在设置中指定哪个工作表是哪个清单。',
  errUnknown: '出现意外问题：{detail}。请重试；如仍失败，请联系管理员。',
  errGoTo: '无法选中单元格 {cell}：{detail}',
  dismiss: '关闭',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  appTitle: 'Invest Flags',
  appSubtitle: 'Four lists · weekly scheduling',
  modeOffice: 'Excel workbook',
  modeFile: 'Browser file mode (for WPS)',
  sync: 'Sync',
  syncHint: 'Reads the four lists, sends them to the backend, writes red/yellow flags and reasons back.',
  syncing: 'Syncing…',
  preparing: 'Reading the sheets…',
  writing: 'Writing flags…',
  chunkProgress: 'Chunk {done} of {total}',
  cancel: 'Cancel',
  cancelled: 'Sync cancelled; no flags were written. Project IDs already assigned are kept for the next sync.',
  lastSync: 'Last sync: {time}',
  neverSynced: 'Not synced yet',
  resultTitle: 'Result',
  rows: 'Projects',
  red: 'Red',
  yellow: 'Yellow',
  transitions: 'Stage changes',
  redLong: 'Red flags (warning)',
  yellowLong: 'Yellow flags (reminder)',
  movesTitle: 'Projects to move to their new list ({n})',
  movesHint: 'These projects reached their next stage. Confirm to move each whole row to the end of its new list.',
  moveLine: '{name}: {from} → {to}',
  applyMoves: 'Apply moves',
  applying: 'Moving…',
  movesApplied: '{n} rows moved.',
  autoMoved: '{n} rows moved automatically, as the settings say.',
  errorsTitle: 'Cells to fix ({n})',
  errorsNone: 'No cells to fix.',
  goToCell: 'Go to {cell}',
  missingTitle: 'Projects no longer in this workbook ({n})',
  missingHint: 'This workbook synced them before. The backend keeps their records; nothing was deleted.',
  openFile: 'Open .xlsx',
  fileHint: 'In WPS or a browser: open the ledger file, click Sync, then download the flagged workbook.',
  fileChosen: 'Opened: {name}',
  noFile: 'Open an .xlsx ledger file first.',
  download: 'Download flagged workbook',
  settings: 'Settings',
  back: 'Back',
  language: 'Language',
  langZh: '中文',
  langEn: 'English',
  apiUrl: 'Backend URL',
  apiUrlHint: 'For example https://flags.example.gov.cn. Leave empty to use the address of this page.',
  token: 'Access token',
  tokenHint: 'A dev token for local or test stacks; production uses your organisation sign-in.',
  sheetsTitle: 'Sheets and lists',
  sheetsHint: 'Each list is one sheet. Correct the detection here if it is wrong.',
  notAList: 'Not a list',
  headersTitle: 'Detected headers: {sheet}',
  headerRowAt: 'Header row {row}',
  columnHeader: 'Column {col} “{header}”',
  ignoreColumn: 'Ignore this column',
  unmapped: 'Not recognised',
  optionsTitle: 'Options',
  tintName: 'Also tint the project-name cell with the flag colour',
  autoMove: 'Move rows to their new list automatically (without asking)',
  save: 'Save',
  saved: 'Settings saved in the workbook.',
  savedLocal: 'Settings saved (they go into the workbook you download).',
  loadingLayout: 'Reading the sheets…',
  noLayout: 'Open a workbook to see what was detected.',
  errNetwork: 'Cannot reach the backend. Check your network or the backend URL in Settings, then try again.',
  errUnauthorized: 'Your sign-in has expired or the token is invalid. Sign in again (or enter an access token in Settings) and retry.',
  errForbidden: 'You may not sync these projects. Ask an administrator to assign your unit.',
  errTooLarge: 'Too much data in one request. Try again later; if it still fails, tell an administrator.',
  errThrottled: 'The backend is busy. Wait a minute, then sync again.',
  errServer: 'The backend had a temporary problem. Try again later; if it persists, tell an administrator the time.',
  errBadRequest: 'The backend refused the data: {detail}. Check the sheet and try again.',
  errPlain: '{detail}',
  errEditMode: 'Excel is editing a cell. Press Enter or Esc to finish editing, then try again.',
  errNotXlsx: 'This file cannot be read. Choose an Excel 2007+ .xlsx file (in WPS, “Save as .xlsx”).',
  errNoLists: 'No sheets for the four lists were found. Choose which sheet is which list in Settings.',
  errUnknown: 'Something unexpected happened: {detail}. Try again; if it still fails, tell an administrator.',
  errGoTo: 'Could not select cell {cell}: {detail}',
  dismiss: 'Dismiss',
};

export const MESSAGES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { zh, en };

export type Params = Readonly<Record<string, string | number>>;

/** The text of `key` in `lang` with {placeholders} filled; an unknown placeholder stays visible. */
export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** English only when the display language is English; Chinese for zh-* and everything else. */
export function pickLang(displayLanguage: string | undefined | null): Lang {
  return /^en\b/i.test(displayLanguage ?? '') ? 'en' : 'zh';
}

/** Bilingual text from the contract (`Message`) in the pane's language. */
export function pick(lang: Lang, message: { zh: string; en: string }): string {
  return message[lang];
}

/** Local date and time of an ISO instant, in the pane's language. */
export function formatTime(lang: Lang, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { dateStyle: 'medium', timeStyle: 'short', hour12: false });
}
