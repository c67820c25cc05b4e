/**
 * The deployable artifacts, run as Lambda would run them: synthesise the app with bundling (local esbuild, no
 * Docker), read the template, and for each function start a fresh Node process on its bundle with exactly the
 * environment the template gives it (the table name pointed at a dynalite table created from the template's own
 * table definition), its memory size as the heap limit, and call its handler with API Gateway events.
 */
import { type ChildProcess, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { startDynalite, type RunningDynalite } from '../../local/dynalite';
import { createApp } from '../create-app';
import { REPO_ROOT } from '../paths';

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties?: Json;
  Metadata?: Json;
}

/** A Lambda function of the synthesised template, with what the verifier needs to run it. */
export interface TemplateFunction {
  logicalId: string;
  /** The construct path (aws:cdk:path), for messages. */
  constructPath: string;
  /** Handler name (routes.ts) for the API's functions, `cutoff-job` for the scheduled job; null for the others. */
  name: string | null;
  runtime: string;
  handler: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Environment.Variables as the template has them (values may be intrinsics such as { Ref }). */
  environment: Record<string, unknown>;
  logFormat: string | null;
  applicationLogLevel: string | null;
  /** The asset folder in the cloud assembly (null when the code is inline or not an asset). */
  assetDir: string | null;
  /**
   * The payload each EventBridge Scheduler schedule of the template that targets this function invokes it with:
   * its Target.Input parsed, or `{}` when the schedule sets none (what Scheduler sends a templated Lambda target
   * then). Empty for a function no schedule targets.
   */
  scheduleInputs: unknown[];
}

export interface Synthesis {
  outdir: string;
  template: { Resources: Record<string, Resource> };
  functions: TemplateFunction[];
  /** The stack's table: logical id and the properties CloudFormation would create it with. */
  table: { logicalId: string; properties: Json };
  tenant: { tenantId: string; clientId: string };
  bootstrapAdminEmail: string;
  cleanup(): void;
}

export const VERIFY_TENANT = { tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', clientId: '3c5e7b1a-9f0d-4a2e-8b6c-1d2e3f405162' };
export const VERIFY_ADMIN_EMAIL = 'admin@pingyi.gov.cn';

function cdkJsonContext(): Json {
  return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Json }).context;
}

/**
 * Synthesises the app as `cdk synth` does (cdk.json's context, a configured tenant, a first-admin e-mail), with
 * bundling, into a temporary cloud assembly.
 */
export function synthesise(): Synthesis {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'invest-flags-verify-'));
  const taskpaneDir = path.join(outdir, 'taskpane');
  fs.mkdirSync(taskpaneDir);
  fs.writeFileSync(path.join(taskpaneDir, 'taskpane.html'), '<!doctype html><title>四个清单</title>');
  const cleanup = () => fs.rmSync(outdir, { recursive: true, force: true });
  try {
    const { app, stack, settings } = createApp({
      context: { ...cdkJsonContext(), ...VERIFY_TENANT, taskpaneDir, bootstrapAdminEmail: VERIFY_ADMIN_EMAIL },
      outdir: path.join(outdir, 'cdk.out'),
      nag: false,
    });
    const assembly = app.synth();
    const artifact = assembly.getStackByName(stack.stackName);
    const template = artifact.template as Synthesis['template'];
    const names = new Map(stack.functions.map((f) => [stack.getLogicalId(f.fn.node.defaultChild as never), f.spec.name]));
    // The scheduled cut-off job (functions/handlers/cutoff-job.ts), not behind the API.
    names.set(stack.getLogicalId(stack.cutoff.fn.node.defaultChild as never), CUTOFF_JOB);
    const functions = Object.entries(template.Resources)
      .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
      .map(([logicalId, r]) => describeFunction(logicalId, r, names.get(logicalId) ?? null, assembly.directory, scheduleInputs(template.Resources, logicalId)));
    const tables = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::DynamoDB::Table');
    if (tables.length !== 1) throw new Error(`expected one DynamoDB table in the template, found ${tables.length}`);
    const [tableId, table] = tables[0]!;
    return {
      outdir,
      template,
      functions,
      table: { logicalId: tableId, properties: table.Properties ?? {} },
      tenant: { tenantId: settings.identity.tenantId, clientId: settings.identity.clientId },
      bootstrapAdminEmail: VERIFY_ADMIN_EMAIL,
      cleanup,
    };
  } catch (e) {
    cleanup();
    throw e;
  }
}

