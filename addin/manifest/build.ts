/**
 * The production manifest for a deployed base URL (used by the CDK app and by cli.ts). Reads the repo's
 * manifest.xml — the one development manifest — and transforms it; see transform.ts for the rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformManifest, type ManifestOptions } from './transform';

export const DEV_MANIFEST_PATH = join(__dirname, '..', '..', 'manifest.xml');

export function buildProductionManifest(baseUrl: string, opts?: { clientId?: string; supportUrl?: string }): string {
  const options: ManifestOptions = opts ?? {};
  return transformManifest(readFileSync(DEV_MANIFEST_PATH, 'utf8'), baseUrl, options);
}
