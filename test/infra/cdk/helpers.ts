import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { type CreatedApp, createApp } from '../../../infra/cdk/create-app';

export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const CLIENT_ID = '3c5e7b1a-9f0d-4a2e-8b6c-1d2e3f405162';

/** The feature flags and settings of cdk.json, so tests synthesise exactly what `cdk synth` does. */
export function cdkJsonContext(): Record<string, unknown> {
  const file = path.join(__dirname, '..', '..', '..', 'cdk.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { context: Record<string, unknown> }).context;
}

const taskpaneDirs: string[] = [];
// Each test file that imports these helpers removes the folders it made, once its tests are done.
afterAll(() => {
  for (const dir of taskpaneDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A stand-in task pane build: the stack only needs a directory to deploy. Removed after the test file. */
export function makeTaskpaneDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'invest-flags-taskpane-'));
  fs.writeFileSync(path.join(dir, 'taskpane.html'), '<!doctype html><title>四个清单</title>');
  taskpaneDirs.push(dir);
  return dir;
}

export interface Synthesised extends CreatedApp {
  template: Template;
}

/** Builds the app like app.ts does; bundling is skipped unless `bundle` (esbuild is exercised in bundle.test). */
export function synth(context: Record<string, unknown> = {}, opts: { bundle?: boolean; outdir?: string } = {}): Synthesised {
  const created = createApp({
    context: {
      ...cdkJsonContext(),
      ...(opts.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...context,
    },
    ...(opts.outdir ? { outdir: opts.outdir } : {}),
    nag: false,
  });
  return { ...created, template: Template.fromStack(created.stack) };
}

/** Context of a configured deployment. */
export function configured(taskpaneDir: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { tenantId: TENANT_ID, clientId: CLIENT_ID, taskpaneDir, ...extra };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; [k: string]: unknown }>;

/** Resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}
