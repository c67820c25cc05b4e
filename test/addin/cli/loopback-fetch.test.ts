/**
 * The CLI's FetchLike for its embedded stack (loopback-fetch.ts), against a real HTTP server: what callApi reads
 * (status, a header, the text) arrives whole, a Chinese body is sent with its length in bytes, an abort and a
 * closed port fail the call.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callApi } from '../../../addin/app';
import { loopbackFetch } from '../../../addin/cli/loopback-fetch';

let server: Server;
let url: string;
const seen: Array<{ method: string; length: string | undefined; auth: string | undefined; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const body = Buffer.concat(parts).toString('utf8');
      seen.push({ method: req.method!, length: req.headers['content-length'], auth: req.headers.authorization, body });
      if (req.url!.includes('slow')) return void setTimeout(() => res.end("{}"), 1_000);
      res.setHeader('retry-after', '7');
      res.statusCode = req.url!.includes('missing') ? 404 : 200;
      res.end(JSON.stringify({ echo: body, 项目: '红旗'.repeat(20_000) }));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

it('answers status, headers and the whole text; sends the body with its length in bytes', async () => {
  const body = JSON.stringify({ name: '县招商局重点项目' });
  const res = await loopbackFetch(`${url}/v1/sync`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  expect(res.status).toBe(200);
  expect(res.headers.get('Retry-After')).toBe('7');
  expect(res.headers.get('x-none')).toBeNull();
  const answer = JSON.parse(await res.text());
  expect(answer.echo).toBe(body);
  expect(answer['项目']).toHaveLength(40_000); // many chunks, none split inside a character
  expect(seen.at(-1)).toMatchObject({ method: 'POST', length: String(Buffer.byteLength(body)) });
  const missing = await loopbackFetch(`${url}/missing`, { method: 'GET', headers: {} });
  expect(missing.status).toBe(404);
});

it('carries callApi as fetch does: the token, the JSON answer, an error status', async () => {
  const api = { url, token: 'tok', fetch: loopbackFetch };
  const answer = await callApi<{ echo: string }>(api, { method: 'POST', path: 'sync', body: { a: '一' } });
  expect(answer.echo).toBe('{"a":"一"}');
  expect(seen.at(-1)!.auth).toBe('Bearer tok');
  await expect(callApi(api, { method: 'GET', path: 'missing' })).rejects.toMatchObject({ kind: 'http', status: 404 });
});

it('fails on an abort and on a closed port', async () => {
  const abort = new AbortController();
  const pending = loopbackFetch(`${url}/slow`, { method: 'GET', headers: {}, signal: abort.signal });
  abort.abort();
  await expect(pending).rejects.toThrow(/abort/i);
  const closed = createServer();
  await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', () => ok()));
  const port = (closed.address() as AddressInfo).port;
  closed.close();
  await expect(loopbackFetch(`http://127.0.0.1:${port}/`, { method: 'GET', headers: {} })).rejects.toThrow(/ECONNREFUSED/);
});