/** The name the verifier gives the scheduled cut-off job (its handler file is functions/handlers/cutoff-job.ts). */
export const CUTOFF_JOB = 'cutoff-job';

/** The inputs of the template's EventBridge Scheduler schedules whose target is this function (`{}` when a schedule sets none). */
function scheduleInputs(resources: Record<string, Resource>, logicalId: string): unknown[] {
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::Scheduler::Schedule')
    .map((r) => (r.Properties?.Target ?? {}) as { Arn?: unknown; Input?: unknown })
    .filter((t) => JSON.stringify(t.Arn ?? null).includes(JSON.stringify(logicalId)))
    .map((t) => {
      if (t.Input === undefined) return {};
      if (typeof t.Input !== 'string') throw new Error(`the schedule's input for ${logicalId} is ${JSON.stringify(t.Input)}; the verifier does not know what it resolves to`);
      return JSON.parse(t.Input) as unknown;
    });
}

function describeFunction(logicalId: string, r: Resource, name: string | null, assemblyDir: string, schedules: unknown[]): TemplateFunction {
  const p = r.Properties ?? {};
  // Asset metadata is off in cdk.json's context; the code's S3 key is the asset's hash, its folder asset.<hash>.
  const s3Key = (p.Code as { S3Key?: unknown } | undefined)?.S3Key;
  const assetPath = (r.Metadata?.['aws:asset:path'] as string | undefined) ?? (typeof s3Key === 'string' ? `asset.${s3Key.replace(/\.zip$/, '')}` : null);
  const logging = p.LoggingConfig as { LogFormat?: string; ApplicationLogLevel?: string } | undefined;
  return {
    logicalId,
    constructPath: String(r.Metadata?.['aws:cdk:path'] ?? logicalId),
    name,
    runtime: String(p.Runtime ?? ''),
    handler: String(p.Handler ?? ''),
    // CloudFormation's defaults when the template leaves them out.
    memoryMb: Number(p.MemorySize ?? 128),
    timeoutSeconds: Number(p.Timeout ?? 3),
    environment: ((p.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>,
    logFormat: logging?.LogFormat ?? null,
    applicationLogLevel: logging?.ApplicationLogLevel ?? null,
    assetDir: assetPath ? path.resolve(assemblyDir, assetPath) : null,
    scheduleInputs: schedules,
  };
}

/** The bundle file a Node.js function's Handler names (`index.handler` → index.js in the asset folder). */
export function bundleFile(fn: TemplateFunction): string {
  if (!fn.assetDir) throw new Error(`${fn.constructPath}: its code is not an asset of the cloud assembly`);
  const dot = fn.handler.lastIndexOf('.');
  const base = path.join(fn.assetDir, fn.handler.slice(0, dot));
  const file = ['.js', '.cjs', '.mjs'].map((ext) => base + ext).find((f) => fs.existsSync(f));
  if (!file) throw new Error(`${fn.constructPath}: no ${fn.handler.slice(0, dot)}.js/.cjs/.mjs in ${fn.assetDir}`);
  return file;
}

export function handlerExport(fn: TemplateFunction): string {
  return fn.handler.slice(fn.handler.lastIndexOf('.') + 1);
}

// ---------------------------------------------------------------- the table

export interface VerifyTable {
  endpoint: string;
  tableName: string;
  close(): Promise<void>;
}

/**
 * dynalite with the template's table: its key schema, attributes and indexes as CloudFormation would create
 * them, under a name of its own (so a function that ignores TABLE_NAME finds nothing).
 */
export async function startTable(synthesis: Synthesis): Promise<VerifyTable> {
  const db: RunningDynalite = await startDynalite();
  const tableName = `verify-${synthesis.table.logicalId}-${process.pid}`;
  const client = new DynamoDBClient({ endpoint: db.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    // CloudFormation's table properties use the API's names; only what CreateTable takes is passed on.
    const p = synthesis.table.properties as Pick<CreateTableCommandInput, 'KeySchema' | 'AttributeDefinitions' | 'GlobalSecondaryIndexes' | 'LocalSecondaryIndexes'>;
    const index = <I extends { IndexName?: string; KeySchema?: unknown; Projection?: unknown }>(i: I) => ({ IndexName: i.IndexName, KeySchema: i.KeySchema, Projection: i.Projection }) as I;
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: p.KeySchema,
        AttributeDefinitions: p.AttributeDefinitions,
        ...(p.GlobalSecondaryIndexes ? { GlobalSecondaryIndexes: p.GlobalSecondaryIndexes.map(index) } : {}),
        ...(p.LocalSecondaryIndexes ? { LocalSecondaryIndexes: p.LocalSecondaryIndexes.map(index) } : {}),
      }),
    );
  } catch (e) {
    client.destroy();
    await db.close();
    throw e;
  }
  client.destroy();
  return { endpoint: db.endpoint, tableName, close: () => db.close() };
}

