/** The platform's randomness, for core functions that take a random source (new ids, backoff jitter). */

/** Uniform random numbers in [0,1): crypto where available (browser, Office, Node ≥ 19), else Math.random. */
export function defaultRandom(): number {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c?.getRandomValues) return c.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;
  return Math.random();
}
