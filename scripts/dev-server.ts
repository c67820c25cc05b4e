/**
 * The add-in's dev loop: builds the task pane with an esbuild watch context, serves dist/taskpane over HTTPS on
 * localhost:3000 (Excel requires https for SourceLocation), rebuilds on change, and proxies the API paths
 * (/v1, /dev) to the local stack so the pane talks to its own origin (no CORS, no mixed content).
 *
 *   tsx scripts/dev-server.ts [--port 3000] [--api http://localhost:4000] [--office-js cdn|local]
 *
 * Certificates come from office-addin-dev-certs (it installs a trusted dev CA the first time). When that fails
 * (no admin rights, headless, offline), a self-signed certificate is generated with openssl under
 * data/dev-certs/ and the browser must be told to trust it once.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { isLocalHost } from '../infra/local/local-host';
import { closeOnSignals } from '../infra/local/shutdown';
import { portOption } from '../infra/local/start-up';
import { serveStatic } from '../infra/local/static-files';
import { esbuildOptions, officeJsOption, ROOT, writeStatic } from './build-taskpane';

export interface DevServerOptions {
  port?: number;
  host?: string;
  /** Base URL of the local stack to proxy /v1 and /dev to; without it those paths answer 502. */
  api?: string;
  officeJs?: 'cdn' | 'local';
  outdir?: string;
  /** 'office' tries office-addin-dev-certs first; 'self-signed' skips it (tests, CI). */
  certs?: 'office' | 'self-signed';
  log?: (line: string) => void;
}

export interface DevServer {
  url: string;
  /** Which certificate is in use. */
  certSource: 'office-addin-dev-certs' | 'self-signed';
  /** Resolves after the next rebuild finishes (for tests and scripts). */
  rebuilt(): Promise<void>;
  close(): Promise<void>;
}

const PROXIED = /^\/(v1|dev)(\/|$)/;

interface Certs {
  key: Buffer;
  cert: Buffer;
  source: DevServer['certSource'];
}

async function officeCerts(): Promise<Certs> {
  const { getHttpsServerOptions } = await import('office-addin-dev-certs');
  const o = await getHttpsServerOptions();
  return { key: o.key, cert: o.cert, source: 'office-addin-dev-certs' };
}

/** The certificate office-addin-dev-certs generated even when installing its CA failed (no sudo, headless). */
async function generatedOfficeCerts(): Promise<Certs> {
  const { localhostCertificatePath, localhostKeyPath } = await import('office-addin-dev-certs/lib/defaults');
  return { key: readFileSync(localhostKeyPath), cert: readFileSync(localhostCertificatePath), source: 'office-addin-dev-certs' };
}

/** A self-signed localhost certificate, generated once with openssl and kept under data/dev-certs. */
export function selfSignedCerts(dir = join(ROOT, 'data/dev-certs')): Certs {
  const key = join(dir, 'localhost.key');
  const cert = join(dir, 'localhost.crt');
  if (!existsSync(key) || !existsSync(cert)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '365',
      '-keyout', key, '-out', cert, '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ], { stdio: 'ignore' });
  }
  return { key: readFileSync(key), cert: readFileSync(cert), source: 'self-signed' };
}

const text = (res: ServerResponse, status: number, body: string): void => void res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);

function proxy(api: string | undefined, req: IncomingMessage, res: ServerResponse): void {
  if (!api) {
    res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'internal', message: { zh: '开发服务器未配置后台地址（--api）', en: 'The dev server has no --api backend configured' } } }));
    return;
  }
  const target = new URL(req.url ?? '/', api);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'internal', message: { zh: '无法连接本地后台', en: 'Cannot reach the local backend' } } }));
  });
  req.pipe(upstream);
}

/**
 * The dev server's requests: only to a local Host on `port` (a rebound DNS name could otherwise read the pane and,
 * through the proxy, the local admin's /dev/token), then the API proxy or the pane's files.
 */
