/** Minimal SIP URI reader: enough to route by user and recognise our own address. */
import { err, ok } from '../core/result.ts';
import type { Result } from '../core/result.ts';

export interface SipUri {
  readonly scheme: 'sip' | 'sips';
  readonly user: string | undefined;
  readonly host: string;
  readonly port: number | undefined;
  /** URI parameters, lower-cased names; `null` for a flag such as `lr`. */
  readonly params: ReadonlyMap<string, string | null>;
}

const URI =
  /^(sips?):(?:([^@;?]+)@)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?((?:;[^;?]*)*)(?:\?.*)?$/;

export function parseSipUri(raw: string): Result<SipUri, string> {
  const match = URI.exec(raw.trim());
  if (!match?.[1] || !match[3]) return err(`not a SIP URI: ${raw.slice(0, 80)}`);
  const params = new Map<string, string | null>();
  for (const part of (match[5] ?? '').split(';').slice(1)) {
    const [name, ...rest] = part.split('=');
    if (name) params.set(name.toLowerCase(), rest.length > 0 ? rest.join('=') : null);
  }
  // A password in the userinfo (`user:pw@`) is never used for routing.
  const user = match[2] === undefined ? undefined : safeDecode(match[2].split(':')[0] ?? '');
  return ok({
    scheme: match[1] === 'sips' ? 'sips' : 'sip',
    user,
    host: match[3].toLowerCase(),
    port: match[4] === undefined ? undefined : Number(match[4]),
    params,
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // malformed %-escape: route by the raw text
  }
}

/** Key that identifies a browser's Contact (`user@host`), used to route in-dialog requests. */
export function contactKey(uri: SipUri): string {
  return `${uri.user ?? ''}@${uri.host}`;
}
