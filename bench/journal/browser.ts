// Headless Chromium with an on-disk profile for the IndexedDB trials: a fresh browser context
// (browser.newContext) is off the record, and Chromium keeps its IndexedDB in memory, so a
// 'strict' commit there never reaches the disk. Same flags as every other bench and test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { z } from 'zod';
import { CHROMIUM_FLAGS } from '../../test/e2e/chromium-flags.mjs';
import type { JournalBenchApi } from './page/protocol.ts';

type Method = keyof JournalBenchApi;

export interface JournalPage {
  /** Calls `window.journalBench[method](...args)` in the page and parses the answer with `schema`. */
  call<M extends Method, S extends z.ZodType>(
    schema: S,
    method: M,
    ...args: Parameters<JournalBenchApi[M]>
  ): Promise<z.infer<S>>;
  close(): Promise<void>;
}

export async function openJournalPage(executablePath: string, url: string): Promise<JournalPage> {
  const profile = mkdtempSync(path.join(tmpdir(), 'cti-journal-bench-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_FLAGS],
    });
    const page: Page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => process.stderr.write(`[journal page] page error: ${e.message}\n`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning')
        process.stderr.write(`[journal page] console.${m.type()}: ${m.text()}\n`);
    });
    await page.goto(url);
    await page.waitForFunction(() => window.journalBench !== undefined, undefined, { timeout: 10_000 });
    const open = context;
    return {
      call: async (schema, method, ...args) =>
        schema.parse(
          await page.evaluate(
            ({ method, args }) => {
              const api = window.journalBench;
              if (!api) throw new Error('journalBench missing');
              return (api[method] as (...a: unknown[]) => unknown)(...args);
            },
            { method, args: [...args] as unknown[] },
          ),
        ),
      close: async () => {
        await open.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
}
