/**
 * `npm start`: the whole local product on one machine, nothing to configure and nothing in the cloud.
 *  - the embedded stack (dynalite on ./data + the API handlers) on http://localhost:8787, which also serves the
 *    task pane's browser file mode at / (for offices on WPS);
 *  - the task pane for Excel over HTTPS on https://localhost:3000 (dev certificates, rebuilt on change), proxying
 *    the API so manifest.xml's SourceLocation works as it is.
 *   tsx scripts/start.ts [--port 8787] [--pane-port 3000] [--data ./data] [--in-memory]
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { closeOnSignals } from '../infra/local/shutdown';
import { startLocalStack } from '../infra/local/stack';
import { ROOT } from './build-taskpane';
import { startDevServer } from './dev-server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      'pane-port': { type: 'string', default: '3000' },
      data: { type: 'string', default: './data' },
      'in-memory': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  const panePort = Number(values['pane-port']);
  for (const [flag, v] of [['--port', port], ['--pane-port', panePort]] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 65535) {
      console.error(`${flag} 必须是 0–65535 的整数 / ${flag} must be an integer 0–65535`);
      process.exit(2);
    }
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const outdir = join(ROOT, 'dist/taskpane');
  // The stack serves the folder per request, so it can start before the dev server's first build fills it.
  const stack = await startLocalStack({
    port,
    dataDir: values.data,
    inMemory: values['in-memory'],
    mode: 'local',
    staticDir: outdir,
    log: (l) => console.log(l),
  });
  const pane = await startDevServer({ port: panePort, outdir, api: stack.url, log: (l) => console.log(`[task pane] ${l}`) });

  console.log('');
  console.log(`后台 API / API:                         ${stack.url}/v1`);
  console.log(`浏览器文件模式 / browser file mode:     ${stack.url}/`);
  console.log(`Excel 任务窗格 / Excel task pane:        ${pane.url}/taskpane.html  (manifest.xml)`);
  console.log(values['in-memory'] ? '数据仅在内存中 / data in memory only' : `数据目录 / data folder: ${values.data}`);
  console.log(`管理员开发令牌 / admin dev token (12 小时 / 12 hours):\n${stack.adminToken}`);
  console.log('按 Ctrl-C 停止 / press Ctrl-C to stop');

  closeOnSignals(() => Promise.all([pane.close(), stack.close()]));
}

main().catch((e: unknown) => {
  console.error('启动失败 / failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
