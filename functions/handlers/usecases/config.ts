/** The county configuration: stored, or the defaults; PUT is validated by the domain. */
import type { CountyConfig } from '../../contract';
import { DEFAULT_CONFIG, validateConfig } from '../../domain/config';
import type { ProjectStore } from '../../store';
import { ApiFailure } from '../http';
import { MSG } from '../messages';

/** The stored configuration, or the defaults when none is stored (or the stored one no longer validates). */
export async function loadConfig(store: ProjectStore): Promise<CountyConfig> {
  const stored = await store.getConfig();
  if (stored === null) return DEFAULT_CONFIG;
  const checked = validateConfig(stored);
  return checked.ok ? checked.config : DEFAULT_CONFIG;
}

export async function saveConfig(store: ProjectStore, input: unknown): Promise<CountyConfig> {
  const checked = validateConfig(input);
  if (!checked.ok) throw new ApiFailure('bad_request', MSG.badConfig, { errors: checked.errors });
  await store.putConfig(checked.config);
  return checked.config;
}
