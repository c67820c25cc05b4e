/** runSync's workbook id (addin/app/run.ts): the settings sheet's own, else the caller's remembered one, else a new one. */
import { runSync } from '../../../addin/app';
import { buildSample } from '../../../addin/cli/sample';
import { EMPTY_PLAN } from '../../../addin/core';
import { XlsxGateway } from '../../../addin/xlsx';
import { startLocalStack, type LocalStack } from '../../../infra/local/stack';

jest.setTimeout(60_000);
let stack: LocalStack;
beforeAll(async () => (stack = await startLocalStack({ inMemory: true, mode: 'test' })));
afterAll(() => stack.close());

it('a damaged id in the settings sheet is replaced (the sync goes through), a valid one kept, the remembered one used where there is none', async () => {
  const api = () => ({ url: stack.url, token: stack.adminToken });
  const damaged = XlsxGateway.of(await buildSample({ projects: 6, seed: 2, asOf: '2026-06-01', messy: false }));
  await damaged.apply({ ...EMPTY_PLAN, settings: { workbookId: 'W#NOT AN ID' } });
  const fixed = await runSync({ gateway: damaged, api: api(), options: { asOf: '2026-06-01' } });
  expect(fixed.errors).toEqual([]);
  expect(fixed.workbookId).toMatch(/^W-[0-9A-Z]{12}$/);
  expect((await damaged.readSettings()).workbookId).toBe(fixed.workbookId);
  const remembered = jest.fn(() => 'W-REMEMBERED1');
  const again = await runSync({ gateway: damaged, api: api(), options: { asOf: '2026-06-01', workbookId: remembered } });
  expect(again.workbookId).toBe(fixed.workbookId); // its own id now wins over a remembered one…
  expect(remembered).not.toHaveBeenCalled(); // …which is not even asked for (the CLI would mint and record one)
  const original = XlsxGateway.of(await buildSample({ projects: 6, seed: 3, asOf: '2026-06-01', messy: false }));
  expect((await runSync({ gateway: original, api: api(), options: { asOf: '2026-06-01', workbookId: remembered } })).workbookId).toBe('W-REMEMBERED1');
  expect(remembered).toHaveBeenCalledTimes(1);
});
