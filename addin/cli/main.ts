/**
 * `invest-flags` — the command line: `sample` writes a realistic ledger, `sync` flags a ledger file through
 * the backend (the embedded local stack when no --api is given), `report` writes the leaders' sheets
 * (领导看板, 周调度, optionally 全县项目) into a copy of a workbook, `demo` does all three, `dev-token` prints a local
 * stack's dev token for any user. A composition root: one file per command (*-command.ts); this one only
 * dispatches and turns failures into exit codes.
 * Exit codes: 0 ok, 1 rows had errors (or the backend refused), 2 usage, unreadable input or a refused overwrite
 * (--in-place on a file with parts the copy cannot keep, without --force), 3 backend unreachable.
 */
import { ApiCallError, LedgerError } from '../app';
import { GatewayError } from '../core';
import { EXIT, UsageError } from './args';
import { demo } from './demo-command';
import { devToken, parseDevTokenArgs } from './dev-token-command';
import { detectLang } from './i18n';
import { defaultIo, type Io } from './io';
import { parseReportArgs, report } from './report-command';
import { sample } from './sample-command';
import { parseSyncArgs, sync } from './sync-command';
import { RefusedError } from './unkept';

const USAGE = {
  zh: `用法：
  invest-flags sample <输出.xlsx> [--projects N] [--seed S] [--as-of YYYY-MM-DD] [--messy]
  invest-flags sync <台账.xlsx> [--out <文件>] [--api <地址> --token <令牌>] [--data <目录>]
                    [--as-of YYYY-MM-DD] [--move] [--in-place [--force]] [--json]
  invest-flags report <工作簿.xlsx> [--week 2026-W48] [--as-of YYYY-MM-DD] [--county-projects]
                    [--out <文件>] [--api <地址> --token <令牌>] [--data <目录>] [--in-place [--force]] [--json]
  invest-flags demo
  invest-flags dev-token --user <邮箱> [--name <姓名>] [--data <目录>]

  dev-token 打印本地服务（数据目录 --data，默认 ./data）的开发令牌，用于以任意用户身份试用；
  该用户的角色和单位仍需管理员设置，未开通的用户会收到 403。
  sync/report 不带 --api 时在本进程内启动内置后端（数据保存在 --data，默认 ./data）。
  sync 输出默认写到输入文件旁的 <文件名>-flagged.xlsx，report 写到 <文件名>-leaders.xlsx；
  只有加 --in-place 才覆盖输入文件。report 写入 领导看板、周调度（加 --county-projects 还有只读的 全县项目），
  周次默认为 --as-of（或今天）所在的周。
  输入文件中有无法写回的内容（单元格内图片、图表、形状和文本框、数据透视表、切片器、迷你图、手动分页符、
  批注会话、控件、嵌入对象、宏、外部链接、数据连接、数据模型、加载项）时，先在标准错误输出中警告（--json 输出中为 unkept 和 unkeptWarning）；
  此时 --in-place 会被拒绝（退出码 2），请用 --out 另存，或加 --force 仍然覆盖。
  输入不是 .xlsx 文件（.xls、设有打开密码的工作簿、CSV 等）时，说明如何处理并以退出码 2 结束。
  退出码：0 成功，1 有数据问题，2 用法错误、无法读取的输入或拒绝覆盖，3 无法连接后端。`,
  en: `Usage:
  invest-flags sample <out.xlsx> [--projects N] [--seed S] [--as-of YYYY-MM-DD] [--messy]
  invest-flags sync <ledger.xlsx> [--out <file>] [--api <url> --token <token>] [--data <dir>]
                    [--as-of YYYY-MM-DD] [--move] [--in-place [--force]] [--json]
  invest-flags report <workbook.xlsx> [--week 2026-W48] [--as-of YYYY-MM-DD] [--county-projects]
                    [--out <file>] [--api <url> --token <token>] [--data <dir>] [--in-place [--force]] [--json]
  invest-flags demo
  invest-flags dev-token --user <email> [--name <name>] [--data <dir>]

  dev-token prints a dev token of the local stack on data folder --data (default ./data), to try any user;
  an admin still sets that user's role and units, and an unregistered user gets 403.
  Without --api, sync and report start the embedded backend in-process (data in --data, default ./data).
  sync writes <name>-flagged.xlsx beside the input, report <name>-leaders.xlsx; the input is overwritten
  only with --in-place. report writes 领导看板 (dashboard) and 周调度 (weekly report), plus the read-only
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
        return await sample(rest, io);
      case 'sync':
        return (await sync(parseSyncArgs(rest), io)).code;
      case 'report':
        return await report(parseReportArgs(rest), io);
      case 'demo':
        return await demo(io);
      case 'dev-token':
        return await devToken(parseDevTokenArgs(rest), io);
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
      const msg = e instanceof UsageError ? e.msg[lang] : (e as Error).message;
      io.stderr.write(`${msg}\n\n${USAGE[lang]}\n`);
      return EXIT.usage;
    }
    if (e instanceof RefusedError || e instanceof GatewayError || e instanceof LedgerError) {
      io.stderr.write(`${e.msg[lang]}\n`);
      return EXIT.usage;
    }
    if (e instanceof ApiCallError) {
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
