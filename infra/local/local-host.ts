/**
 * Who may talk to the local servers (the embedded stack's adapter and the HTTPS dev server): requests addressed
 * to this machine, and for CORS, pages served from it.
 */
const LOCAL_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * True when the Host header names this machine on the port the request came in on. A page on another site
 * whose DNS name is rebound to 127.0.0.1 sends its own name as Host, so it cannot reach the dev token or the API.
 */
export function isLocalHost(host: string | undefined, port: number | undefined): boolean {
  if (!host) return false;
  const m = /^(\[[^\]]*\]|[^:]+)(?::(\d+))?$/.exec(host.trim().toLowerCase());
  if (!m || !LOCAL_HOSTNAMES.includes(m[1]!)) return false;
  const given = m[2] === undefined ? 80 : Number(m[2]);
  return port === undefined || given === port;
}

/** The task pane's origin under `npm start` (scripts/start.ts's --pane-port default). */
export const DEFAULT_PANE_ORIGIN = 'https://localhost:3000';

/**
 * The origins a local server answers CORS and /dev/token for: its own (http://localhost|127.0.0.1|[::1]:`port`)
 * and the task pane's. Not "any localhost page": another web app or dev server on this machine
 * (http://localhost:9999) is a different origin and must not obtain the admin's token (issue 17).
 */
export function stackOrigins(port: number | undefined, paneOrigins: readonly string[] = [DEFAULT_PANE_ORIGIN]): Set<string> {
  const own = port === undefined ? [] : LOCAL_HOSTNAMES.map((h) => `http://${h}:${port}`);
  return new Set([...own, ...paneOrigins.map(originOf).filter((o): o is string => o !== null)]);
}

/** An Origin header's value normalised (scheme://host[:port], default port dropped), null when it is not one. */
export function originOf(origin: string | undefined): string | null {
  if (!origin) return null;
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}
