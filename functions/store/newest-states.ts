/**
 * Each project's newest state, remembered by the one process that appends the table's events (the embedded
 * stack: TableIO.soleWriter), so a sync of rows it has seen reads neither their STATE nor their next event: a
 * clerk's unchanged re-sync costs no table reads at all (bench/sync.ts).
 *
 * What is remembered is what a reader answers (projects.ts): the state of the project's newest event, as a read
 * caught up (loadProjects) or a settle checked it against the next event (settleStates). STATE writes never change
 * that answer (STATE only follows events), so only event appends matter, and every one goes through
 * ProjectRecords.commit in this process (the sole-writer precondition, event-appends.ts; an EVT# or STATE item
 * written past this store would go unseen here until a restart, where every read catches up). Commit forgets the
 * id when the append begins and again when it ends, each time moving the id's mark. What a read or settle found is
 * remembered only when the id's mark has not moved since it began, so it never keeps a state an append made old.
 *
 * States are held as the JSON an event stores them in (project-items.ts eventItem) and parsed on each answer: a
 * caller gets its own copy, the same as a reader repairing from that event would build.
 */
import type { ProjectState } from '../domain/types';

/** Far more projects than a county has; past it the earliest remembered are forgotten first. */
const CAPACITY = 50_000;
/** Remembered for an id a read found no project for (no state is an empty string). */
const ABSENT = '';

export class NewestStates {
  private readonly json = new Map<string, string>();
  /** Per id, the clock when an append of it last began or ended. */
  private readonly marks = new Map<string, number>();
  private clock = 0;

  constructor(private readonly capacity = CAPACITY) {}

  get(id: string): ProjectState | undefined {
    const j = this.json.get(id);
    return j === undefined || j === ABSENT ? undefined : (JSON.parse(j) as ProjectState);
  }

  /** What a read that began at `since` found for an id: no project (so no event of it, until an append begins). */
  absent(id: string, since: number): void {
    if ((this.marks.get(id) ?? 0) <= since) this.remember(id, ABSENT);
  }

  /** No event of the id exists: a read found no project, and no append of it has begun since. */
  isAbsent(id: string): boolean {
    return this.json.get(id) === ABSENT;
  }

  /** Taken before a read (or a settle's check): what it finds is remembered only if no append of the id moved its mark since. */
  readBegins(): number {
    return this.clock;
  }

  /** What a read or settle that began at `since` found: the state of the project's newest event. */
  found(state: ProjectState, since: number): void {
    if ((this.marks.get(state.id) ?? 0) <= since) this.remember(state.id, JSON.stringify(state));
  }

  /** An append of the id's next event begins or ends: what was remembered may be old from now on. */
  forget(id: string): void {
    this.json.delete(id);
    this.marks.set(id, ++this.clock);
  }

  private remember(id: string, json: string): void {
    this.json.delete(id); // re-inserted last: the oldest go first at capacity
    this.json.set(id, json);
    if (this.json.size > this.capacity) this.json.delete(this.json.keys().next().value!);
  }
}
