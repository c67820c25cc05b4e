/**
 * Issue 20: `npm run build` empties its output folder first, so chunks of earlier builds (their names carry a content
 * hash) do not pile up in dist/taskpane and get deployed. Only a local Office.js copy (86 MB, unchanged between
 * builds) is kept, and only when the build serves Office.js locally.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTaskpane } from '../../scripts/build-taskpane';

jest.setTimeout(120_000);

test('stale chunks, files and folders from an earlier build are gone; the fresh build is complete', async () => {
  const outdir = mkdtempSync(join(tmpdir(), 'invest-flags-build-'));
  writeFileSync(join(outdir, 'chunk-STALE123.js'), 'old');
  writeFileSync(join(outdir, 'taskpane-OLDHASH.css'), 'old');
  mkdirSync(join(outdir, 'old-folder'));
  writeFileSync(join(outdir, 'old-folder', 'x.js'), 'old');
  mkdirSync(join(outdir, 'office-js'));
  writeFileSync(join(outdir, 'office-js', 'office.js'), '// stand-in');

  await buildTaskpane({ outdir, officeJs: 'cdn', report: false });
  const files = readdirSync(outdir);
  expect(files).not.toContain('chunk-STALE123.js');
  expect(files).not.toContain('taskpane-OLDHASH.css');
  expect(files).not.toContain('old-folder');
  // A CDN build serves Office.js from Microsoft's CDN: a local copy left from a local build is not deployed either.
  expect(files).not.toContain('office-js');
  expect(files).toEqual(expect.arrayContaining(['taskpane.html', 'taskpane.js', 'taskpane-style.css']));

  // A local build keeps an Office.js copy it would otherwise copy again, and still drops stale chunks.
  mkdirSync(join(outdir, 'office-js'));
  writeFileSync(join(outdir, 'office-js', 'office.js'), '// stand-in');
  writeFileSync(join(outdir, 'chunk-STALE456.js'), 'old');
  await buildTaskpane({ outdir, officeJs: 'local', report: false });
  expect(existsSync(join(outdir, 'office-js', 'office.js'))).toBe(true);
  expect(existsSync(join(outdir, 'chunk-STALE456.js'))).toBe(false);
});
