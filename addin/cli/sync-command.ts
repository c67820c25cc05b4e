/**
 * `invest-flags sync <ledger.xlsx>`: flags a ledger file through the backend (the embedded local stack when no
 * --api is given) into a copy beside it, and prints the summary table (or --json).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { STAGE_NAMES } from '../../contract';
import { runSync, summarize, type SyncOutcome } from '../app';
import { besideInput, EXIT, InputFileError, isoDate, TARGET_OPTIONS, targetArgs, unreadableFile, UsageError } from './args';
import { detectLang, table, type Lang } from './i18n';
import type { Io } from './io';
import { progressBar } from './progress';
import { rememberWorkbookId, workbookIdFor } from './workbook-ids';
import { dataDirOf } from '../../infra/local/data-dir';
import type { TargetArgs } from './target';
import { saveXlsx } from '../xlsx/file';
import { onWorkbookCopy, warnOn } from './workbook';
import { mappingFileArgs, parseMapping, withMapping } from './mapping';

function readMappingFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const why = unreadableFile(path, e).msg;
    throw new InputFileError(`无法读取 --mapping 文件：${why.zh}`, `Cannot read the --mapping file: ${why.en}`);
  }
}

export interface SyncCliOptions extends TargetArgs {
  asOf?: string;
  move?: boolean;
  /** --mapping file, --map-sheet / --map-column: sheet → list and column → field, over the workbook's own mapping. */
  mapping?: ReturnType<typeof parseMapping>;
}

export function parseSyncArgs(args: string[]): SyncCliOptions {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...TARGET_OPTIONS, 'as-of': { type: 'string' }, move: { type: 'boolean' }, 'map-sheet': { type: 'string', multiple: true }, 'map-column': { type: 'string', multiple: true }, mapping: { type: 'string' } },
  });
  const file = values.mapping === undefined ? { sheets: [], columns: [] } : mappingFileArgs(readMappingFile(values.mapping), values.mapping);
  return {
    ...targetArgs(positionals, values, new UsageError('sync 需要一个台账文件', 'sync needs one ledger file')),
    asOf: isoDate(values['as-of'], '--as-of'), move: values.move,
    mapping: parseMapping([...file.sheets, ...(values['map-sheet'] ?? [])], [...file.columns, ...(values['map-column'] ?? [])]),
  };
}

/** `<dir>/<name>-flagged.xlsx` beside the input. */
export const defaultOut = (input: string): string => besideInput(input, 'flagged');

export async function sync(o: SyncCliOptions, io: Io): Promise<{ code: number; outcome?: SyncOutcome }> {
  const lang: Lang = detectLang(io.env);
  const { out, result: outcome, unkept, unkeptWarning } = await onWorkbookCopy('sync', o, 'flagged', warnOn(io.stderr, lang), (gateway, api, input) =>
    runSync({
      gateway: withMapping(gateway, o.mapping ?? {}),
      api,
      // Text written into the ledger stays Chinese whatever the operator's locale: the workbook is the clerks'.
      // An original without its settings sheet (copy mode) is sent as the workbook it was the last time (workbook-ids.ts).
      options: { workbookName: basename(input), workbookId: () => workbookIdFor(input, dataDirOf(o.data)), ...(o.asOf ? { asOf: o.asOf } : {}), confirmMoves: o.move ?? false },
      onProgress: progressBar(lang, io.stderr),
      // In place, the new ids reach the file before the first chunk is sent: a re-run after a failure sends them again.
      ...(o.inPlace ? { onIdsWritten: async () => void (await saveXlsx(gateway, input)) } : {}),
    }),
  );
  rememberWorkbookId(o.input, outcome.workbookId, dataDirOf(o.data));
  // The server's answers kept for a later applyMoves are the pane's business, not the operator's.
  const { pendingResults: _kept, ...shown } = outcome;
  if (o.json) io.stdout.write(JSON.stringify({ output: out, unkept, unkeptWarning, ...shown }, null, 2) + '\n');
  else io.stdout.write(formatSummary(outcome, out, lang) + '\n');
  return { code: outcome.errors.length ? EXIT.rowErrors : EXIT.ok, outcome };
}

