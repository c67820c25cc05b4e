/**
 * `npm start`: the embedded stack on http://127.0.0.1:<port>, data kept under --data across restarts.
 *   --port 8787   --data ./data   --in-memory   --static <folder served at />
 */
import { parseArgs } from 'node:util';
import { closeOnSignals } from './shutdown';
import { startLocalStack } from './stack';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      data: { type: 'string', default: './data' },
      'in-memory': { type: 'boolean', default: false },
      static: { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port 必须是 0–65535 的整数 / --port must be an integer 0–65535 (got ${values.port})`);
    process.exit(2);
  }
  const stack = await startLocalStack({
    port,
    dataDir: values.data,
    inMemory: values['in-memory'],
    mode: 'local',
    ...(values.static ? { staticDir: values.static } : {}),
    log: (line) => console.log(line),
  });
  console.log(`Invest Flags 本地服务已启动 / local stack running: ${stack.url}`);
  console.log(values['in-memory'] ? '数据仅在内存中 / data in memory only' : `数据目录 / data folder: ${values.data}`);
  console.log(`管理员开发令牌 / admin dev token (12 小时 / 12 hours):\n${stack.adminToken}`);
  closeOnSignals(() => stack.close());
}

main().catch((e: unknown) => {
  console.error('启动失败 / failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
