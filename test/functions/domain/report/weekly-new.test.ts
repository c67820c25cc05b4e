/**
 * Issue 20: 本周新进入 counts the projects new this week (first synced in it), not only moves — also in the county's
 * first week, when there is no previous week to compare with and a new project's ledger date lies further back.
 */
import { weeklyReport } from '../../../../functions/domain/report';
import { period, snap } from './history';

const p = period('2026-W48');

test('first week: a project first synced this week has entered its list, whatever its ledger date', () => {
  const r = weeklyReport(
    [
      snap({ id: 'N1', week: '2026-W48', stage: 'signed', enteredStageOn: '2025-03-01', newThisWeek: true }),
      snap({ id: 'O1', week: '2026-W48', stage: 'signed', enteredStageOn: '2025-03-01', newThisWeek: false }),
    ],
    [],
    p,
  );
  expect(r.county.lists.signed.entered).toBe(1);
  expect(r.entered.signed.map((x) => x.id)).toEqual(['N1']);
  expect(r.movements.map((m) => [m.project.id, m.from, m.to])).toEqual([['N1', null, 'signed']]);
});

test('a later week: new projects and moves both count; an unchanged old project does not', () => {
  const r = weeklyReport(
    [
      snap({ id: 'N1', week: '2026-W48', stage: 'clue', newThisWeek: true }),
      snap({ id: 'M1', week: '2026-W48', stage: 'signed' }),
      snap({ id: 'S1', week: '2026-W48', stage: 'clue' }),
    ],
    [snap({ id: 'M1', week: '2026-W47', stage: 'clue' }), snap({ id: 'S1', week: '2026-W47', stage: 'clue' })],
    p,
  );
  expect(r.county.total.entered).toBe(2);
  expect(r.entered.clue.map((x) => x.id)).toEqual(['N1']);
  expect(r.entered.signed.map((x) => x.id)).toEqual(['M1']);
});
