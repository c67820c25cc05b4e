#!/usr/bin/env node
// Makes sure the Debian packages the tests need are present (like Playwright's install-deps): installs them
// when running as root with apt-get, otherwise stops with the exact command to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const NEEDED = [
  { pkg: 'chromium', file: '/usr/bin/chromium', why: 'task-pane browser tests' },
  { pkg: 'fonts-noto-cjk', file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', why: 'Chinese text in screenshots' },
  { pkg: 'libxml2-utils', file: '/usr/bin/xmllint', why: 'offline manifest schema validation' },
];

const missing = NEEDED.filter((n) => !existsSync(n.file));
if (missing.length === 0) process.exit(0);

const pkgs = missing.map((m) => m.pkg);
const command = `apt-get update && apt-get install -y ${pkgs.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;

if (!isRoot || !hasApt) {
  console.error(`缺少测试所需的系统软件包 / Missing system packages the tests need: ${pkgs.join(', ')}`);
  for (const m of missing) console.error(`  - ${m.pkg}: ${m.why}`);
  console.error(`请运行 / Please run:\n  sudo sh -c '${command}'`);
  process.exit(1);
}
console.error(`正在安装 / Installing: ${pkgs.join(', ')} …`);
execFileSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 ${pkgs.join(' ')}`], { stdio: 'inherit' });
