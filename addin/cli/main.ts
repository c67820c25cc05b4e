/**
 * `invest-flags` — the command line: `sample` writes a realistic ledger, `sync` flags a ledger file through
 * the backend (the embedded local stack when no --api is given), `demo` does both. A composition root: it
 * wires core, the .xlsx gateway and (in-process) the local stack.
 * Exit codes: 0 ok, 1 rows had errors (or the backend refused), 2 usage or unreadable input, 3 backend unreachable.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GatewayError, LedgerError, runSync, SyncError, type SyncOutcome } from '../core';
import { XlsxGateway } from '../xlsx';
import { openXlsx, saveXlsx } from '../xlsx/file';
import { detectLang, type Lang } from './i18n';
import { formatSummary, progressBar } from './report';
import { buildSample } from './sample';

export const EXIT = { ok: 0, rowErrors: 1, usage: 2, unreachable: 3 } as const;

const USAGE = {
  zh: `用法：
  invest-flags sample <输出.xlsx> [--projects N] [--seed S] [--as-of YYYY-MM-DD] [--messy]
  invest-flags sync <台账.xlsx> [--out <文件>] [--api <地址> --token <令牌>] [--data <目录>]
                    [--as-of YYYY-MM-DD] [--move] [--in-place] [--json]
  invest-flags demo

  sync 不带 --api 时在本进程内启动内置后端（数据保存在 --data，默认 ./data）。
  输出默认写到输入文件旁的 <文件名>-flagged.xlsx；只有加 --in-place 才覆盖输入文件。
  退出码：0 成功，1 有数据问题，2 用法错误，3 无法连接后端。`,
  en: `Usage:
  invest-flags sample <out.xlsx> [--projects N] [--seed S] [--as-of YYYY-MM-DD] [--messy]
  invest-flags sync <ledger.xlsx> [--out <file>] [--api <url> --token <token>] [--data <dir>]
                    [--as-of YYYY-MM-DD] [--move] [--in-place] [--json]
  invest-flags demo

  Without --api, sync starts the embedded backend in-process (data in --data, default ./data).
  Output goes to <name>-flagged.xlsx beside the input; the input is overwritten only with --in-place.
  Exit codes: 0 ok, 1 rows had errors, 2 usage error, 3 backend unreachable.`,
};

class UsageError extends Error {
  constructor(readonly zh: string, readonly en: string) {
    super(en);
  }
}

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WriteStream;
  env: Record<string, string | undefined>;
}
const defaultIo = (): Io => ({ stdout: process.stdout, stderr: process.stderr, env: process.env });

const today = () => new Date().toISOString().slice(0, 10);
function isoDate(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new UsageError(`${flag} 应为 YYYY-MM-DD：${value}`, `${flag} must be YYYY-MM-DD: ${value}`);
  return value;
}
function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new UsageError(`${flag} 应为 1–100000 的整数：${value}`, `${flag} must be an integer 1–100000: ${value}`);
  return n;
}

export async function sample(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { projects: { type: 'string' }, seed: { type: 'string' }, 'as-of': { type: 'string' }, messy: { type: 'boolean' } } });
  if (positionals.length !== 1) throw new UsageError('sample 需要一个输出文件名', 'sample needs one output file');
  const out = resolve(positionals[0]!);
  const wb = await buildSample({
    projects: positiveInt(values.projects, '--projects', 60),
    seed: positiveInt(values.seed, '--seed', 2026),
    asOf: isoDate(values['as-of'], '--as-of') ?? today(),
    messy: values.messy ?? false,
  });
  await mkdir(dirname(out), { recursive: true });
  await saveXlsx(XlsxGateway.of(wb), out);
  io.stderr.write(`${detectLang(io.env) === 'zh' ? '已生成' : 'Wrote'} ${out}\n`);
  return EXIT.ok;
}

export interface SyncCliOptions {
  input: string;
  out?: string;
  api?: string;
  token?: string;
  data?: string;
  inMemory?: boolean;
  asOf?: string;
  move?: boolean;
  inPlace?: boolean;
  json?: boolean;
}

export function parseSyncArgs(args: string[]): SyncCliOptions {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' }, api: { type: 'string' }, token: { type: 'string' }, data: { type: 'string' },
      'as-of': { type: 'string' }, move: { type: 'boolean' }, 'in-place': { type: 'boolean' }, json: { type: 'boolean' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('sync 需要一个台账文件', 'sync needs one ledger file');
  if (values.api && !values.token) throw new UsageError('--api 需要同时给出 --token', '--api needs --token');
  if (values.token && !values.api) throw new UsageError('--token 只能与 --api 一起使用', '--token goes with --api');
  if (values.out && values['in-place']) throw new UsageError('--out 与 --in-place 不能同时使用', '--out and --in-place exclude each other');
  return {
    input: positionals[0]!, out: values.out, api: values.api, token: values.token, data: values.data,
    asOf: isoDate(values['as-of'], '--as-of'), move: values.move, inPlace: values['in-place'], json: values.json,
  };
}

/** `<dir>/<name>-flagged.xlsx` beside the input. */
export function defaultOut(input: string): string {
  const ext = extname(input) || '.xlsx';
  return join(dirname(input), `${basename(input, extname(input))}-flagged${ext}`);
}

