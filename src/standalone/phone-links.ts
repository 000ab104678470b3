import { err, ok, type Result } from '../core/result.ts';

/**
 * The link schemes the standalone tab offers to handle. Both are on the HTML standard's safelist
 * for `registerProtocolHandler` (so no `web+` prefix is needed); `sips:` and `callto:` are not.
 */
export const PHONE_LINK_SCHEMES = ['tel', 'sip'] as const;

/** What `navigator.registerProtocolHandler` is, where the browser has it. */
type Register = (scheme: string, url: string) => void;

/**
 * Asks the browser to open `tel:` and `sip:` links in this tab's page (`template`, from
 * linkTemplate(): same origin, `%s` where the link goes). Call it from a click: some browsers
 * only ask the user inside a gesture, and none says whether the user agreed. Never throws: a
 * browser without it, or one that refuses the URL, is an error value.
 */
export function registerPhoneLinks(
  template: string,
  nav: { registerProtocolHandler?: Register } = navigator,
): Result<readonly string[], string> {
  const register = nav.registerProtocolHandler;
  if (typeof register !== 'function') return err('This browser cannot open phone links in a web page.');
  try {
    for (const scheme of PHONE_LINK_SCHEMES) register.call(nav, scheme, template);
    return ok(PHONE_LINK_SCHEMES);
  } catch (e) {
    return err(`The browser refused: ${e instanceof Error ? e.message : String(e)}`);
  }
}
