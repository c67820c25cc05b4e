/**
 * DESIGN §4: of the backend, the add-in imports only functions/contract (types, schemas, the field catalogue).
 * Scans the task pane's, Office's and the manifest's sources for any other import from functions/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../../..');
const SCANNED = ['addin/taskpane', 'addin/office', 'addin/manifest'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.ts$/.test(name) ? [path] : [];
  });
}

/** Module specifiers of static imports/exports and dynamic import() calls. */
export function specifiers(source: string): string[] {
  return [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

/** A backend module other than the contract (its index or one of its files). */
const backendInternal = (spec: string) => /(^|\/)functions\//.test(spec) && !/(^|\/)functions\/contract(\/\w+)?$/.test(spec);

describe('the add-in imports only functions/contract of the backend', () => {
  it('tells the contract from internals in a sample', () => {
    const found = specifiers(
      "import type { Message } from '../../functions/contract';\nimport { isoToDay } from '../../functions/domain/days';\nconst m = await import('../../functions/store/table');\nimport '../../functions/contract/fields';",
    );
    expect(found).toEqual(['../../functions/contract', '../../functions/domain/days', '../../functions/store/table', '../../functions/contract/fields']);
    expect(found.filter(backendInternal)).toEqual(['../../functions/domain/days', '../../functions/store/table']);
  });

  it.each(SCANNED)('%s has none other', (dir) => {
    const offenders = files(join(ROOT, dir)).flatMap((path) =>
      specifiers(readFileSync(path, 'utf8'))
        .filter(backendInternal)
        .map((spec) => `${relative(ROOT, path)}: ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
