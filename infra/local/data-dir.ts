/**
 * The embedded stack's data folder when none is named: one per user, in the platform's place for application
 * data, so `invest-flags sync` run from any folder and `npm start` share one database (a folder relative to
 * wherever a command ran would silently give two). INVEST_FLAGS_DATA overrides it; --data overrides both.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface DataDirEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
}

const APP = 'invest-flags';

export function defaultDataDir({ platform, env, home }: DataDirEnv = { platform: process.platform, env: process.env, home: homedir() }): string {
  if (env.INVEST_FLAGS_DATA) return resolve(env.INVEST_FLAGS_DATA);
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? env.APPDATA ?? join(home, 'AppData', 'Local'), APP);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP);
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), APP);
}

/** The folder a command uses: the one it was given (made absolute, so the printed path is unambiguous), else the default. */
export const dataDirOf = (given: string | undefined): string => (given ? resolve(given) : defaultDataDir());
