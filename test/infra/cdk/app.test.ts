import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createApp, resolveTaskpaneDir } from '../../../infra/cdk/create-app';
import { CLIENT_ID, cdkJsonContext, configured, makeTaskpaneDir } from './helpers';

const REPO = path.join(__dirname, '..', '..', '..');

describe('task pane build directory', () => {
  it('stops with an instruction to run npm run build when the directory is missing', () => {
    const missing = path.join(os.tmpdir(), 'invest-flags-no-such-build');
    expect(() => resolveTaskpaneDir(missing)).toThrow(/请先运行 npm run build.*run `npm run build` first/);
    expect(() => createApp({ context: { taskpaneDir: missing }, nag: false })).toThrow(/npm run build/);
  });

  it('stops the real app entry with exit code 1 and the message on stderr', () => {
    const missing = path.join(os.tmpdir(), 'invest-flags-no-such-build');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'infra/cdk/app.ts'], {
      cwd: REPO,
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJsonContext(), taskpaneDir: missing }) },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('npm run build');
  });

  it('resolves a relative directory from the repository root', () => {
    const dir = fs.mkdtempSync(path.join(REPO, 'test-artifacts-taskpane-'));
    try {
      expect(resolveTaskpaneDir(path.basename(dir))).toBe(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('deployed files', () => {
  let outdir: string;
  let assets: string[];
  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'invest-flags-cdkout-'));
    const { app } = createApp({
      context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...configured(makeTaskpaneDir()) },
      outdir,
      nag: false,
    });
    app.synth();
    assets = fs.readdirSync(outdir).filter((d) => d.startsWith('asset.')).map((d) => path.join(outdir, d));
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  function staged(file: string): string {
    const dir = assets.find((d) => fs.existsSync(path.join(d, file)));
    expect(dir).toBeDefined();
    return fs.readFileSync(path.join(dir!, file), 'utf8');
  }

  it('writes the production manifest with every URL on the CloudFront domain (a deploy-time marker)', () => {
    const xml = staged('manifest.xml');
    expect(xml).toContain('<SourceLocation DefaultValue="https://<<marker:0xbaba:');
    expect(xml).toMatch(/<AppDomain>https:\/\/<<marker:0xbaba:\d+>><\/AppDomain>/);
    expect(xml).toContain(CLIENT_ID);
    expect(xml).not.toContain('localhost');
    expect(xml).not.toContain('.invalid');
  });

  it('writes the task pane runtime configuration', () => {
    const config = JSON.parse(staged('deployment.json'));
    expect(config).toMatchObject({
      clientId: CLIENT_ID,
      scopes: [`api://${CLIENT_ID}/access_as_user`],
      issuer: expect.stringMatching(/^https:\/\/login\.microsoftonline\.com\/[0-9a-f-]{36}\/v2\.0$/),
    });
    expect(config.apiBaseUrl).toMatch(/^<<marker:0xbaba:\d+>>$/);
  });
});
