/**
 * Where the pane's bearer token comes from when the clerk typed none: `?token=` in the page address, or the
 * local/test stack's `GET /dev/token` (absent in the cloud, where sign-in provides the token).
 */
export function tokenFromQuery(search: string): string | null {
  return new URLSearchParams(search).get('token');
}

type Fetch = (url: string) => Promise<{ ok: boolean; json(): Promise<unknown> }>;

export function devTokenSource(fetchFn: Fetch): (apiUrl: string) => Promise<string> {
  const cache = new Map<string, Promise<string>>();
  return (apiUrl) => {
    const base = apiUrl.replace(/\/+$/, '');
    let got = cache.get(base);
    if (!got) {
      got = fetchFn(`${base}/dev/token`)
        .then(async (res) => {
          if (!res.ok) return '';
          const body = (await res.json()) as { token?: unknown };
          return typeof body.token === 'string' ? body.token : '';
        })
        .catch(() => '');
      cache.set(base, got);
    }
    return got;
  };
}
