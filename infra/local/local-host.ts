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

/** Browsers on this machine only: http(s)://localhost or 127.0.0.1, any port. */
export function isLocalOrigin(origin: string | undefined): origin is string {
  if (!origin) return false;
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && LOCAL_HOSTNAMES.includes(u.hostname);
  } catch {
    return false;
  }
}
