import { z } from 'zod/mini';

/**
 * The standalone tab's URL: `?dial=<what was clicked>` is how a `tel:`/`sip:` link reaches it
 * (the browser puts the whole link, percent-encoded, where the handler's template has `%s`).
 */
export const DIAL_PARAM = 'dial';

/** A dial request from a URL is untrusted input: a bounded string, parsed later (dialTarget). */
const dialValue = z.string().check(z.minLength(1), z.maxLength(1024));

/** The `dial` parameter of `url`, or undefined when there is none (or it is empty or too long). */
export function dialParam(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = dialValue.safeParse(new URL(url).searchParams.get(DIAL_PARAM));
  return parsed.success ? parsed.data : undefined;
}

/** `url` without its `dial` parameter (what the tab shows once it has taken the number). */
export function withoutDial(url: string): string {
  const u = new URL(url);
  u.searchParams.delete(DIAL_PARAM);
  return u.href;
}

/**
 * The protocol handler's URL template for this tab: `url` with its other parameters (e.g.
 * `?user=1001`) and `dial=%s` last. Written by hand: URLSearchParams would encode `%s` as `%25s`.
 */
export function linkTemplate(url: string): string {
  const u = new URL(withoutDial(url));
  u.hash = '';
  return `${u.origin}${u.pathname}${u.search ? `${u.search}&` : '?'}${DIAL_PARAM}=%s`;
}