// ---------------------------------------------------------------- the environment

/** The region the verifier's "Lambda" runs in (any will do: the SDK's endpoint is dynalite's). */
const REGION = 'cn-north-1';

/**
 * Exactly the function's environment: the template's variables (the table's Ref resolved to the dynalite
 * table), the variables the Lambda runtime itself sets, and DYNAMODB_ENDPOINT — the one variable the embedded
 * stack uses to point the store at dynalite (functions/store/client.ts) — and nothing from this process.
 */
export function functionEnv(fn: TemplateFunction, synthesis: Synthesis, table: VerifyTable): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(fn.environment)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') env[key] = String(value);
    else if (value && typeof value === 'object' && (value as Json).Ref === synthesis.table.logicalId) env[key] = table.tableName;
    else throw new Error(`${fn.constructPath}: environment variable ${key} is ${JSON.stringify(value)}; the verifier does not know what it resolves to`);
  }
  const functionName = `invest-flags-${fn.name ?? fn.logicalId}`;
  return {
    // Set by the Lambda runtime (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    ...(fn.logFormat ? { AWS_LAMBDA_LOG_FORMAT: fn.logFormat } : {}),
    ...(fn.applicationLogLevel ? { AWS_LAMBDA_LOG_LEVEL: fn.applicationLogLevel } : {}),
    // The execution role's temporary credentials arrive as variables; dynalite ignores signatures.
    AWS_ACCESS_KEY_ID: 'ASIAVERIFYBUNDLES000',
    AWS_SECRET_ACCESS_KEY: 'verify-bundles-secret',
    AWS_SESSION_TOKEN: 'verify-bundles-session',
    LAMBDA_TASK_ROOT: fn.assetDir ?? '',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    PATH: '/usr/local/bin:/usr/bin:/bin',
    ...env,
    DYNAMODB_ENDPOINT: table.endpoint,
  };
}

// ---------------------------------------------------------------- one function, one process

export interface Answer {
  status: number;
  headers: Record<string, string>;
  /** The body parsed as JSON (null when empty). */
  body: unknown;
}

export interface Invocation {
  label: string;
  ms: number;
  /** CPU time of the function's process during the call (dynalite runs elsewhere). */
  cpuMs: number;
  peakHeap: number;
  peakCommitted: number;
  peakRss: number;
}

interface Loaded {
  type: 'loaded';
  error?: string;
  loadMs?: number;
  sinceStartMs?: number;
  handlerType?: string;
  heapUsed?: number;
  envKeys?: string[];
}
interface Invoked {
  type: 'invoked';
  id: number;
  ms: number;
  cpuMs: number;
  peakHeap: number;
  peakCommitted: number;
  peakRss: number;
  result?: unknown;
  error?: string;
}

export interface RunOptions {
  /** Stop an invocation at the function's Timeout, as Lambda does (the script does; the test only reports). */
  enforceTimeout?: boolean;
}

/** A function's bundle loaded in a fresh Node process: Lambda's execution environment, one request at a time. */
export class FunctionProcess {
  readonly invocations: Invocation[] = [];
  loadMs = 0;
  sinceStartMs = 0;
  /** The names of the variables the function's process saw. */
  envKeys: string[] = [];
  private readonly output: string[] = [];
  private readonly waiting = new Map<number, (m: Invoked) => void>();
  private loaded!: Promise<Loaded>;
  private exited!: Promise<number | null>;
  private nextId = 1;
  private child!: ChildProcess;

  private constructor(
    readonly fn: TemplateFunction,
    private readonly env: Record<string, string>,
    private readonly opts: RunOptions,
  ) {}

  static async start(fn: TemplateFunction, env: Record<string, string>, opts: RunOptions = {}): Promise<FunctionProcess> {
    const p = new FunctionProcess(fn, env, opts);
    await p.boot();
    return p;
  }

