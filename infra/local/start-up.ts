/** What both long-running local entry points (infra/local/main.ts, scripts/start.ts) check and print at start. */
import { stackOrigins } from './local-host';
import type { LocalStack } from './stack';
import { DEV_TOKEN_HOURS } from './tokens';

/** A port flag's value as a number; a bad one ends the process with exit code 2 and a bilingual message. */
export function portOption(flag: string, raw: string | undefined): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${flag} 必须是 0–65535 的整数 / ${flag} must be an integer 0–65535 (got ${raw})`);
    process.exit(2);
  }
  return port;
}

/** The one line saying who may use the stack: its data folder's mode and the origins CORS and /dev/token answer. */
export function trustLine(stack: Pick<LocalStack, 'url'>, opts: { inMemory: boolean; paneOrigins?: readonly string[] }): string {
  const origins = [...stackOrigins(Number(new URL(stack.url).port), opts.paneOrigins)].filter((o) => !o.includes('[::1]')).join(', ');
  const data = opts.inMemory ? '' : '数据目录仅本人可访问 (0700) / data folder private to you (0700); ';
  return `${data}/dev/token 与 CORS 只应答 / /dev/token and CORS answer only: ${origins}`;
}

/** Where the data lives and the local admin's dev token (short-lived: it is printed to the terminal). */
export function printStackInfo(stack: LocalStack, opts: { inMemory: boolean; dataDir: string; paneOrigins?: readonly string[] }): void {
  console.log(opts.inMemory ? '数据仅在内存中 / data in memory only' : `数据目录 / data folder: ${opts.dataDir}`);
  console.log(trustLine(stack, opts));
  console.log(`管理员开发令牌 / admin dev token (${DEV_TOKEN_HOURS} 小时 / ${DEV_TOKEN_HOURS} hours):\n${stack.adminToken}`);
}

/** The entry point's last word when it cannot start. */
export function failedToStart(e: unknown): never {
  console.error('启动失败 / failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
}
