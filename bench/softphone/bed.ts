// The bench's test bed: Kamailio (test/e2e's KamailioServer on a free 127.0.0.1 port), the bench
// bundles, a static server and headless Chromium. `close()` stops whatever was started, in reverse.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { KamailioServer } from '../../test/e2e/kamailio-process.mjs';
import { assertPrerequisites } from '../../test/e2e/prerequisites.mjs';
import { launchChromium, openBenchPage, type BenchPage } from './browser.ts';
import { buildBenchPage } from './build.ts';
import { startBenchServer, type BenchServer } from './server.ts';

const TEMPLATE = fileURLToPath(new URL('../../test/e2e/kamailio.cfg', import.meta.url));

export interface Bed {
  readonly wsUrl: string;
  readonly domain: string;
  readonly tmpDir: string;
  readonly browser: Browser;
  /** The bench pages' origin (for CORS), e.g. http://127.0.0.1:41234 */
  readonly pageOrigin: string;
  /** A new page (own browser context) with the bench page loaded. */
  page(label: string): Promise<BenchPage>;
  close(): Promise<void>;
}

export async function startBed(widgetBundle: string): Promise<Bed> {
  const { chromium, kamailio } = assertPrerequisites();
  const tmpDir = mkdtempSync(path.join(tmpdir(), 'cti-bench-'));
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(tmpDir, { recursive: true, force: true })];
  const close = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((e: unknown) => process.stderr.write(`cleanup: ${String(e)}\n`));
  };
  try {
    const benchPage = await buildBenchPage(tmpDir);
    const server: BenchServer = await startBenchServer({ widget: widgetBundle, benchPage });
    cleanups.push(() => server.close());
    const sip = new KamailioServer({ binary: kamailio, template: TEMPLATE });
    const { wsUrl, domain } = await sip.start();
    cleanups.push(() => sip.stop());
    const browser: Browser = await launchChromium(chromium);
    cleanups.push(() => browser.close());
    return {
      wsUrl,
      domain,
      tmpDir,
      browser,
      pageOrigin: new URL(server.url).origin,
      page: (label) => openBenchPage(browser, server.url, label),
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
