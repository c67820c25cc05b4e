'use strict';
/**
 * The stand-in for Lambda's Node.js runtime, one fresh process per function (infra/cdk/verify/bundles.ts forks
 * it with the function's environment and heap limit): requires the bundle given as argv[2], reports how long
 * that took, then invokes `handler(event, context)` for each event the parent sends, one at a time, sampling the
 * heap while it runs. Plain CommonJS with only node: modules, so it runs under bare `node` like the bundle.
 */
const { performance } = require('node:perf_hooks');
const { randomUUID } = require('node:crypto');

const bundle = process.argv[2];
const heap = () => process.memoryUsage();
const send = (message) => new Promise((resolve) => process.send(message, () => resolve()));
const describe = (e) => (e instanceof Error ? e.stack || `${e.name}: ${e.message}` : String(e));

let handler;
async function load() {
  const before = performance.now();
  try {
    const mod = require(bundle);
    handler = mod && mod.handler;
  } catch (e) {
    return send({ type: 'loaded', error: describe(e) });
  }
  const loadMs = performance.now() - before;
  const m = heap();
  await send({
    type: 'loaded',
    loadMs,
    // From the process's start (Node's own boot included) to a handler ready to call.
    sinceStartMs: performance.now(),
    handlerType: typeof handler,
    // What the function sees of its environment (names only): the verifier checks it is the template's.
    envKeys: Object.keys(process.env).sort(),
    heapUsed: m.heapUsed,
    rss: m.rss,
  });
}

/** Lambda's context object, as far as a Node.js handler can see it. */
function context(fn) {
  const deadline = Date.now() + fn.timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:123456789012:function:${fn.functionName}`,
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME || `/aws/lambda/${fn.functionName}`,
    logStreamName: `verify/[$LATEST]${randomUUID().replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

async function invoke(message) {
  let peakHeap = heap().heapUsed;
  let peakCommitted = heap().heapTotal;
  let peakRss = heap().rss;
  const sample = () => {
    const m = heap();
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
    if (m.heapTotal > peakCommitted) peakCommitted = m.heapTotal;
    if (m.rss > peakRss) peakRss = m.rss;
  };
  // getrusage's maxRSS is no use here: Linux carries the parent's high-water mark into a forked child.
  const timer = setInterval(sample, 2);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let outcome;
  try {
    const result = await handler(message.event, context(message.fn));
    outcome = { result };
  } catch (e) {
    outcome = { error: describe(e) };
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(timer);
  sample();
  await send({ type: 'invoked', id: message.id, ms, cpuMs: (cpu.user + cpu.system) / 1000, peakHeap, peakCommitted, peakRss, ...outcome });
}

// One invocation at a time, like one Lambda execution environment.
let queue = Promise.resolve();
process.on('message', (message) => {
  if (message && message.type === 'invoke') queue = queue.then(() => invoke(message));
  if (message && message.type === 'exit') queue.then(() => process.disconnect());
});

load();
