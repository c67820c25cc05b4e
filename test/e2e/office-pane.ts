/**
 * Shared set-up of the Office-mode browser tests: the e2e stack (browser.ts), the artifacts folder, and the fake
 * Excel host bundled from office-shim.ts, served in place of office.js over a given workbook.
 */
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, startE2E, type E2E } from './browser';

/** One sheet of the fake book: its rows from A1. */
export interface ShimSheet {
  name: string;
  rows: Array<Array<string | number | boolean | null>>;
}

export interface OfficePane {
  /** A new page on the task pane, signed in as the stack's admin, in Excel over a fresh copy of `book`. */
  open(): Promise<Page>;
}

/** Registers beforeAll/afterAll in the calling test file. */
export function useOfficePane(book: readonly ShimSheet[]): OfficePane {
  let e2e: E2E | undefined;
  let shim = '';
  beforeAll(async () => {
    e2e = await startE2E();
    mkdirSync(ARTIFACTS, { recursive: true });
    const out = await esbuild.build({ entryPoints: [join(__dirname, 'office-shim.ts')], bundle: true, write: false, format: 'iife', target: 'es2020', platform: 'browser' });
    shim = out.outputFiles[0]!.text;
  });
  afterAll(async () => {
    await e2e?.close();
  });
  const started = (): E2E => {
    if (!e2e) throw new Error('The e2e stack is not started (useOfficePane must be called at the top of a test file).');
    return e2e;
  };
  return {
    async open() {
      const { stack, page: newPage } = started();
      const page = await newPage();
      await page.addInitScript((b) => ((globalThis as unknown as { __FAKE_BOOK__: unknown }).__FAKE_BOOK__ = b), book);
      await page.route('**/office-js/office.js', (route) => route.fulfill({ contentType: 'text/javascript', body: shim }));
      // As Office opens it: the manifest's host=office, then Office's own _host_Info.
      await page.goto(`${stack.url}/taskpane.html?host=office&token=${encodeURIComponent(stack.adminToken)}&_host_Info=Excel$Web$16.01$zh-CN$$$$0`);
      return page;
    },
  };
}
