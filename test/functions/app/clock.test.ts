import { now } from '../../../functions/app/clock';
import { DEFAULT_CONFIG } from '../../../functions/domain/config';
import { asOfInstant } from '../../../functions/domain/calendar';

const CLOCK = '2026-03-25T02:00:00.000Z';
const clock = () => CLOCK;

describe('now: the one rule for asOf', () => {
  it('honours asOf in local and test mode', () => {
    const at = asOfInstant('2026-03-02', DEFAULT_CONFIG.cutoff);
    expect(now({ mode: 'test', clock }, DEFAULT_CONFIG.cutoff, '2026-03-02')).toBe(at);
    expect(now({ mode: 'local', clock }, DEFAULT_CONFIG.cutoff, '2026-03-02')).toBe(at);
  });

  it('ignores asOf in the cloud', () => {
    expect(now({ mode: 'cloud', clock }, DEFAULT_CONFIG.cutoff, '2026-03-02')).toBe(CLOCK);
  });

  it('is the clock without asOf (or with a blank one)', () => {
    expect(now({ mode: 'test', clock }, DEFAULT_CONFIG.cutoff)).toBe(CLOCK);
    expect(now({ mode: 'test', clock }, DEFAULT_CONFIG.cutoff, '')).toBe(CLOCK);
  });
});
