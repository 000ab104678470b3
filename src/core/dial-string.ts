/**
 * What an agent types or a CRM passes as a number, independent of SIP: the host adapter
 * (click-to-call, postMessage), the UI and the telephony adapter all read it the same way.
 */

/** Longest dial string accepted, before separators are dropped. */
export const MAX_DIAL_STRING = 256;

export type DialString =
  /** A full address the caller gave: `sip:`/`sips:` URI or `user@host`. */
  | { readonly kind: 'address'; readonly uri: string }
  /** A number or extension: visual separators dropped, `+`, digits, letters, `*`, `#`, `_`. */
  | { readonly kind: 'number'; readonly user: string };

/**
 * Parses a dial string; `undefined` when it cannot be dialled. URI headers (`?Replaces=…`) are
 * never accepted from a dial string: a number must not smuggle in SIP headers.
 */
export function parseDialString(target: string): DialString | undefined {
  const t = target.trim();
  if (t.length === 0 || t.length > MAX_DIAL_STRING || t.includes('?')) return undefined;
  if (/^sips?:[^\s@]+@[^\s@]+$/i.test(t)) return { kind: 'address', uri: t };
  if (/^[^\s@:]+@[^\s@:]+$/.test(t)) return { kind: 'address', uri: `sip:${t}` };
  const user = t.replace(/[\s().-]/g, '');
  if (!/^\+?[0-9A-Za-z*#_]{1,64}$/.test(user)) return undefined;
  return { kind: 'number', user };
}

const MAX_TEXT = 256;
/** Signalled identities are untrusted text: bounded, with control characters replaced by spaces. */
export const cleanText = (s: string | undefined): string | undefined =>
  // eslint-disable-next-line no-control-regex
  s === undefined ? undefined : s.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, MAX_TEXT);
