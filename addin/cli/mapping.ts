/**
 * `--map-sheet <sheet>=<list>` and `--map-column <sheet>!<column>=<field>`: what the reader cannot guess, said on
 * the command line. They become the workbook settings the task pane's mapping settings write (mapping,
 * headerOverrides), laid over what the workbook already keeps, for this run.
 */
import { FIELD_KEYS, HEADER_ALIASES, normalizeHeader, type FieldKey, type ListKey } from '../../contract';
import { listFromName, type WorkbookGateway, type WorkbookSettings } from '../core';
import { InputFileError, UsageError } from './args';

const LIST_KEYS: readonly ListKey[] = ['clue', 'signed', 'landed', 'producing'];

export function parseMapping(sheets: readonly string[] = [], columns: readonly string[] = []): Pick<WorkbookSettings, 'mapping' | 'headerOverrides'> {
  const mapping: Record<string, ListKey> = {};
  for (const arg of sheets) {
    const i = arg.lastIndexOf('=');
    const sheet = arg.slice(0, i).trim();
    const name = arg.slice(i + 1).trim();
    const list = (LIST_KEYS as readonly string[]).includes(name) ? (name as ListKey) : listFromName(name);
    if (i <= 0 || !list) throw new UsageError(`--map-sheet 应为 <工作表>=<清单>（重点线索/签约项目/落地项目/投产项目 或 clue/signed/landed/producing）：${arg}`, `--map-sheet must be <sheet>=<list> (clue/signed/landed/producing or 重点线索/签约项目/落地项目/投产项目): ${arg}`);
    mapping[sheet] = list;
  }
  const headerOverrides: Record<string, Record<string, FieldKey | 'ignore'>> = {};
  for (const arg of columns) {
    const m = /^(.+)!([A-Za-z]{1,3})=(.+)$/.exec(arg.trim());
    const name = m?.[3]!.trim() ?? '';
    const field = name === 'ignore' ? 'ignore' : (FIELD_KEYS as readonly string[]).includes(name) ? (name as FieldKey) : HEADER_ALIASES.get(normalizeHeader(name));
    if (!m || !field) throw new UsageError(`--map-column 应为 <工作表>!<列>=<字段>（如 台账!F=签约时间，或 ignore）：${arg}`, `--map-column must be <sheet>!<column>=<field> (e.g. Ledger!F=signedDate, or ignore): ${arg}`);
    (headerOverrides[m[1]!] ??= {})[m[2]!.toUpperCase()] = field;
  }
  return { ...(Object.keys(mapping).length ? { mapping } : {}), ...(Object.keys(headerOverrides).length ? { headerOverrides } : {}) };
}

/** Where JSON.parse stopped, as "line L, column C" of the text (V8 says "at position N"), or null when it does not say. */
function jsonErrorAt(text: string, e: unknown): { line: number; column: number } | null {
  const m = /at position (\d+)/.exec((e as Error).message);
  if (!m) return null;
  const before = text.slice(0, Number(m[1])).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/**
 * `--mapping file.json`: the same settings in a file, `{ "sheets": { "台账": "signed" }, "columns": { "台账": { "F": "signedDate" } } }`
 * (a list and a field as --map-sheet/--map-column take them). Returned as those flags' arguments, so the file and
 * the flags are read by one parser; flags given on the command line come after the file's (and win). A file that is
 * not of that shape is the file's problem, not the command line's: one line naming it and what is wrong, in both
 * languages (an InputFileError: no usage text).
 */
export function mappingFileArgs(rawText: string, path: string): { sheets: string[]; columns: string[] } {
  const bad = (zh: string, en: string) =>
    new InputFileError(`--mapping 文件 ${path} 无法使用：${zh}。格式：{"sheets":{"台账":"signed"},"columns":{"台账":{"F":"signedDate"}}}`, `--mapping file ${path} cannot be used: ${en}. Shape: {"sheets":{"台账":"signed"},"columns":{"台账":{"F":"signedDate"}}}`);
  const text = rawText.replace(/^\uFEFF/, ''); // Windows Notepad saves UTF-8 with a byte-order mark
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // Node's own sentence is English only: what it says is retold in both languages.
    const at = jsonErrorAt(text, e);
    if (at) throw bad(`不是有效的 JSON（第 ${at.line} 行第 ${at.column} 列附近有误）`, `not valid JSON (error near line ${at.line}, column ${at.column})`);
    if (text.trim() === '') throw bad('文件是空的', 'the file is empty');
    if (/end of JSON/.test((e as Error).message)) throw bad('不是有效的 JSON（内容不完整）', 'not valid JSON (it ends too early)');
    throw bad('不是有效的 JSON', 'not valid JSON');
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(json)) throw bad('内容应为一个 JSON 对象 {…}', 'it must be one JSON object {…}');
  const unknownKeys = Object.keys(json).filter((k) => k !== 'sheets' && k !== 'columns');
  if (unknownKeys.length) throw bad(`未知的键 ${unknownKeys.join('、')}（只能有 "sheets" 和 "columns"）`, `unknown key ${unknownKeys.join(', ')} (only "sheets" and "columns")`);
  const sheets: string[] = [];
  const columns: string[] = [];
  if (json.sheets !== undefined) {
    if (!isObject(json.sheets)) throw bad('"sheets" 应把工作表对应到清单', '"sheets" must map a sheet to a list');
    for (const [sheet, list] of Object.entries(json.sheets)) {
      if (typeof list !== 'string') throw bad(`"sheets"."${sheet}" 应为清单名称`, `"sheets"."${sheet}" must be a list name`);
      sheets.push(`${sheet}=${list}`);
    }
  }
  if (json.columns !== undefined) {
    if (!isObject(json.columns)) throw bad('"columns" 应把工作表对应到 { 列: 字段 }', '"columns" must map a sheet to { column: field }');
    for (const [sheet, cols] of Object.entries(json.columns)) {
      if (!isObject(cols)) throw bad(`"columns"."${sheet}" 应把列字母对应到字段`, `"columns"."${sheet}" must map a column letter to a field`);
      for (const [col, field] of Object.entries(cols)) {
        if (typeof field !== 'string') throw bad(`"columns"."${sheet}"."${col}" 应为字段名称`, `"columns"."${sheet}"."${col}" must be a field name`);
        columns.push(`${sheet}!${col}=${field}`);
      }
    }
  }
  return { sheets, columns };
}

/** The gateway with the command line's mapping laid over the workbook's own settings when they are read. */
export function withMapping(g: WorkbookGateway, m: Pick<WorkbookSettings, 'mapping' | 'headerOverrides'>): WorkbookGateway {
  if (!m.mapping && !m.headerOverrides) return g;
  const merge = (s: WorkbookSettings): WorkbookSettings => ({
    ...s,
    ...(m.mapping ? { mapping: { ...s.mapping, ...m.mapping } } : {}),
    ...(m.headerOverrides ? { headerOverrides: { ...s.headerOverrides, ...m.headerOverrides } } : {}),
  });
  return {
    readSheets: () => g.readSheets(),
    readSettings: async () => merge(await g.readSettings()),
    ...(g.readDateSystem ? { readDateSystem: () => g.readDateSystem!() } : {}),
    ...(g.readWorkbook ? { readWorkbook: async () => { const r = await g.readWorkbook!(); return { ...r, settings: merge(r.settings) }; } } : {}),
    apply: (plan) => g.apply(plan),
  };
}
