import type { Referral, URI } from 'sip.js';
import { MAX_LINES } from '../core/commands.ts';

/** The parts of a Refer-To URI the policy looks at. */
export type ReferTarget = Pick<URI, 'scheme' | 'user' | 'host' | 'headers'>;

/**
 * Whether we let a far end transfer us (REFER) to `target`: only a user in our own SIP domain,
 * with no URI headers (`?Replaces=` would take over another call, other headers would be copied
 * into our INVITE), and only while a line is free. `liveCalls` counts the referring call, which is
 * about to end. Anything else is refused: a far end must not make the agent's phone dial.
 */
export function referAcceptable(target: ReferTarget | undefined, domain: string, liveCalls: number): boolean {
  if (!target) return false; // a malformed Refer-To
  return (
    (target.scheme === 'sip' || target.scheme === 'sips') &&
    target.user !== undefined &&
    target.user !== '' &&
    target.host.toLowerCase() === domain.toLowerCase() &&
    Object.keys(target.headers).length === 0 &&
    liveCalls <= MAX_LINES
  );
}

/** The Refer-To URI, or undefined when it does not parse (sip.js throws). */
export function referTargetOf(referral: Referral): URI | undefined {
  try {
    return referral.referTo.uri;
  } catch {
    return undefined;
  }
}
