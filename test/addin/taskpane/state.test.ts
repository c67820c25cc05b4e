import type { SyncOutcome } from '../../../addin/taskpane/model';
import { canDownload, canSync, initialState, reduce, type Action, type PaneState } from '../../../addin/taskpane/state';

const outcome = (over: Partial<SyncOutcome> = {}): SyncOutcome => ({
  rows: 10,
  red: 2,
  yellow: 3,
  transitions: 1,
  created: 0,
  updated: 10,
  unchanged: 0,
  matched: 0,
  flagged: [],
  moves: [{ id: 'P-1', name: '光伏组件', from: 'clue', to: 'signed', sheet: '重点线索', row: 5, cycleDays: 54 }],
  movedAutomatically: 0,
  errors: [],
  missing: [],
  at: '2026-03-06T04:00:00.000Z',
  ...over,
});

const run = (s: PaneState, ...actions: Action[]) => actions.reduce(reduce, s);

describe('pane state', () => {
  const office = initialState('office', 'zh');
  const file = initialState('file', 'zh');

  it('starts idle on the main view; file mode cannot sync before a file is opened', () => {
    expect(office).toMatchObject({ phase: 'idle', view: 'main', outcome: null, lang: 'zh' });
    expect(canSync(office)).toBe(true);
    expect(canSync(file)).toBe(false);
    expect(reduce(file, { type: 'syncStarted' })).toBe(file);
    expect(canSync(reduce(file, { type: 'fileOpened', name: 'a.xlsx' }))).toBe(true);
  });

  it('goes idle → syncing → done, with progress while syncing', () => {
    const syncing = run(office, { type: 'syncStarted' }, { type: 'syncProgress', done: 1, total: 3 });
    expect(syncing).toMatchObject({ phase: 'syncing', step: 'sending', progress: { done: 1, total: 3 } });
    expect(canSync(syncing)).toBe(false);
    expect(reduce(syncing, { type: 'syncStarted' })).toBe(syncing);
    const done = reduce(syncing, { type: 'syncSucceeded', outcome: outcome() });
    expect(done).toMatchObject({ phase: 'done', progress: null, step: null, lastSync: '2026-03-06T04:00:00.000Z' });
    expect(done.outcome?.red).toBe(2);
    expect(canDownload(done)).toBe(false);
    expect(canSync(done)).toBe(true);
  });

  it('ignores progress and results that arrive when not syncing', () => {
    expect(reduce(office, { type: 'syncProgress', done: 1, total: 2 })).toBe(office);
    expect(reduce(office, { type: 'syncSucceeded', outcome: outcome() })).toBe(office);
    expect(reduce(office, { type: 'syncCancelled' })).toBe(office);
  });

  it('cancelling returns to idle (or to the previous result) with a notice', () => {
    const cancelled = run(office, { type: 'syncStarted' }, { type: 'syncCancelled' });
    expect(cancelled).toMatchObject({ phase: 'idle', notice: { key: 'cancelled' }, outcome: null });
    const again = run(office, { type: 'syncStarted' }, { type: 'syncSucceeded', outcome: outcome() }, { type: 'syncStarted' }, { type: 'syncCancelled' });
    expect(again.phase).toBe('done');
    expect(again.outcome?.rows).toBe(10);
  });

  it('a failure shows a problem and keeps the previous result', () => {
    const failed = run(office, { type: 'syncStarted' }, { type: 'failed', problem: { key: 'errNetwork' } });
    expect(failed).toMatchObject({ phase: 'idle', problem: { key: 'errNetwork' } });
    const kept = run(office, { type: 'syncStarted' }, { type: 'syncSucceeded', outcome: outcome() }, { type: 'syncStarted' }, { type: 'failed', problem: { key: 'errServer' } });
    expect(kept).toMatchObject({ phase: 'done', problem: { key: 'errServer' } });
    expect(kept.outcome?.rows).toBe(10);
    expect(reduce(kept, { type: 'syncStarted' }).problem).toBeNull();
    expect(reduce(kept, { type: 'dismiss' }).problem).toBeNull();
  });

  it('applies moves only from done with moves pending, then clears them', () => {
    const done = run(office, { type: 'syncStarted' }, { type: 'syncSucceeded', outcome: outcome() });
    const applying = reduce(done, { type: 'movesStarted' });
    expect(applying.phase).toBe('applying');
    expect(canSync(applying)).toBe(false);
    const applied = reduce(applying, { type: 'movesApplied', moved: 1 });
    expect(applied).toMatchObject({ phase: 'done', notice: { key: 'movesApplied', params: { n: 1 } } });
    expect(applied.outcome?.moves).toEqual([]);
    expect(reduce(applied, { type: 'movesStarted' })).toBe(applied);
    expect(reduce(office, { type: 'movesStarted' })).toBe(office);
    const failed = reduce(applying, { type: 'failed', problem: { key: 'errPlain', params: { detail: '签约项目 受保护' } } });
    expect(failed.phase).toBe('done');
    expect(failed.outcome?.moves).toHaveLength(1);
  });

  it('after moving rows, error addresses below them move up and errors on moved rows go', () => {
    const msg = { zh: '日期无效', en: 'bad date' };
    const o = outcome({
      errors: [
        { sheet: '重点线索', cell: 'E4', message: msg },
        { sheet: '重点线索', cell: 'F5', message: msg },
        { sheet: '重点线索', cell: 'G7', message: msg },
        { sheet: '签约项目', cell: 'E9', message: msg },
      ],
    });
    const s = run(office, { type: 'syncStarted' }, { type: 'syncSucceeded', outcome: o }, { type: 'movesStarted' }, { type: 'movesApplied', moved: 1 });
    // The move took 重点线索 row 5.
    expect(s.outcome?.errors.map((e) => `${e.sheet}!${e.cell}`)).toEqual(['重点线索!E4', '重点线索!G6', '签约项目!E9']);
  });

  it('reports rows moved automatically during the sync', () => {
    const done = run(office, { type: 'syncStarted' }, { type: 'syncSucceeded', outcome: outcome({ moves: [], movedAutomatically: 4 }) });
    expect(done.notice).toEqual({ key: 'autoMoved', params: { n: 4 } });
  });

  it('file mode: a result is downloadable; opening another file starts over', () => {
    const done = run(file, { type: 'fileOpened', name: 'a.xlsx' }, { type: 'syncStarted' }, { type: 'syncSucceeded', outcome: outcome() });
    expect(canDownload(done)).toBe(true);
    const reopened = reduce(done, { type: 'fileOpened', name: 'b.xlsx' });
    expect(reopened).toMatchObject({ fileName: 'b.xlsx', phase: 'idle', outcome: null });
    expect(canDownload(reopened)).toBe(false);
  });

  it('file mode: what the opened file will not keep stays through sync and failure, and goes with the next file', () => {
    const unkept = { zh: '此文件中的 1 个图表在输出文件中不会保留；原文件未改动。', en: "This file's 1 chart will not be kept in the output file." };
    expect(file.unkept).toBeNull();
    const opened = reduce(file, { type: 'fileOpened', name: 'a.xlsx', unkept });
    expect(opened.unkept).toBe(unkept);
    const after = run(opened, { type: 'syncStarted' }, { type: 'syncSucceeded', outcome: outcome() }, { type: 'failed', problem: { key: 'errNetwork' } }, { type: 'dismiss' });
    expect(after.unkept).toBe(unkept);
    expect(reduce(after, { type: 'fileOpened', name: 'b.xlsx', unkept: null }).unkept).toBeNull();
    expect(reduce(after, { type: 'fileOpened', name: 'c.xlsx' }).unkept).toBeNull();
  });

  it('switches view and language and edits settings', () => {
    const s = run(office, { type: 'showView', view: 'settings' }, { type: 'setLang', lang: 'en' }, { type: 'settingsChanged', patch: { tintName: true } });
    expect(s).toMatchObject({ view: 'settings', lang: 'en' });
    expect(s.settings.tintName).toBe(true);
    expect(s.settings.autoMoveRows).toBe(false);
    expect(reduce(s, { type: 'settingsSaved', notice: { key: 'saved' } }).notice).toEqual({ key: 'saved' });
  });
});
