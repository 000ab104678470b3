// @web/test-runner plugin: what a test page cannot do to itself, done through its puppeteer page.
//   'page-grant' {permission} -> { granted }  e.g. 'notifications', for the page's origin
//   'page-hide'               -> { hidden }   another tab comes to the front: the page is hidden
//   'page-show'               -> { shown }    the test page is in front again
//   'page-popup' {name, close} -> { url }     the URL of the tab open under that window name (closed if asked)
/** @type {Map<string, import('puppeteer-core').Page>} */
const covers = new Map();

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
      return undefined;
    },
  };
}
