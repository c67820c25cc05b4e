/**
 * `npm start`: the whole local product on one machine, nothing to configure and nothing in the cloud.
 *  - the embedded stack (dynalite on the per-user data folder + the API handlers) on http://localhost:8787, which also serves the
 *    task pane's browser file mode at / (for offices on WPS);
 *  - the task pane for Excel over HTTPS on https://localhost:3000 (dev certificates, rebuilt on change), proxying
 *    the API so manifest.xml's SourceLocation works as it is.
 *   tsx scripts/start.ts [--port 8787] [--pane-port 3000] [--data <folder, default the per-user data folder>] [--in-memory]
 */
import { parseArgs } from 'node:util';
import { dataDirOf } from '../infra/local/data-dir';
import { join } from 'node:path';
import { closeOnSignals } from '../infra/local/shutdown';
import { startLocalStack } from '../infra/local/stack';
import { failedToStart, portOption, printStackInfo } from '../infra/local/start-up';
import { ROOT } from './build-taskpane';
import { startDevServer } from './dev-server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      'pane-port': { type: 'string', default: '3000' },
      data: { type: 'string' },
      'in-memory': { type: 'boolean', default: false },
    },
  });
  const port = portOption('--port', values.port);
  const panePort = portOption('--pane-port', values['pane-port']);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const outdir = join(ROOT, 'dist/taskpane');
  // The stack serves the folder per request, so it can start before the dev server's first build fills it.
  const dataDir = dataDirOf(values.data);
  const paneOrigins = [`https://localhost:${panePort}`];
  const stack = await startLocalStack({
    port,
    paneOrigins,
    dataDir,
    inMemory: values['in-memory'],
    mode: 'local',
    cutoffTimer: true,
    staticDir: outdir,
    log: (l) => console.log(l),
  });
  const pane = await startDevServer({ port: panePort, outdir, api: stack.url, log: (l) => console.log(`[task pane] ${l}`) });

  console.log('');
  console.log(`后台 API / API:                         ${stack.url}/v1`);
  console.log(`浏览器文件模式 / browser file mode:     ${stack.url}/`);
  console.log(`Excel 任务窗格 / Excel task pane:        ${pane.url}/taskpane.html  (manifest.xml)`);
  printStackInfo(stack, { inMemory: values['in-memory'], dataDir, paneOrigins });
  console.log('按 Ctrl-C 停止 / press Ctrl-C to stop');

  closeOnSignals(() => Promise.all([pane.close(), stack.close()]));
}

main().catch(failedToStart);
