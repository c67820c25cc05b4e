/**
 * Writes the production manifest and checks it with office-addin-manifest.
 *   npx tsx addin/manifest/cli.ts --base-url https://addin.example.gov.cn --out dist/manifest.xml \
 *     [--client-id <entra-app-guid>] [--support-url https://…]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { OfficeAddinManifest } from 'office-addin-manifest';
import { buildProductionManifest } from './build';
import { CLIENT_ID_PLACEHOLDER, ManifestBuildError } from './transform';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'base-url': { type: 'string' },
      out: { type: 'string', default: 'dist/manifest.xml' },
      'client-id': { type: 'string' },
      'support-url': { type: 'string' },
    },
  });
  const baseUrl = values['base-url'];
  if (!baseUrl) throw new ManifestBuildError('缺少 --base-url 参数', 'missing --base-url');
  const xml = buildProductionManifest(baseUrl, { clientId: values['client-id'], supportUrl: values['support-url'] });
  const out = resolve(values.out!);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, xml, 'utf8');

  // Read it back the way Office tooling does, and check what the tooling sees.
  const info = await OfficeAddinManifest.readManifestFile(out);
  const problems: string[] = [];
  if (!info.id || !info.displayName) problems.push('Id/DisplayName missing');
  if (!info.hosts?.includes('Workbook')) problems.push('host Workbook missing');
  for (const [what, url] of Object.entries({
    SourceLocation: info.defaultSettings?.sourceLocation,
    IconUrl: info.iconUrl,
    HighResolutionIconUrl: info.highResolutionIconUrl,
  })) {
    if (!url?.startsWith(`${baseUrl}/`)) problems.push(`${what} is not under ${baseUrl}: ${url}`);
  }
  if (problems.length) throw new ManifestBuildError(`生成的清单有问题：${problems.join('；')}`, `manifest check failed: ${problems.join('; ')}`);
  console.log(`wrote ${out} (${info.displayName} ${info.version}, ${info.defaultSettings?.sourceLocation})`);
  if (xml.includes(CLIENT_ID_PLACEHOLDER)) {
    console.warn('注意：未提供 --client-id，单点登录（WebApplicationInfo）仍是占位符。 / note: no --client-id, SSO stays a placeholder.');
  }
}

main().catch((error: unknown) => {
  if (error instanceof ManifestBuildError) console.error(`${error.zh}\n${error.en}`);
  else console.error(error);
  process.exitCode = 1;
});
