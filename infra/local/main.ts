/**
 * `npm start`: the embedded stack on http://127.0.0.1:<port>, data kept under --data across restarts.
 *   --port 8787   --data <folder, default the per-user data folder>   --in-memory   --static <folder served at />
 */
import { parseArgs } from 'node:util';
import { dataDirOf } from './data-dir';
import { closeOnSignals } from './shutdown';
import { startLocalStack } from './stack';
import { failedToStart, portOption, printStackInfo } from './start-up';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      data: { type: 'string' },
      'in-memory': { type: 'boolean', default: false },
      static: { type: 'string' },
    },
  });
  const dataDir = dataDirOf(values.data);
  const stack = await startLocalStack({
    port: portOption('--port', values.port),
    dataDir,
    inMemory: values['in-memory'],
    mode: 'local',
    cutoffTimer: true,
    ...(values.static ? { staticDir: values.static } : {}),
    log: (line) => console.log(line),
  });
  console.log(`Invest Flags 本地服务已启动 / local stack running: ${stack.url}`);
  printStackInfo(stack, { inMemory: values['in-memory'], dataDir });
  closeOnSignals(() => stack.close());
}

main().catch(failedToStart);
