// @web/test-runner plugin: what a test page cannot do to itself, done through its puppeteer page.
//   'page-grant' {permission} -> { granted }  e.g. 'notifications', for the page's origin
//   'page-hide'               -> { hidden }   another tab comes to the front: the page is hidden
//   'page-show'               -> { shown }    the test page is in front again
//   'page-popup' {name, close} -> { url }     the URL of the tab open under that window name (closed if asked)
//   'page-open' {url}         -> { id }       a new tab of the same browser context (same origin: same
//                                             IndexedDB and Web Locks) loaded with `url`; the test page stays in front
//   'page-crash' {id}         -> { crashed }  CDP Page.crash: the renderer dies (no unload handler runs, the
//                                             browser releases its locks); resolves once the tab is gone
//   'page-close' {id, runBeforeUnload} -> { closed }  closes the tab (CDP Target.closeTarget unless
//                                             runBeforeUnload); resolves once the tab is gone
/** @type {Map<string, import('puppeteer-core').Page>} */
const covers = new Map();
/** Tabs opened with 'page-open', by id. @type {Map<string, import('puppeteer-core').Page>} */
const opened = new Map();
let openedCount = 0;
const TAB_STEP_MS = 15_000;

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {string} what
 * @returns {Promise<T>}
 */
function bounded(promise, what) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${TAB_STEP_MS} ms`)), TAB_STEP_MS);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, expired])).finally(() => clearTimeout(timer));
}

/** @param {unknown} payload */
function openedTab(payload) {
  const id = /** @type {{ id?: unknown }} */ (payload ?? {}).id;
  const tab = typeof id === 'string' ? opened.get(id) : undefined;
  if (typeof id !== 'string' || !tab) throw new Error(`page-*: no tab opened with id ${String(id)}`);
  opened.delete(id);
  return tab;
}

/** Closes a tab without its beforeunload handlers; resolves once its target is destroyed. */
async function closeTab(/** @type {import('puppeteer-core').Page} */ tab, runBeforeUnload = false) {
  if (tab.isClosed()) return;
  await bounded(tab.close({ runBeforeUnload }), 'closing a tab');
  if (runBeforeUnload) {
    // close({ runBeforeUnload: true }) only asks: wait for the tab to be really gone.
    const target = tab.target();
    await bounded(
      new Promise((resolve) => {
        if (tab.isClosed()) return resolve(undefined);
        const browser = tab.browser();
        const gone = (/** @type {import('puppeteer-core').Target} */ t) => {
          if (t !== target) return;
          browser.off('targetdestroyed', gone);
          resolve(undefined);
        };
        browser.on('targetdestroyed', gone);
        tab.once('close', () => resolve(undefined));
      }),
      'a tab closing after its beforeunload',
    );
  }
}

export function pagePlugin() {
  return {
    name: 'cti-page',
    /** @param {{ command: string, payload?: any, session: any }} args */
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('page-')) return undefined;
      /** @type {import('puppeteer-core').Page} */
      const page = session.browser.getPage(session.id);
      if (command === 'page-grant') {
        const origin = new URL(page.url()).origin;
        await page.browserContext().overridePermissions(origin, [payload.permission]);
        return { granted: true };
      }
      if (command === 'page-hide') {
        const cover = await page.browserContext().newPage();
        await cover.bringToFront();
        covers.set(session.id, cover);
        return { hidden: true };
      }
      if (command === 'page-show') {
        await covers.get(session.id)?.close();
        covers.delete(session.id);
        await page.bringToFront();
        return { shown: true };
      }
      if (command === 'page-popup') {
        for (const target of page.browserContext().targets()) {
          const other = await target.page();
          if (!other || other === page) continue;
          const name = await other.evaluate('window.name').catch(() => '');
          if (name !== payload.name) continue;
          const url = other.url();
          if (payload.close) await other.close();
          return { url };
        }
        return { url: null };
      }
      if (command === 'page-open') {
        const tab = await page.browserContext().newPage();
        const id = `tab-${++openedCount}`;
        opened.set(id, tab);
        tab.on('dialog', (dialog) => dialog.dismiss().catch(() => undefined));
        await bounded(tab.goto(String(payload.url), { waitUntil: 'load' }), `opening ${payload.url}`);
        // Headless Chromium gives animation frames only to the page in front: the runner's needs them.
        await page.bringToFront();
        return { id };
      }
      if (command === 'page-crash') {
        const tab = openedTab(payload);
        const crashed = new Promise((resolve) => tab.once('error', resolve));
        const cdp = await tab.createCDPSession();
        // The renderer dies before it can answer: the command's own promise never settles well.
        cdp.send('Page.crash').catch(() => undefined);
        await bounded(crashed, 'the tab to crash');
        await closeTab(tab);
        await page.bringToFront();
        return { crashed: true };
      }
      if (command === 'page-close') {
        const tab = openedTab(payload);
        await closeTab(tab, payload.runBeforeUnload === true);
        await page.bringToFront();
        return { closed: true };
      }
      return undefined;
    },
  };
}
