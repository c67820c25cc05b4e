/**
 * `invest-flags` — the command line: `sample` writes a realistic ledger, `sync` flags a ledger file through
 * the backend (the embedded local stack when no --api is given), `report` writes the leaders' sheets
 * (领导看板, 周调度, optionally 全县项目) into a copy of a workbook, `demo` does all three, `dev-token` prints a local
 * stack's dev token for any user. A composition root: one file per command (*-command.ts); this one only
 * dispatches and turns failures into exit codes.
 * Exit codes: 0 ok, 1 rows had errors (or the backend refused), 2 usage, unreadable input or a refused overwrite
 * (--in-place on a file with parts the copy cannot keep, or an output someone changed, without --force), 3 backend unreachable.
 */
import { ApiCallError, LedgerError } from '../app';
import { GatewayError } from '../core';
import { version } from '../../package.json';
import { EXIT, InputFileError, RefusedError, UsageError } from './args';
import { translateParseError } from './parse-errors';
import { detectLang } from './i18n';
import { defaultIo, type Io } from './io';

// Each command is loaded when it runs, so `--version`, `--help` and a command that needs no ExcelJS or AWS SDK
// start without loading them (the bundle splits there).
const commands = {
  sample: () => import('./sample-command'),
  sync: () => import('./sync-command'),
  report: () => import('./report-command'),
  demo: () => import('./demo-command'),
  devToken: () => import('./dev-token-command'),
  cutoff: () => import('./cutoff-command'),
};

