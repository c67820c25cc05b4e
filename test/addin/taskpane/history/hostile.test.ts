/**
 * The pane's project history with the hostile-text corpus (issue 17): the timeline carries each changed value
 * as the same string, never interpreted (the card puts it into text nodes: addin/taskpane/dom.ts `h`, no
 * innerHTML), and the e-mail/subject labels likewise.
 */
import type { HistoryEvent } from '../../../../contract';
import { timelineOf } from '../../../../addin/taskpane/history/timeline';
import { HOSTILE_TEXT } from '../../../fixtures/hostile-text';

describe('history timeline with hostile text', () => {
  it('shows every changed name, leader and unit as the text stored', () => {
    const events: HistoryEvent[] = HOSTILE_TEXT.map((s, i) => ({
      version: i + 1,
      at: '2026-11-27T04:00:00.000Z',
      kind: 'fields' as HistoryEvent['kind'],
      by: s,
      workbook: 'W-1',
      workbookName: s,
      user: { subject: s, email: null, name: s },
      changes: { name: { from: null, to: s }, leader: { from: s, to: s }, unit: { from: '城关镇', to: s } },
    }));
    const entries = timelineOf('zh', events);
    expect(entries).toHaveLength(HOSTILE_TEXT.length);
    for (const e of entries) {
      const s = HOSTILE_TEXT[e.version - 1]!;
      expect(e.changes.find((c) => c.field === 'name')?.to).toBe(s);
      expect(e.changes.find((c) => c.field === 'leader')).toMatchObject({ from: s, to: s });
      expect(e.changes.find((c) => c.field === 'unit')?.to).toBe(s);
      expect(e.workbook).toBe(s);
    }
  });
});
