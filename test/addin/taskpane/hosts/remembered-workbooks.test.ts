/** File mode's workbook id for a file that holds none, remembered in the page's storage (hosts/remembered-workbooks.ts). */
import { rememberedWorkbooks } from '../../../../addin/taskpane/hosts/remembered-workbooks';

const memory = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
};

it('mints one id per file name, keeps it across page loads, and takes the id a sync answered', () => {
  const storage = memory();
  const first = rememberedWorkbooks(() => storage);
  const id = first.idFor('台账.xlsx');
  expect(id).toMatch(/^W-[0-9A-Z]{12}$/);
  expect(first.idFor('台账.xlsx')).toBe(id);
  expect(first.idFor('其他.xlsx')).not.toBe(id);
  const reloaded = rememberedWorkbooks(() => storage);
  expect(reloaded.idFor('台账.xlsx')).toBe(id);
  reloaded.syncedAs('台账.xlsx', 'W-OWNID234567');
  expect(rememberedWorkbooks(() => storage).idFor('台账.xlsx')).toBe('W-OWNID234567');
});

it('blocked storage (private mode) only forgets: a fresh id each time, and no error', () => {
  const blocked = () => ({ getItem: () => { throw new Error('SecurityError'); }, setItem: () => { throw new Error('SecurityError'); } });
  const ids = rememberedWorkbooks(blocked);
  expect(ids.idFor('台账.xlsx')).toMatch(/^W-/);
  expect(() => ids.syncedAs('台账.xlsx', 'W-X')).not.toThrow();
});

it('a damaged entry in storage is no id to send: a new one replaces it', () => {
  const storage = memory();
  storage.setItem('invest-flags.workbook-ids', JSON.stringify({ '台账.xlsx': 42 }));
  const id = rememberedWorkbooks(() => storage).idFor('台账.xlsx');
  expect(id).toMatch(/^W-[0-9A-Z]{12}$/);
  expect(rememberedWorkbooks(() => storage).idFor('台账.xlsx')).toBe(id);
});
