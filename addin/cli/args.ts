/** Argument checks the commands share: a usage error carries its text in both languages. */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Message } from '../../contract';
import type { TargetArgs } from './target';

/** Exit codes: 0 ok, 1 rows had errors (or the backend refused), 2 usage, unreadable input or a refused overwrite, 3 backend unreachable. */
export const EXIT = { ok: 0, rowErrors: 1, usage: 2, unreachable: 3 } as const;

export class UsageError extends Error {
  readonly msg: Message;
  constructor(zh: string, en: string) {
    super(en);
    this.name = 'UsageError';
    this.msg = { zh, en };
  }
}

/** The command would lose something of the clerk's: it says what, and how to go on. Exit 2, no usage text. */
export class RefusedError extends Error {
  constructor(readonly msg: Message) {
    super(msg.en);
    this.name = 'RefusedError';
  }
}

/**
 * The input file (or the --mapping file) is missing, a folder, or cannot be read: exit 2 with this one line in the
 * operator's language, not the usage text (the command was typed right; the file is the problem).
 */
export class InputFileError extends Error {
  readonly msg: Message;
  constructor(zh: string, en: string) {
    super(en);
    this.name = 'InputFileError';
    this.msg = { zh, en };
  }
}

/** Why a file could not be read, in plain words (permission, missing, a folder), from Node's error code. */
export function unreadableFile(path: string, e: unknown): InputFileError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputFileError(`找不到文件：${path}`, `No such file: ${path}`);
  if (code === 'EISDIR') return new InputFileError(`这是一个文件夹，不是工作簿文件：${path}`, `This is a folder, not a workbook file: ${path}`);
  if (code === 'EACCES' || code === 'EPERM') return new InputFileError(`没有读取此文件的权限：${path}（请检查文件权限，或先把文件复制到自己的文件夹）`, `No permission to read this file: ${path} (check its permissions, or copy it to a folder of your own first)`);
  if (code === 'EBUSY') return new InputFileError(`文件正被其他程序占用：${path}（请先在 Excel 或 WPS 中关闭它）`, `The file is in use by another program: ${path} (close it in Excel or WPS first)`);
  return new InputFileError(`无法读取文件：${path}（${code ?? (e as Error).message}）`, `Cannot read the file: ${path} (${code ?? (e as Error).message})`);
}

export function isoDate(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new UsageError(`${flag} 应为 YYYY-MM-DD：${value}`, `${flag} must be YYYY-MM-DD: ${value}`);
  return value;
}

/** An ISO week "2026-W48" (weeks 01–53). */
export function isoWeek(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-W(\d{2})$/.exec(value);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 53) throw new UsageError(`${flag} 应为 ISO 周次，如 2026-W48：${value}`, `${flag} must be an ISO week such as 2026-W48: ${value}`);
  return value;
}

export function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new UsageError(`${flag} 应为 1–100000 的整数：${value}`, `${flag} must be an integer 1–100000: ${value}`);
  return n;
}

/** The options of every command that writes a copy of one workbook through the backend (sync, report). */
export const TARGET_OPTIONS = {
  out: { type: 'string', short: 'o' }, api: { type: 'string' }, token: { type: 'string' }, data: { type: 'string' },
  'in-place': { type: 'boolean' }, force: { type: 'boolean' }, json: { type: 'boolean' },
} as const;

/** TARGET_OPTIONS as parseArgs gives them. */
interface TargetValues { out?: string; api?: string; token?: string; data?: string; 'in-place'?: boolean; force?: boolean; json?: boolean }

/**
 * The one input file and the shared options, checked: --api and --token go together; --out and --in-place
 * exclude each other. `missing` is thrown unless exactly one input.
 */
export function targetArgs(positionals: readonly string[], values: TargetValues, missing: UsageError): TargetArgs {
  if (positionals.length !== 1) throw missing;
  if (values.api && !values.token) throw new UsageError('--api 需要同时给出 --token', '--api needs --token');
  if (values.token && !values.api) throw new UsageError('--token 只能与 --api 一起使用', '--token goes with --api');
  if (values.out && values['in-place']) throw new UsageError('--out 与 --in-place 不能同时使用', '--out and --in-place exclude each other');
  return {
    input: positionals[0]!, out: values.out, api: values.api, token: values.token, data: values.data,
    inPlace: values['in-place'], force: values.force, json: values.json,
  };
}

/** `<dir>/<name>-<suffix>.xlsx` beside the input. Always .xlsx: the writer writes no macros, and Excel refuses an .xlsm whose content is a plain workbook. */
export function besideInput(input: string, suffix: string): string {
  return join(dirname(input), `${basename(input, extname(input))}-${suffix}.xlsx`);
}

/** The input (which must exist, and its size) and where to write: --out, the input itself with --in-place, or beside it. */
export function inputAndOutput(o: { input: string; out?: string; inPlace?: boolean }, suffix: string): { input: string; out: string; inputBytes: number } {
  const input = resolve(o.input);
  if (!existsSync(input)) throw new InputFileError(`找不到文件：${input}`, `No such file: ${input}`);
  const stat = statSync(input);
  if (!stat.isFile()) throw new InputFileError(`这是一个文件夹，不是工作簿文件：${input}`, `This is a folder, not a workbook file: ${input}`);
  if (o.inPlace && extname(input).toLowerCase() !== '.xlsx') {
    throw new UsageError(`只能原地覆盖 .xlsx 文件；输出总是 .xlsx，请用 --out 指定输出文件：${input}`, `Only an .xlsx file can be overwritten in place; the output is always .xlsx, so name one with --out: ${input}`);
  }
  const out = o.inPlace ? input : resolve(o.out ?? besideInput(input, suffix));
  if (out === input && !o.inPlace) throw new UsageError('输出文件与输入相同；如确要覆盖请加 --in-place', 'The output is the input; add --in-place to overwrite it');
  return { input, out, inputBytes: stat.size };
}
