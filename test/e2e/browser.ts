/**
 * Shared set-up of the browser end-to-end tests: a fresh task-pane build (Office.js from the local copy), the
 * local stack serving it, and headless Debian Chromium with every request outside the stack refused, so the
 * tests run offline and prove the page never reaches for the CDN.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildTaskpane } from '../../scripts/build-taskpane';
import { startLocalStack, type LocalStack } from '../../infra/local/stack';

export const ARTIFACTS = join(__dirname, '../../test-artifacts');

export interface E2E {
  stack: LocalStack;
  browser: Browser;
  /** Requests the page tried outside the stack (refused). */
  outside: string[];
  page(): Promise<Page>;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  const dir = mkdtempSync(join(tmpdir(), 'taskpane-e2e-'));
  await buildTaskpane({ outdir: dir, officeJs: 'local', report: false });
  const stack = await startLocalStack({ port: 0, inMemory: true, mode: 'test', staticDir: dir });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const outside: string[] = [];
  return {
    stack,
    browser,
    outside,
    async page() {
      const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 360, height: 900 }, locale: 'zh-CN' });
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(stack.url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
        outside.push(url);
        return route.abort();
      });
      return context.newPage();
    },
    async close() {
      await browser.close();
      await stack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