  private async boot(): Promise<void> {
    const file = bundleFile(this.fn);
    const runner = path.join(__dirname, 'runner.cjs');
    this.child = fork(runner, [file], {
      env: this.env,
      // Only the heap limit: nothing of this process's own flags (tsx, jest) reaches the function.
      execArgv: [`--max-old-space-size=${this.fn.memoryMb}`],
      execPath: process.execPath,
      cwd: this.fn.assetDir ?? undefined,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    const keep = (chunk: Buffer) => {
      // The SDK's warning about Node 20 (this machine's Node, not the Node 22 runtime) is noise in a failure.
      if (chunk.includes('NodeVersionSupportWarning')) return;
      this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (this.output.length > 200) this.output.splice(0, this.output.length - 200);
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.loaded = new Promise<Loaded>((resolve, reject) => {
      this.child.on('message', (m: Loaded | Invoked) => {
        if (m.type === 'loaded') resolve(m);
        else this.waiting.get(m.id)?.(m);
      });
      void this.exited.then((code) => reject(new Error(`${this.label}: the process exited (code ${code}) before loading the bundle\n${this.log()}`)));
    });
    const loaded = await this.loaded;
    if (loaded.error) throw new Error(`${this.label}: requiring the bundle failed: ${loaded.error}\n${this.log()}`);
    if (loaded.handlerType !== 'function') throw new Error(`${this.label}: the bundle's ${handlerExport(this.fn)} is ${loaded.handlerType}, not a function`);
    this.loadMs = loaded.loadMs ?? 0;
    this.sinceStartMs = loaded.sinceStartMs ?? 0;
    this.envKeys = loaded.envKeys ?? [];
  }

  get label(): string {
    return this.fn.name ?? this.fn.constructPath;
  }

  /** The last lines the function wrote (its JSON log lines, warnings, a crash). */
  log(lines = 20): string {
    return this.output.slice(-lines).map((l) => `    | ${l}`).join('\n');
  }

  /** An HTTP API invocation: the handler's answer as API Gateway would read it. */
  async invoke(label: string, event: APIGatewayProxyEventV2WithJWTAuthorizer | Json): Promise<Answer> {
    const r = (await this.invokeRaw(label, event)) as APIGatewayProxyStructuredResultV2 | undefined;
    if (!r || typeof r !== 'object' || typeof r.statusCode !== 'number') throw new Error(`${this.label} ${label}: not an HTTP API result: ${JSON.stringify(r)}`);
    let body: unknown = null;
    if (r.body) {
      try {
        body = JSON.parse(r.isBase64Encoded ? Buffer.from(r.body, 'base64').toString('utf8') : r.body);
      } catch {
        throw new Error(`${this.label} ${label}: the body is not JSON: ${r.body.slice(0, 200)}`);
      }
    }
    const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    return { status: r.statusCode, headers, body };
  }

  /** Any invocation (a schedule's, say): what the handler resolved to, as Lambda returns it to the invoker (JSON). */
  async invokeRaw(label: string, event: unknown): Promise<unknown> {
    const id = this.nextId++;
    const fn = { functionName: this.env.AWS_LAMBDA_FUNCTION_NAME, memoryMb: this.fn.memoryMb, timeoutSeconds: this.fn.timeoutSeconds };
    const answered = new Promise<Invoked>((resolve, reject) => {
      this.waiting.set(id, resolve);
      void this.exited.then((code) => reject(new Error(`${this.label} ${label}: the process died (code ${code}) during the invocation\n${this.log()}`)));
    });
    this.child.send({ type: 'invoke', id, event, fn });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = this.opts.enforceTimeout
      ? new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            this.child.kill('SIGKILL');
            reject(new Error(`${this.label} ${label}: timed out after ${this.fn.timeoutSeconds} s (the function's Timeout)\n${this.log()}`));
          }, this.fn.timeoutSeconds * 1000);
        })
      : null;
    const m = await (timedOut ? Promise.race([answered, timedOut]) : answered).finally(() => clearTimeout(timer));
    this.waiting.delete(id);
    this.invocations.push({ label, ms: m.ms, cpuMs: m.cpuMs, peakHeap: m.peakHeap, peakCommitted: m.peakCommitted, peakRss: m.peakRss });
    if (m.error !== undefined) throw new Error(`${this.label} ${label}: the handler threw: ${m.error}\n${this.log()}`);
    return m.result;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    if (this.child.connected) this.child.send({ type: 'exit' });
    // The SDK's keep-alive sockets hold the event loop open, as they do in a frozen Lambda environment.
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 1000);
    await this.exited;
    clearTimeout(timer);
  }
}
