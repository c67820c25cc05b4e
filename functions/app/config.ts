/** The county configuration: stored, or the defaults; PUT is validated by the domain. */
import type { CountyConfig } from '../../contract';
import { DEFAULT_CONFIG, validateConfig } from '../domain/config';
import { AppFailure } from './failure';
import { MSG } from './messages';
import type { ProjectStore } from './ports';

/** The stored configuration, or the defaults when none is stored (or the stored one no longer validates). */
export async function loadConfig(store: ProjectStore): Promise<CountyConfig> {
  const stored = await store.getConfig();
  if (stored === null) return DEFAULT_CONFIG;
  const checked = validateConfig(stored);
  return checked.ok ? checked.config : DEFAULT_CONFIG;
}

/**
 * How long a container reuses the configuration it read: every sync chunk needs it, and a county changes it
 * rarely. A PUT in the same container takes effect at once; in other containers within this time.
 */
export const CONFIG_TTL_MS = 30_000;

const cache = new WeakMap<ProjectStore, { config: CountyConfig; until: number }>();

/** loadConfig, reused per store for CONFIG_TTL_MS (real time, not the request's asOf). */
export async function cachedConfig(store: ProjectStore, nowMs: number = Date.now()): Promise<CountyConfig> {
  const hit = cache.get(store);
  if (hit && hit.until > nowMs) return hit.config;
  const config = await loadConfig(store);
  cache.set(store, { config, until: nowMs + CONFIG_TTL_MS });
  return config;
}

export async function saveConfig(store: ProjectStore, input: unknown): Promise<CountyConfig> {
  const checked = validateConfig(input);
  if (!checked.ok) throw new AppFailure('bad_request', MSG.badConfig, { errors: checked.errors });
  await store.putConfig(checked.config);
  cache.delete(store);
  return checked.config;
}
