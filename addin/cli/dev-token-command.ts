/**
 * `invest-flags dev-token --user <email> [--name <name>] [--data <dir>]`: prints a dev token of the embedded
 * stack whose data folder is --data (default the per-user data folder; the token is signed with that folder's secret), so every
 * role can be tried without a cloud. The token only says who the caller is: their role and units come from the
 * table, so a user no admin registered gets the 403 that tells them whom to ask.
 */
import { parseArgs } from 'node:util';
import { dataDirOf } from '../../infra/local/data-dir';
import { isDevEmail, issueDevToken } from '../../infra/local/dev-token';
import { DEV_TOKEN_HOURS } from '../../infra/local/tokens';
import { EXIT, UsageError } from './args';
import { detectLang } from './i18n';
import type { Io } from './io';

export interface DevTokenArgs {
  user: string;
  name?: string;
  data?: string;
}

export function parseDevTokenArgs(args: string[]): DevTokenArgs {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { user: { type: 'string' }, name: { type: 'string' }, data: { type: 'string' } } });
  if (positionals.length) throw new UsageError(`dev-token 不接受参数：${positionals.join(' ')}`, `dev-token takes no arguments: ${positionals.join(' ')}`);
  const user = values.user?.trim();
  if (!user) throw new UsageError('dev-token 需要 --user <邮箱>', 'dev-token needs --user <email>');
  if (!isDevEmail(user)) throw new UsageError(`--user 应为邮箱地址：${user}`, `--user must be an e-mail address: ${user}`);
  return { user, ...(values.name ? { name: values.name } : {}), ...(values.data ? { data: values.data } : {}) };
}

export async function devToken(args: DevTokenArgs, io: Io): Promise<number> {
  const dataDir = dataDirOf(args.data);
  const token = await issueDevToken({ email: args.user, ...(args.name ? { name: args.name } : {}), dataDir });
  io.stdout.write(`${token}\n`);
  const zh = detectLang(io.env) === 'zh';
  io.stderr.write(
    zh
      ? `已为 ${args.user} 签发开发令牌（${DEV_TOKEN_HOURS} 小时有效，仅对数据目录 ${dataDir} 的本地服务有效）；角色和单位由管理员在“用户”中设置。\n`
      : `Dev token for ${args.user} (valid ${DEV_TOKEN_HOURS} hours, only for the local stack on data folder ${dataDir}); an admin sets the role and units under Users.\n`,
  );
  return EXIT.ok;
}
