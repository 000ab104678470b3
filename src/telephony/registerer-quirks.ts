import { NameAddrHeader, type Core, type Registerer, type UserAgent } from 'sip.js';

/**
 * Workarounds for sip.js 0.21's Registerer. It keeps private what we need: whether a REGISTER
 * is in flight, and a way to stop its own refresh and expiry timers. Its dispose() waits for the
 * final response of a REGISTER in flight (Timer F, 32 s), and it refuses to send another meanwhile.
 */
interface RegistererInternals {
  readonly waiting?: boolean;
  clearTimers?(): void;
}
const internals = (r: Registerer) => r as unknown as RegistererInternals;

export const isWaiting = (r: Registerer): boolean => internals(r).waiting === true;

/** Its own refresh timer would fire into a REGISTER of ours in flight and reject unhandled. */
export const stopRegistererTimers = (r: Registerer): void => internals(r).clearTimers?.();

/** Drops a Registerer whose REGISTER got no answer (true), so that a new one can be made. */
export function abandonIfWaiting(r: Registerer): boolean {
  if (!isWaiting(r)) return false;
  void r.dispose().catch(() => undefined); // leaves the UserAgent's list at once; settles only with the answer
  stopRegistererTimers(r);
  return true;
}

/** The expiry the registrar granted our contact (RFC 3261 10.2.4), read as sip.js itself reads it. */
export function grantedExpires(response: Core.IncomingResponse, ua: UserAgent): number | undefined {
  const m = response.message;
  const count = m.getHeaders('contact').length;
  for (let i = 0; i < count; i++) {
    const contact: unknown = m.parseHeader('contact', i);
    if (!(contact instanceof NameAddrHeader) || contact.uri.user !== ua.contact.uri.user) continue;
    const expires = Number(contact.getParam('expires') ?? m.getHeader('expires'));
    return Number.isFinite(expires) && expires > 0 ? expires : undefined;
  }
  return undefined;
}