export async function sync(o: SyncCliOptions, io: Io): Promise<{ code: number; outcome?: SyncOutcome }> {
  const lang: Lang = detectLang(io.env);
  const input = resolve(o.input);
  if (!existsSync(input)) throw new UsageError(`找不到文件：${input}`, `No such file: ${input}`);
  const out = o.inPlace ? input : resolve(o.out ?? defaultOut(input));
  if (out === input && !o.inPlace) throw new UsageError('输出文件与输入相同；如确要覆盖请加 --in-place', 'The output is the input; add --in-place to overwrite it');
  const gateway = await openXlsx(input);

  let api: { url: string; token: string };
  let stack: { close(): Promise<void> } | undefined;
  if (o.api) api = { url: o.api, token: o.token! };
  else {
    try {
      // Loaded only here: a sync against a remote API needs none of the backend. (require, not import():
      // under tsx the entry runs as CommonJS and a dynamic import() would skip its .ts resolution.)
      // The SDK's Node-version notice means nothing to a clerk syncing against local dynalite.
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
      const { startLocalStack } = require('../../infra/local/stack') as typeof import('../../infra/local/stack');
      const s = await startLocalStack(o.inMemory ? { inMemory: true } : { dataDir: o.data ?? './data' });
      stack = s;
      api = { url: s.url, token: s.adminToken };
    } catch (e) {
      throw new SyncError('network', { zh: `内置后端无法启动（${(e as Error).message}）`, en: `The embedded backend did not start (${(e as Error).message})` });
    }
  }
  try {
    const outcome = await runSync({
      gateway,
      api,
      // Text written into the ledger stays Chinese whatever the operator's locale: the workbook is the clerks'.
      options: { workbookName: basename(input), ...(o.asOf ? { asOf: o.asOf } : {}), confirmMoves: o.move ?? false },
      onProgress: progressBar(lang, io.stderr),
    });
    await saveXlsx(gateway, out);
    if (o.json) io.stdout.write(JSON.stringify({ output: out, ...outcome }, null, 2) + '\n');
    else io.stdout.write(formatSummary(outcome, out, lang) + '\n');
    return { code: outcome.errors.length ? EXIT.rowErrors : EXIT.ok, outcome };
  } finally {
    await stack?.close();
  }
}

export async function demo(io: Io): Promise<number> {
  const dir = resolve('out');
  const input = join(dir, 'demo.xlsx');
  await sample([input, '--projects', '60', '--seed', '2026'], io);
  const { code } = await sync({ input, out: join(dir, 'demo-flagged.xlsx'), inMemory: true }, io);
  return code;
}

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const lang = detectLang(io.env);
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'sample':
        return await sample(rest, io);
      case 'sync':
        return (await sync(parseSyncArgs(rest), io)).code;
      case 'demo':
        return await demo(io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(USAGE[lang] + '\n');
        return command ? EXIT.ok : EXIT.usage;
      default:
        throw new UsageError(`未知命令：${command}`, `Unknown command: ${command}`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      const msg = e instanceof UsageError ? e[lang] : (e as Error).message;
      io.stderr.write(`${msg}\n\n${USAGE[lang]}\n`);
      return EXIT.usage;
    }
    if (e instanceof GatewayError || e instanceof LedgerError) {
      io.stderr.write(`${e instanceof GatewayError ? e[lang] : e.msg[lang]}\n`);
      return EXIT.usage;
    }
    if (e instanceof SyncError) {
      io.stderr.write(`\n${e.msg[lang]}\n`);
      return e.kind === 'network' ? EXIT.unreachable : EXIT.rowErrors;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`${(e as Error).stack ?? e}\n`);
      process.exitCode = 70;
    },
  );
}
