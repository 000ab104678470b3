import { parseDialString } from '../core/dial-string.ts';

/** Turns what an agent typed (an extension, a phone number, a sip: URI) into a SIP URI string. */
export function toSipUri(target: string, domain: string): string | undefined {
  const parsed = parseDialString(target);
  if (!parsed) return undefined;
  return parsed.kind === 'address' ? parsed.uri : `sip:${parsed.user.replaceAll('#', '%23')}@${domain}`;
}