export function devRequestHandler(opts: { outdir: string; api?: string; port: () => number | undefined }): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (!isLocalHost(req.headers.host, opts.port())) {
      req.resume();
      return text(res, 403, 'forbidden: this dev server only answers to localhost / 只接受 localhost 访问');
    }
    const path = new URL(req.url ?? '/', 'https://localhost').pathname;
    if (PROXIED.test(path)) return proxy(opts.api, req, res);
    const served = req.method === 'GET' || req.method === 'HEAD' ? serveStatic(opts.outdir, path, req, res) : Promise.resolve(false);
    served.then(
      (done) => void (done || text(res, 404, 'not found')),
      () => void (res.headersSent ? res.destroy() : text(res, 500, 'internal error')),
    );
  };
}

export async function startDevServer(opts: DevServerOptions = {}): Promise<DevServer> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const outdir = resolve(ROOT, opts.outdir ?? 'dist/taskpane');
  const officeJs = opts.officeJs ?? 'cdn';
  mkdirSync(outdir, { recursive: true });

  let certs: Certs;
  if (opts.certs === 'self-signed') certs = selfSignedCerts();
  else {
    try {
      certs = await officeCerts();
    } catch (err) {
      const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
      certs = await generatedOfficeCerts().catch(() => selfSignedCerts());
      log(
        certs.source === 'office-addin-dev-certs'
          ? `office-addin-dev-certs could not install its CA (${why}); serving its generated certificate — trust ~/.office-addin-dev-certs/ca.crt once.`
          : `office-addin-dev-certs failed (${why}); using a self-signed certificate from data/dev-certs — trust it in your browser once.`,
      );
    }
  }

  let waiters: Array<() => void> = [];
  const ctx = await esbuild.context({
    ...esbuildOptions(outdir, false),
    plugins: [
      {
        name: 'taskpane-static',
        setup(build) {
          build.onEnd((result) => {
            writeStatic(outdir, officeJs);
            log(result.errors.length ? `rebuild failed (${result.errors.length} errors)` : `rebuilt ${new Date().toLocaleTimeString()}`);
            const w = waiters;
            waiters = [];
            for (const resolveWaiter of w) resolveWaiter();
          });
        },
      },
    ],
  });
  const first = new Promise<void>((r) => waiters.push(r));
  await ctx.watch();
  await first;
  // esbuild watches the scripts and CSS; the HTML template is copied, so watch it too.
  const htmlWatcher: FSWatcher = watch(join(ROOT, 'addin/taskpane/taskpane.html'), () => writeStatic(outdir, officeJs));

  const listeningPort = (): number | undefined => {
    const a = server.address();
    return typeof a === 'object' && a ? a.port : undefined;
  };
  const server: Server = createServer({ key: certs.key, cert: certs.cert }, devRequestHandler({ outdir, ...(opts.api ? { api: opts.api } : {}), port: listeningPort }));
  await new Promise<void>((r) => server.listen(opts.port ?? 3000, opts.host ?? 'localhost', r));
  const url = `https://localhost:${listeningPort()}`;
  log(`task pane: ${url}/taskpane.html (${certs.source}${opts.api ? `, API → ${opts.api}` : ''})`);

  return {
    url,
    certSource: certs.source,
    rebuilt: () => new Promise<void>((r) => waiters.push(r)),
    async close() {
      htmlWatcher.close();
      await ctx.dispose();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function options(args: string[]): DevServerOptions {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, api: { type: 'string' }, 'office-js': { type: 'string', default: 'cdn' }, 'self-signed': { type: 'boolean' } },
  });
  const api = values.api ?? process.env.API_URL;
  return {
    officeJs: officeJsOption(values['office-js']),
    ...(values.port ? { port: portOption('--port', values.port) } : {}),
    ...(api ? { api } : {}),
    ...(values['self-signed'] ? { certs: 'self-signed' as const } : {}),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Bad options print their message like start-up errors do, not a stack trace.
  Promise.resolve()
    .then(() => startDevServer(options(process.argv.slice(2))))
    .then((dev) => closeOnSignals(() => dev.close()))
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
