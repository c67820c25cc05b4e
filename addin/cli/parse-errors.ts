/**
 * node:util parseArgs throws its errors in English only (ERR_PARSE_ARGS_*). Here they become a UsageError in both
 * languages, naming the option the operator typed, so a Chinese clerk reads 未知选项 “--ouput”, not Node's sentence.
 */
import { UsageError } from './args';

/** The quoted pieces of Node's message: 'Unknown option '--x'…' → ['--x', …]. */
const quoted = (message: string): string[] => [...message.matchAll(/'([^']*)'/g)].map((m) => m[1]!);

/** A parseArgs error as a bilingual UsageError; anything else is returned as it is. */
export function translateParseError(e: unknown): unknown {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return e;
  const message = (e as Error).message;
  const [first = ''] = quoted(message);
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`未知选项：${first}`, `Unknown option: ${first}`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      // "Option '-o, --out <value>' argument missing" or "Option '--move' does not take an argument".
      const option = first.replace(/ <value>$/, '').split(', ').pop() ?? first;
      return /does not take/.test(message)
        ? new UsageError(`选项 ${option} 不带值（去掉“=”及其后的内容）`, `Option ${option} takes no value (drop the "=" and what follows)`)
        : new UsageError(`选项 ${option} 后面缺少值`, `Option ${option} needs a value after it`);
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(`多余的参数：${first}（此命令不接受文件名或其他参数）`, `Unexpected argument: ${first} (this command takes no file or other argument)`);
    default:
      return new UsageError(`命令行有误：${message}`, `Command line error: ${message}`);
  }
}
