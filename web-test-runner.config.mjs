// @web/test-runner: every test/**/*.browser.test.ts in headless Chromium, plus one real Kamailio for the
// end-to-end tests (test/e2e/kamailio-plugin.mjs).
//   npx web-test-runner                       all groups (ui first, then e2e)
//   npx web-test-runner --group e2e           one group
//   npx web-test-runner test/e2e/x.browser.test.ts   just these files
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { assertPrerequisites } from './test/e2e/prerequisites.mjs';
import { kamailioPlugin } from './test/e2e/kamailio-plugin.mjs';
import { sipPeerPlugin } from './test/e2e/sip-peer-plugin.mjs';
import { cachePlugin } from './test/e2e/cache-plugin.mjs';
import { pagePlugin } from './test/e2e/page-plugin.mjs';
import { embedPlugin } from './test/e2e/embed-plugin.mjs';
import { CHROMIUM_FLAGS } from './test/e2e/chromium-flags.mjs';

// Before anything else: a missing Chromium or Kamailio fails the run with what to apt-get install.
const { chromium, kamailio } = assertPrerequisites();

const kamailioServer = kamailioPlugin({ binary: kamailio });
const rootDir = fileURLToPath(new URL('.', import.meta.url));
const ALL_TESTS = 'test/**/*.browser.test.ts';
const E2E_TESTS = 'test/e2e/**/*.browser.test.ts';

/** @param {number} concurrency pages open at once in this browser */
const chrome = (concurrency) =>
  chromeLauncher({
    concurrency,
    launchOptions: { executablePath: chromium, headless: true, args: [...CHROMIUM_FLAGS] },
    // A real alert()/confirm() (e.g. an XSS payload that did execute) would block the page until
    // testsFinishTimeout and stall the other pages: dismiss it at once, and say so loudly.
    async createPage({ context }) {
      const page = await context.newPage();
      page.on('dialog', (dialog) => {
        console.warn(
          `[wtr] dismissed a real ${dialog.type()}(${JSON.stringify(dialog.message())}) in ${page.url()}`,
        );
        dialog.dismiss().catch(() => undefined);
      });
      return page;
    },
  });

// Files given on the command line replace the groups (groups would otherwise run all their files too).
// wtr's own parser, loaded by path because the package does not export it.
const require = createRequire(import.meta.url);
const { readCliArgs } = require('./node_modules/@web/test-runner/dist/config/readCliArgs.js');
/** @type {string[]} */
const cliFiles = readCliArgs({ argv: process.argv }).files ?? [];

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir,
  nodeResolve: true,
  // One browser at a time: the ui group first, then e2e, so component tests never steal CPU from calls.
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 30_000 } },
  reporters: [defaultReporter(), kamailioServer.reporter],
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
    kamailioServer,
    sipPeerPlugin(),
    cachePlugin(),
    pagePlugin(),
    embedPlugin(),
  ],
  ...(cliFiles.length > 0
    ? { browsers: [chrome(1)] }
    : {
        groups: [
          // Component and smoke tests. One page at a time as well: headless Chromium gives requestAnimationFrame
          // only to the focused page, and @open-wc's fixture() awaits a frame (a 2nd page timed out at 30 s).
          { name: 'ui', files: [ALL_TESTS, `!${E2E_TESTS}`], browsers: [chrome(1)] },
          // End-to-end tests share one Kamailio and users 1001..1009: strictly one file at a time.
          { name: 'e2e', files: [E2E_TESTS], browsers: [chrome(1)] },
        ],
      }),
};
