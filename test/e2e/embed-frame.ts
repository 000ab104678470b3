// A plain page for the script tag: a same-origin iframe whose document holds nothing but the
// tags a CRM would write (no test runner, no Lit, no zod), so what the script adds to a page, and
// the long tasks it causes, are the script's own. Its one script before the tag (the prelude)
// defines the CRM's credentials function and reports to this page what the frame logs or throws.
import { executeServerCommand } from '@web/test-runner-commands';
import type { ConfigError } from '../../src/config.ts';
import type { CtiSoftphone } from '../../src/element.ts';
import type { CtiSoftphoneGlobal } from '../../src/embed.ts';
import { passwordOf } from './kamailio.ts';
import { waitFor } from './wait.ts';

/** The embed server's base URL (embed-plugin.mjs): `${base}cti-softphone.js` is the loader. */
export async function embedUrl(): Promise<string> {
  const info = (await executeServerCommand('embed-info')) as { url?: unknown } | undefined;
  if (typeof info?.url !== 'string')
    throw new Error('no embed-info: is embedPlugin() in web-test-runner.config.mjs?');
  return info.url;
}

/** Serves `body` at the embed server's /config/NAME (another origin, CORS on); resolves with its URL. */
export async function serveConfig(name: string, body: string, status = 200): Promise<string> {
  const answer = (await executeServerCommand('embed-config', { name, body, status })) as { url?: unknown };
  if (typeof answer.url !== 'string') throw new Error('no embed-config answer');
  return answer.url;
}

/** What a plain page reported: console warnings and errors, uncaught errors, cti-config-error details. */
export interface FrameLog {
  readonly warnings: string[];
  readonly consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections: the script must never add one. */
  readonly uncaught: string[];
  readonly configErrors: ConfigError[];
  /** How often the page's credentials function was called. */
  credentialCalls: number;
  /** What it answers (from this page: the password is never in the frame's document). */
  readonly credentials: () => { username: string; password: string };
}

export interface PlainPage {
  readonly frame: HTMLIFrameElement;
  readonly window: Window & { CtiSoftphone?: CtiSoftphoneGlobal };
  readonly document: Document;
  readonly log: FrameLog;
}

/** The name of the credentials function every plain page defines (and so does the baseline). */
export const CREDENTIALS_FN = 'crmSipCredentials';
const LOGS = 'embedFrameLogs';
const pages = new Set<PlainPage>();

const prelude = (index: number) => `<script>
(() => {
  const log = parent.${LOGS}[${index}];
  const text = (args) => args.map(String).join(' ');
  window.${CREDENTIALS_FN} = async () => (log.credentialCalls++, log.credentials());
  const { warn, error } = console;
  console.warn = (...a) => (log.warnings.push(text(a)), warn(...a));
  console.error = (...a) => (log.consoleErrors.push(text(a)), error(...a));
  addEventListener('error', (e) => log.uncaught.push(String(e.message)));
  addEventListener('unhandledrejection', (e) => log.uncaught.push(String(e.reason)));
  document.addEventListener('cti-config-error', (e) => log.configErrors.push(e.detail));
})();
</script>`;

/**
 * Opens a plain page whose body is `body` (e.g. the script tag) after the prelude of `user`'s
 * credentials. Resolves once the frame's document has loaded (the loader has run; the module it
 * imports may still be on its way).
 */
export async function plainPage(user: string, body: string): Promise<PlainPage> {
  const logs = ((window as unknown as Record<string, FrameLog[]>)[LOGS] ??= []);
  const log: FrameLog = {
    warnings: [],
    consoleErrors: [],
    uncaught: [],
    configErrors: [],
    credentialCalls: 0,
    credentials: () => ({ username: user, password: passwordOf(user) }),
  };
  const index = logs.push(log) - 1;
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 800px; height: 600px; border: 0';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.srcdoc = `<!doctype html><html lang="en"><head><title>CRM</title></head><body>${prelude(index)}${body}</body></html>`;
  document.body.append(frame);
  await loaded;
  if (!frame.contentWindow || !frame.contentDocument) throw new Error('the plain page did not load');
  const page: PlainPage = { frame, window: frame.contentWindow, document: frame.contentDocument, log };
  pages.add(page);
  return page;
}

/** The global names a plain page has without the script (its prelude's function included). */
export async function baselineKeys(): Promise<string[]> {
  const page = await plainPage('1001', '');
  const keys = Object.keys(page.window);
  await removePage(page);
  return keys;
}

/** The script tag a CRM writes, with `data-*` from `data` (camelCase keys, as in dataset). */
export function scriptTag(src: string, data: Readonly<Record<string, string>>): string {
  const attrs = Object.entries(data)
    .map(
      ([k, v]) => ` data-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${v.replace(/"/g, '&quot;')}"`,
    )
    .join('');
  return `<script src="${src}"${attrs} async></script>`;
}

/** The page's `<cti-softphone>`, once mounted and holding a phone. */
export const mountedPhone = (page: PlainPage, what = 'a <cti-softphone> holding a phone') =>
  waitFor(
    () => {
      const el = page.document.querySelector<CtiSoftphone>('cti-softphone');
      return el?.phone ? el : undefined;
    },
    { what },
  );

/** The page's floating card, once its chunk has defined it (it has a shadow root then). */
export const floatingCard = (page: PlainPage) =>
  waitFor(
    () => {
      const card = page.document.querySelector('cti-floating-phone');
      return card?.shadowRoot && !card.hidden ? card : undefined;
    },
    { what: 'the floating card defined and shown' },
  );

/** The chunks of dist/embed the page fetched (file names without their hash), e.g. `floating-shell`. */
export const chunksFetched = (page: PlainPage): string[] =>
  page.window.performance
    .getEntriesByType('resource')
    .map((e) => /\/chunks\/(.+)-[\w-]{8}\.js$/.exec(new URL(e.name).pathname)?.[1])
    .filter((name): name is string => name !== undefined);

/** Removes a plain page (its phone stops first). */
export async function removePage(page: PlainPage): Promise<void> {
  await page.document.querySelector<CtiSoftphone>('cti-softphone')?.phone?.stop();
  page.frame.remove();
  pages.delete(page);
}

/** Removes every plain page (their phones stop first) and forgets the card's minimised state. */
export async function removePages(): Promise<void> {
  await Promise.all([...pages].map(removePage));
  sessionStorage.removeItem('cti-softphone-minimised');
}
