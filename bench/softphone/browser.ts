// Headless Chromium through playwright-core with the flags verified in shared/NOTES.md, and a typed
// handle on one bench page (its own browser context, so every role gets its own renderer).
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import type { z } from 'zod';
import type { BenchApi } from '../page/protocol.ts';
import { CHROMIUM_FLAGS } from '../../test/e2e/chromium-flags.mjs';

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_FLAGS] });
}

type Method = keyof BenchApi;
type Args<M extends Method> = Parameters<BenchApi[M]>;

export interface BenchPage {
  readonly page: Page;
  /** Calls `window.benchApi[method](...args)` in the page and parses the answer with `schema`. */
  call<M extends Method, S extends z.ZodType>(schema: S, method: M, ...args: Args<M>): Promise<z.infer<S>>;
  /** The same for methods whose answer does not matter (void). */
  run<M extends Method>(method: M, ...args: Args<M>): Promise<void>;
  cdp(): Promise<CDPSession>;
  close(): Promise<void>;
}

export async function openBenchPage(browser: Browser, url: string, label: string): Promise<BenchPage> {
  const context: BrowserContext = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => process.stderr.write(`[${label}] page error: ${e.message}\n`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      process.stderr.write(`[${label}] console.${m.type()}: ${m.text()}\n`);
  });
  await page.goto(url);
  await page.waitForFunction(() => window.benchApi !== undefined, undefined, { timeout: 10_000 });
  const invoke = (method: Method, args: readonly unknown[]): Promise<unknown> =>
    page.evaluate(
      ({ method, args }) => {
        const api = window.benchApi;
        if (!api) throw new Error('benchApi missing');
        return (api[method] as (...a: unknown[]) => unknown)(...args);
      },
      { method, args: [...args] },
    );
  return {
    page,
    call: async (schema, method, ...args) => schema.parse(await invoke(method, args)),
    run: async (method, ...args) => {
      await invoke(method, args);
    },
    cdp: () => context.newCDPSession(page),
    close: () => context.close(),
  };
}
