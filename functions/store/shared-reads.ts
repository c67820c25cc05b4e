/**
 * Reads in flight, by what they read: concurrent requests in one process (a Lambda container, the embedded stack)
 * that ask the same thing at the same moment share one request instead of sending four. Nothing is kept once the
 * read has answered, so no answer is older than the read it shares.
 */
export class SharedReads {
  private readonly inflight = new Map<string, Promise<unknown>>();

  read<T>(key: string, read: () => Promise<T>): Promise<T> {
    const held = this.inflight.get(key) as Promise<T> | undefined;
    if (held) return held;
    const p = read().finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }
}
