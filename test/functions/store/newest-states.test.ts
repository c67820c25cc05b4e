/**
 * The embedded stack's memory of each project's newest state (functions/store/newest-states.ts): what a read or a
 * settle found is kept only when no event append of the id began or ended since it began.
 */
import { NewestStates } from '../../../functions/store/newest-states';
import { state } from './state-fixture';

it('remembers what a read found, and answers a copy each time', () => {
  const m = new NewestStates();
  m.found(state('P-1', { version: 3 }), m.readBegins());
  const a = m.get('P-1')!;
  expect(a).toEqual(state('P-1', { version: 3 }));
  a.fields.progress = 'changed by a caller';
  expect(m.get('P-1')).toEqual(state('P-1', { version: 3 }));
  expect(m.get('P-2')).toBeUndefined();
});

it('an append forgets the id when it begins and again when it ends', () => {
  const m = new NewestStates();
  m.found(state('P-1'), m.readBegins());
  m.forget('P-1'); // the append of EVT#2 begins
  expect(m.get('P-1')).toBeUndefined();
  // A read in between may find the old state (EVT#2 not landed yet) and keep it …
  m.found(state('P-1'), m.readBegins());
  expect(m.get('P-1')?.version).toBe(1);
  m.forget('P-1'); // … until the append ends
  expect(m.get('P-1')).toBeUndefined();
});

it('keeps nothing a read found when an append of that id began or ended while it ran', () => {
  const m = new NewestStates();
  const since = m.readBegins();
  m.forget('P-1'); // an append began after the read did
  m.found(state('P-1'), since);
  expect(m.get('P-1')).toBeUndefined();

  m.forget('P-2'); // an append began before the read …
  const later = m.readBegins();
  m.forget('P-2'); // … and ended while it ran
  m.found(state('P-2'), later);
  expect(m.get('P-2')).toBeUndefined();

  // An append of another id does not matter.
  const third = m.readBegins();
  m.forget('P-9');
  m.found(state('P-3'), third);
  expect(m.get('P-3')?.id).toBe('P-3');
});

it('holds at most its capacity, forgetting the earliest remembered first', () => {
  const m = new NewestStates(2);
  for (const id of ['A', 'B', 'C']) m.found(state(id), m.readBegins());
  expect(['A', 'B', 'C'].map((id) => m.get(id)?.id)).toEqual([undefined, 'B', 'C']);
  m.found(state('B', { version: 2 }), m.readBegins()); // remembered again: now the latest
  m.found(state('D'), m.readBegins());
  expect(['B', 'C', 'D'].map((id) => m.get(id)?.id)).toEqual(['B', undefined, 'D']);
});