export function formatSummary(o: SyncOutcome, out: string, lang: Lang): string {
  const zh = lang === 'zh';
  const t = (z: string, e: string) => (zh ? z : e);
  const list = (k: string | null) => (k ? STAGE_NAMES[k as keyof typeof STAGE_NAMES][lang] : t('按阶段列', 'by stage column'));
  // The days a step took (clue → signed …): the figure the county wants shortened; blank when a date is missing.
  const days = (d: number | null) => (d === null ? '' : t(`用时 ${d} 天`, `${d} days`));
  // A row is named by its name cell (签约项目!B7), as errors are by theirs: a clerk goes to it with Ctrl+G.
  const nameColumn = new Map(o.lists.map((l) => [l.sheet, l.nameColumn ?? 'A']));
  const cellOf = (sheet: string, row: number) => `${sheet}!${nameColumn.get(sheet) ?? 'A'}${row}`;
  const lines: string[] = [];
  lines.push(t('清单', 'Lists'));
  lines.push(table([[t('清单', 'List'), t('工作表', 'Sheet'), t('表头行', 'Header row'), t('项目', 'Projects')], ...o.lists.map((l) => [list(l.list), l.sheet, String(l.headerRow), String(l.rows)])], [false, false, true, true]));
  lines.push('');
  const s = summarize(o);
  lines.push(table([
    [t('项目', 'Rows'), t('新建', 'Created'), t('更新', 'Updated'), t('未变', 'Unchanged'), t('未同步', 'Rejected'), t('红旗', 'Red'), t('黄旗', 'Yellow'), t('阶段变化', 'Transitions'), t('错误', 'Errors')],
    [s.rows, s.created, s.updated, s.unchanged, s.rejected, s.red, s.yellow, s.transitions, s.errors].map(String),
  ], true));
  if (o.transitions.length) {
    lines.push('', t('阶段变化', 'Stage transitions'));
    lines.push(table(o.transitions.slice(0, 20).map((x) => [cellOf(x.sheet, x.row), x.id, x.name, `${list(x.from)} → ${list(x.to)}`, x.on, days(x.cycleDays)])));
  }
  const moves = o.moved.length ? o.moved : o.pendingMoves;
  if (moves.length) {
    lines.push('', o.moved.length ? t('已移动的行', 'Rows moved') : t('待移动的行（加 --move 移到新清单）', 'Rows to move (add --move to move them)'));
    lines.push(table(moves.slice(0, 20).map((m) => [cellOf(m.from.sheet, m.from.row), m.id, m.name, `${list(m.from.list)} → ${list(m.to.list)}`, days(m.cycleDays)])));
  }
  if (o.errors.length) {
    lines.push('', t('数据问题（已写入预警原因列）', 'Data problems (written to the reason column)'));
    lines.push(table(o.errors.slice(0, 30).map((e) => [`${e.sheet}!${e.cell}`, e.message[lang]])));
    if (o.errors.length > 30) lines.push(t(`  …… 另有 ${o.errors.length - 30} 处`, `  … and ${o.errors.length - 30} more`));
  }
  if (o.matched) lines.push('', t(`${o.matched} 行的项目编号后台不认识，已按单位和名称认定为已有项目，编号已改写`, `${o.matched} rows carried an ID the backend did not know; matched by unit and name to stored projects, their ID cells now hold those IDs`));
  if (o.warnings.length) {
    lines.push('', t('可能重复的项目（已保存，不算错误）', 'Possible duplicates (stored; not errors)'));
    lines.push(table(o.warnings.slice(0, 20).map((w) => [`${w.sheet}!${w.cell}`, w.message[lang]])));
    if (o.warnings.length > 20) lines.push(t(`  …… 另有 ${o.warnings.length - 20} 处`, `  … and ${o.warnings.length - 20} more`));
  }
  const issues = [...o.headerIssues.map((h) => h.message[lang]), ...o.sheetsWithoutHeader.map((s) => s.message[lang])];
  if (issues.length) lines.push('', t('表头提示', 'Header notes'), ...issues.map((i) => `  ${i}`));
  if (o.missing.length) {
    lines.push('', t('本工作簿以前同步过、现在找不到的项目（未删除）', 'Projects this workbook synced before and now lacks (not deleted)'));
    lines.push(table(o.missing.slice(0, 20).map((m) => [m.id, m.name, list(m.stage), m.unit])));
  }
  lines.push('', `${t('输出文件', 'Output')}: ${out}`);
  return lines.join('\n');
}
