/**
 * Turns what an agent typed (an extension, a phone number, a sip: URI) into a SIP URI string.
 * Visual separators are dropped from numbers; anything else that cannot be a user part is refused.
 */
export function toSipUri(target: string, domain: string): string | undefined {
  const t = target.trim();
  if (t.length > 256 || t.includes('?')) return undefined; // no URI headers (?Replaces=…) from a dial string
  if (/^sips?:[^\s@]+@[^\s@]+$/i.test(t)) return t;
  if (/^[^\s@:]+@[^\s@:]+$/.test(t)) return `sip:${t}`;
  const user = t.replace(/[\s().-]/g, '');
  if (!/^\+?[0-9A-Za-z*#_]{1,64}$/.test(user)) return undefined;
  return `sip:${user.replaceAll('#', '%23')}@${domain}`;
}

const MAX = 256;
/** Signalled identities are untrusted text: bounded, with control characters removed. */
export const cleanText = (s: string | undefined): string | undefined =>
  // eslint-disable-next-line no-control-regex
  s === undefined ? undefined : s.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, MAX);
