import { DEFAULT_CONFIG } from '../../../../functions/domain/config';
import { defaultReportWeek, invalidWeekMessage, reportPeriod } from '../../../../functions/domain/report';

const cfg = DEFAULT_CONFIG.cutoff; // Friday 12:00 Asia/Shanghai

describe('reportPeriod', () => {
  it('a week runs from the previous Friday 12:00 (exclusive) to its own Friday 12:00, local days Sat–Fri', () => {
    expect(reportPeriod('2026-W48', cfg)).toEqual({
      week: '2026-W48',
      previousWeek: '2026-W47',
      start: '2026-11-20T04:00:00.000Z',
      end: '2026-11-27T04:00:00.000Z',
      firstDay: '2026-11-21',
      lastDay: '2026-11-27',
    });
  });

  it('crosses years, including 53-week years', () => {
    expect(reportPeriod('2026-W01', cfg)!.previousWeek).toBe('2025-W52');
    expect(reportPeriod('2027-W01', cfg)!.previousWeek).toBe('2026-W53');
  });

  it('null for a week that does not exist, with a bilingual message', () => {
    expect(reportPeriod('2026-W54', cfg)).toBeNull();
    expect(reportPeriod('2025-W53', cfg)).toBeNull();
    expect(reportPeriod('W48', cfg)).toBeNull();
    expect(invalidWeekMessage('2025-W53').zh).toContain('2025-W53');
    expect(invalidWeekMessage('2025-W53').en).toContain('does not exist');
  });
});

describe('defaultReportWeek', () => {
  it('is the week the last cut-off closed', () => {
    expect(defaultReportWeek('2026-11-27T03:59:59.999Z', cfg)).toBe('2026-W47');
    expect(defaultReportWeek('2026-11-27T04:00:00.000Z', cfg)).toBe('2026-W48');
    expect(defaultReportWeek('2026-11-30T09:00:00.000Z', cfg)).toBe('2026-W48');
  });
});
