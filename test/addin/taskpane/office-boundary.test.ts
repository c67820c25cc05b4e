/**
 * DESIGN §4: addin/office is the only code that calls Excel.run / Office.*. Scans the client's other sources
 * (comments and string literals removed) for Office or Excel used as a value — `Office.x`, `Excel.run`,
 * `{ Office }` read off a global — so a stray call fails here, not in a review.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../../..');
const SCANNED = ['addin/taskpane', 'addin/core', 'addin/xlsx', 'addin/cli'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.ts$/.test(name) ? [path] : [];
  });
}

/** Source without comments and string/template literals (good enough for our own code). */
export function codeOnly(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
}

/** Office/Excel as a value: a property access, or a property named Office/Excel (reading the global loosely). */
const OFFICE_USE = /(?<![\w$.])(Office|Excel)\s*(\?\.|\.|\[)|\b(Office|Excel)\??\s*:/;

describe('Office calls stay inside addin/office', () => {
  it('finds a use in a sample, and none in a comment or a string', () => {
    expect(OFFICE_USE.test(codeOnly('await Office.onReady();'))).toBe(true);
    expect(OFFICE_USE.test(codeOnly('const o = (g as { Office?: X }).Office;'))).toBe(true);
    expect(OFFICE_USE.test(codeOnly('return Excel.run(batch);'))).toBe(true);
    expect(OFFICE_USE.test(codeOnly('// Office.context.requirements\n/** Excel.run */ const a = "Office.x";'))).toBe(false);
    expect(OFFICE_USE.test(codeOnly("t('请更新 Office。Update Office.')"))).toBe(false);
    expect(OFFICE_USE.test(codeOnly('type Ctx = Excel.RequestContext;'))).toBe(true); // even a type: keep them in addin/office
  });

  it.each(SCANNED)('%s has none', (dir) => {
    const offenders = files(join(ROOT, dir)).flatMap((path) =>
      codeOnly(readFileSync(path, 'utf8'))
        .split('\n')
        .filter((line) => OFFICE_USE.test(line))
        .map((line) => `${relative(ROOT, path)}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
