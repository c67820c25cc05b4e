/**
 * Serves the task pane's files from a folder at `/`, with content types and no way out of the folder. Used by
 * the embedded stack (adapter.ts) and the HTTPS dev server (scripts/dev-server.ts).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The runtime configuration's path; answered {"kind":"local"} when the folder has none. */
const LOCAL_CONFIG_PATH = '/deployment.json';

/** What `/` serves when the folder has no index.html. */
const ROOT_PAGE = 'taskpane.html';

/** A percent-encoded URL path (or part of one), decoded; null when the encoding is malformed ("%E0"). */
export function decodePathPart(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

/**
 * The file a URL path names inside `root`; 'bad-encoding' when the path does not decode (answer 400), null when
 * it would leave the folder (../, encoded or not) or holds a NUL (answered like a missing file).
 */
export function resolveInside(root: string, urlPath: string): string | null | 'bad-encoding' {
  const decoded = decodePathPart(urlPath);
  if (decoded === null) return 'bad-encoding';
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const target = resolve(base, '.' + (decoded.startsWith('/') ? decoded : `/${decoded}`));
  return target === base || target.startsWith(base + sep) ? target : null;
}

/** True when it answered (a file, or 400 for a malformed %-escape); false when the folder holds no such file. */
export async function serveStatic(root: string, urlPath: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const resolved = resolveInside(root, urlPath);
  if (resolved === 'bad-encoding') {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad Request');
    return true;
  }
  if (resolved === null) return false;
  let file = resolved;
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    // The built task pane has no index.html: / is the browser file mode, taskpane.html.
    const names = resolved === resolve(root) ? ['index.html', ROOT_PAGE] : ['index.html'];
    info = null;
    for (const name of names) {
      const candidate = join(resolved, name);
      const found = await stat(candidate).catch(() => null);
      if (found?.isFile()) {
        [file, info] = [candidate, found];
        break;
      }
    }
  }
  if (!info?.isFile()) {
    if (urlPath !== LOCAL_CONFIG_PATH) return false;
    // The pane and the phone page read /deployment.json (addin/taskpane/auth/runtime-config.ts); the cloud deploys
    // one, and here, without one in the folder, the answer is "local" instead of a 404 in the browser's console.
    const body = JSON.stringify({ kind: 'local' });
    res.writeHead(200, { 'content-type': TYPES['.json']!, 'content-length': Buffer.byteLength(body), 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': info.size,
    'x-content-type-options': 'nosniff',
    // The dev server rebuilds these files in place: every reload must get the new bundle.
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') res.end();
  // A file removed between stat and read (a rebuild) ends this response, not the process.
  else createReadStream(file).on('error', () => res.destroy()).pipe(res);
  return true;
}
