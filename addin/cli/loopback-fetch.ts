/**
 * The client's FetchLike over node:http, for the embedded stack this process started (http://127.0.0.1:<port>).
 * Node's fetch (undici) costs 50–100 ms to load and warm on a cold start, about the whole round trip of a
 * 200-project sync; plain http is loaded already (the AWS SDK's handler uses it). A remote --api keeps fetch
 * (TLS, proxies).
 */
import { request } from 'node:http';
import type { FetchLike } from '../app';

export const loopbackFetch: FetchLike = (url, init) =>
  new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
    const req = request(url, {
      method: init.method,
      headers: { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      ...(init.signal ? { signal: init.signal } : {}),
    });
    req.once('error', reject);
    req.once('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.once('error', reject);
      res.once('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: { get: (name) => [res.headers[name.toLowerCase()]].flat()[0] ?? null },
          text: async () => text,
        });
      });
    });
    req.end(body);
  });
