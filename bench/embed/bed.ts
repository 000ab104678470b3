// The load benches' test bed: Kamailio (test/e2e's KamailioServer on a free 127.0.0.1 port), the
// bare sip.js bundle, the static server (server.ts) and headless Chromium with the flags of
// test/e2e/chromium-flags.mjs. Every page opened gets its own browser context unless given one.
import { mkdtempSync, rmSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { KamailioServer } from '../../test/e2e/kamailio-process.mjs';
import { assertPrerequisites } from '../../test/e2e/prerequisites.mjs';
import { launchChromium } from '../softphone/browser.ts';
import { buildBareRegister, buildEmbed } from './build.ts';
import { startLoadServer, type LoadServer } from './server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TEMPLATE = path.join(ROOT, 'test/e2e/kamailio.cfg');
export const WIDGET_BUNDLE = path.join(ROOT, 'dist/embed/cti-softphone.js');

/** One contact of Kamailio's location table (KamailioServer.locations()). */
export interface Location {
  readonly aor: string;
  readonly contacts: readonly { readonly address: string }[];
}

export interface LoadBed {
  readonly wsUrl: string;
  readonly domain: string;
  readonly browser: Browser;
  readonly server: LoadServer;
  /** Kamailio's location table (JSON-RPC ul.dump). */
  locations(): Promise<Location[]>;
  close(): Promise<void>;
}

export const password = (user: string): string => `pw${user}`; // test/e2e/kamailio.cfg provisions 1001..1009

/**
 * `widgetBundle`: the loader of a script-tag build (e.g. dist/embed/cti-softphone.js, fresh from
 * `npm run build`); without it the working tree's is built into the bed's own directory.
 */
export async function startLoadBed(widgetBundle?: string): Promise<LoadBed> {
  if (widgetBundle !== undefined && !existsSync(widgetBundle))
    throw new Error(`${widgetBundle} is missing: run \`npm run build\` first (npm run bench does)`);
  const { chromium, kamailio } = assertPrerequisites();
  const tmpDir = mkdtempSync(path.join(tmpdir(), 'cti-bench-load-'));
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(tmpDir, { recursive: true, force: true })];
  const close = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((e: unknown) => process.stderr.write(`cleanup: ${String(e)}\n`));
  };
  try {
    const bare = await buildBareRegister(tmpDir);
    const widget = widgetBundle ?? (await buildEmbed(path.join(tmpDir, 'embed')));
    const server = await startLoadServer({ widget, bare });
    cleanups.push(() => server.close());
    const sip = new KamailioServer({ binary: kamailio, template: TEMPLATE });
    const { wsUrl, domain } = await sip.start();
    cleanups.push(() => sip.stop());
    const browser = await launchChromium(chromium);
    cleanups.push(() => browser.close());
    // locations() is KamailioServer's (kamailio-process.mjs); bench/softphone/e2e-modules.d.ts omits it.
    const rpc = sip as unknown as { locations(): Promise<Location[]> };
    return { wsUrl, domain, browser, server, locations: () => rpc.locations(), close };
  } catch (e) {
    await close();
    throw e;
  }
}
