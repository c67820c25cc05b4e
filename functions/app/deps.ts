/**
 * What the use cases depend on: the store port, the clock, a log and the caller-identity settings. The
 * composition roots build it (functions/handlers/deps.ts in Lambda; the embedded stack its own).
 */
import type { CutoffStore, LiveAggregateStore, Notifier, ProjectStore } from './ports';

/** 'local' and 'test' honour a request's asOf (evaluate as of a date, see clock.ts); the cloud always uses the clock. */
export type Mode = 'cloud' | 'local' | 'test';

export interface Deps {
  store: ProjectStore;
  mode: Mode;
  /** The current instant, ISO UTC. */
  clock: () => string;
  /** One line per request (structured JSON). */
  log: (line: string) => void;
  /** E-mail that becomes the first administrator while none is registered (env BOOTSTRAP_ADMIN_EMAIL). */
  bootstrapAdminEmail?: string;
  /** Whom unregistered users should ask, named in the 403 (env ADMIN_CONTACT, e.g. "县招商服务中心 张三 0539-1234567"). */
  adminContact?: string;
  /** The dashboard's live aggregates (moved by each sync, app/aggregates.ts); absent: the dashboard scans every project. */
  aggregates?: LiveAggregateStore;
  /** The weekly cut-off's storage and the push channels' delivery (app/cutoff.ts); absent where nothing pushes. */
  cutoff?: CutoffStore;
  notifier?: Notifier;
  /** Waits between delivery retries (real timers in the stacks; tests pass one that does not wait). */
  sleep?: (ms: number) => Promise<void>;
}