const USAGE = {
  zh: `用法：
  invest-flags sample <输出.xlsx> [--projects N] [--seed S] [--as-of YYYY-MM-DD] [--messy] [--force]
  invest-flags sync <台账.xlsx> [--out <文件>] [--api <地址> --token <令牌>] [--data <目录>]
                    [--as-of YYYY-MM-DD] [--move] [--in-place] [--force] [--json]
                    [--map-sheet <工作表>=<清单>] [--map-column <工作表>!<列>=<字段>] [--mapping <映射.json>]
  invest-flags report <工作簿.xlsx> [--week 2026-W48] [--as-of YYYY-MM-DD] [--county-projects]
                    [--out <文件>] [--api <地址> --token <令牌>] [--data <目录>] [--in-place] [--force] [--json]
  invest-flags demo
  invest-flags dev-token --user <邮箱> [--name <姓名>] [--data <目录>]
  invest-flags cutoff [--week 2026-W49] [--dry-run] [--json] [--api <地址> --token <令牌>] [--data <目录>]
  invest-flags --version

  dev-token 打印本地服务（数据目录 --data，默认为每个用户一个的数据目录）的开发令牌，用于以任意用户身份试用；
  该用户的角色和单位仍需管理员设置，未开通的用户会收到 403。
  sync/report 不带 --api 时在本进程内启动内置后端（数据保存在 --data，默认为每个用户一个的数据目录，运行时会打印）。
  sync 输出默认写到输入文件旁的 <文件名>-flagged.xlsx，report 写到 <文件名>-leaders.xlsx；
  只有加 --in-place 才覆盖输入文件。输出文件已存在时，只替换本工具上次写出且之后未被改动的那份；有人改过的、
  或不是本工具写出的文件会被拒绝（退出码 2，不同步任何数据），请用 --out 另存，或加 --force 仍然覆盖。report 写入 领导看板、周调度（加 --county-projects 还有只读的 全县项目），
  周次默认为 --as-of（或今天）所在的周。
  输入文件中有无法写回的内容（单元格内图片、图表、形状和文本框、数据透视表、切片器、迷你图、手动分页符、
  批注会话、控件、嵌入对象、宏、外部链接、数据连接、数据模型、加载项）时，先在标准错误输出中警告（--json 输出中为 unkept 和 unkeptWarning）；
  此时 --in-place 会被拒绝（退出码 2），请用 --out 另存，或加 --force 仍然覆盖。
  输入不是 .xlsx 文件（.xls、设有打开密码的工作簿、CSV 等）时，说明如何处理并以退出码 2 结束。
  退出码：0 成功，1 有数据问题，2 用法错误、无法读取的输入或拒绝覆盖，3 无法连接后端。`,
  en: `Usage:
  invest-flags sample <out.xlsx> [--projects N] [--seed S] [--as-of YYYY-MM-DD] [--messy] [--force]
  invest-flags sync <ledger.xlsx> [--out <file>] [--api <url> --token <token>] [--data <dir>]
                    [--as-of YYYY-MM-DD] [--move] [--in-place] [--force] [--json]
                    [--map-sheet <sheet>=<list>] [--map-column <sheet>!<col>=<field>] [--mapping <file.json>]
  invest-flags report <workbook.xlsx> [--week 2026-W48] [--as-of YYYY-MM-DD] [--county-projects]
                    [--out <file>] [--api <url> --token <token>] [--data <dir>] [--in-place] [--force] [--json]
  invest-flags demo
  invest-flags dev-token --user <email> [--name <name>] [--data <dir>]
  invest-flags cutoff [--week 2026-W49] [--dry-run] [--json] [--api <url> --token <token>] [--data <dir>]
  invest-flags --version

  dev-token prints a dev token of the local stack on data folder --data (default: the per-user data folder), to try any user;
  an admin still sets that user's role and units, and an unregistered user gets 403.
  Without --api, sync and report start the embedded backend in-process (data in --data, default: the per-user data folder, printed on every run).
  sync writes <name>-flagged.xlsx beside the input, report <name>-leaders.xlsx; the input is overwritten
  only with --in-place. An existing output is replaced only when it is the copy this tool last wrote there,
  unchanged since; one someone changed, or that this tool did not write, is refused (exit 2, nothing synced):
  use --out, or add --force to replace it anyway. report writes 领导看板 (dashboard) and 周调度 (weekly report), plus the read-only
  全县项目 (every county project) with --county-projects; the week defaults to the one --as-of (or today) is in.
  When the input has parts that cannot be written back (in-cell pictures, charts, shapes and text boxes, pivot
  tables, slicers, sparklines, manual page breaks, threaded comments, controls, embedded objects, macros,
  external links, data connections, the data model, add-ins), a warning on stderr names them (unkept and
  unkeptWarning in --json output); --in-place then refuses (exit 2): use --out,
  or add --force to overwrite anyway. An input that is not an .xlsx (an .xls, a
  workbook with a password to open, a CSV…) is refused with exit 2 and what to do instead.
  Exit codes: 0 ok, 1 rows had errors, 2 usage error, unreadable input or refused overwrite, 3 backend unreachable.`,
};

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const lang = detectLang(io.env);
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'sample':
        return await (await commands.sample()).sample(rest, io);
      case 'sync': {
        const c = await commands.sync();
        return (await c.sync(c.parseSyncArgs(rest), io)).code;
      }
      case 'report': {
        const c = await commands.report();
        return await c.report(c.parseReportArgs(rest), io);
      }
      case 'demo': {
        const c = await commands.demo();
        c.parseDemoArgs(rest);
        return await c.demo(io);
      }
      case 'cutoff': {
        const c = await commands.cutoff();
        return await c.cutoff(c.parseCutoffArgs(rest), io);
      }
      case 'dev-token': {
        const c = await commands.devToken();
        return await c.devToken(c.parseDevTokenArgs(rest), io);
      }
      case 'version':
      case '--version':
      case '-v':
        io.stdout.write(`invest-flags ${version}\n`);
        return EXIT.ok;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(USAGE[lang] + '\n');
        return command ? EXIT.ok : EXIT.usage;
      default:
        throw new UsageError(`未知命令：${command}`, `Unknown command: ${command}`);
    }
  } catch (thrown) {
    const e = translateParseError(thrown);
    // With --json, every failure is also a JSON error object on stdout, the API's shape: { error: { code, message, details } }.
    const json = rest.includes('--json');
    const fail = (exit: number, code: string, message: { zh: string; en: string }, details: Record<string, unknown> = {}) => {
      if (json) io.stdout.write(JSON.stringify({ error: { code, message, details } }, null, 2) + '\n');
      return exit;
    };
    if (e instanceof UsageError) {
      io.stderr.write(`${e.msg[lang]}\n\n${USAGE[lang]}\n`);
      return fail(EXIT.usage, 'usage', e.msg);
    }
    // The command was typed right; the file is missing or unreadable: its one line, not the usage text.
    if (e instanceof InputFileError) {
      io.stderr.write(`${e.msg[lang]}\n`);
      return fail(EXIT.usage, 'input', e.msg);
    }
    if (e instanceof LedgerError) {
      const looked = (e.details.looked ?? []) as Array<{ sheet: string; reason: { zh: string; en: string } }>;
      io.stderr.write(`${e.msg[lang]}\n${looked.map((l) => `  · ${l.sheet}: ${l.reason[lang]}\n`).join('')}`);
      return fail(EXIT.usage, e.code, e.msg, e.details);
    }
    if (e instanceof RefusedError || e instanceof GatewayError) {
      io.stderr.write(`${e.msg[lang]}\n`);
      return fail(EXIT.usage, e instanceof GatewayError ? e.code : 'refused', e.msg, e instanceof GatewayError && e.sheet ? { sheet: e.sheet } : {});
    }
    if (e instanceof ApiCallError) {
      io.stderr.write(`\n${e.msg[lang]}\n`);
      return fail(e.kind === 'network' ? EXIT.unreachable : EXIT.rowErrors, e.code ?? e.kind, e.msg, e.status ? { status: e.status } : {});
    }
    throw e;
  }
}

// Run directly (tsx addin/cli/main.ts, or node dist/cli/main.cjs); bin.cjs loads the bundle and calls main() itself.
if (typeof module !== 'undefined' && require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`${(e as Error).stack ?? e}\n`);
      process.exitCode = 70;
    },
  );
}
