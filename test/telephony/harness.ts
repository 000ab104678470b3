import { parsePhoneConfig, type PhoneConfigInput } from '../../src/config.ts';
import type { EventDraft } from '../../src/core/events.ts';
import type { TelephonyTimings } from '../../src/telephony/platform.ts';
import { SipTelephony } from '../../src/telephony/sip-telephony.ts';
import { Wire } from './fake-transport.ts';
import { fixedSdpFactory, ManualWake } from './fake-media.ts';
import { header, headers, type SipMessage } from './sip-message.ts';

export const DOMAIN = 'example.com';

/** A SipTelephony on a scripted wire, with every event draft it reports collected in order. */
export function scriptedPhone(
  config: Partial<PhoneConfigInput> = {},
  timings: Partial<TelephonyTimings> = {},
) {
  const parsed = parsePhoneConfig({
    server: 'wss://127.0.0.1:9/ws',
    aor: `sip:1001@${DOMAIN}`,
    password: 'secret',
    reconnectBaseMs: 100,
    ...config,
  });
  if (!parsed.ok) throw new Error(parsed.error.issues.join('; '));
  const wire = new Wire();
  const wake = new ManualWake();
  const phone = new SipTelephony(parsed.value, {
    transportConstructor: wire.transportConstructor,
    sessionDescriptionHandlerFactory: fixedSdpFactory,
    environment: wake,
    // Most tests leave the un-REGISTER of stop() unanswered: do not wait the default 2 s for it.
    timings: { unregisterAnswerMs: 50, ...timings },
  });
  const events: EventDraft[] = [];
  const waiters: { pred: (e: EventDraft) => boolean; resolve: (e: EventDraft) => void }[] = [];
  phone.onEvent = (e) => {
    events.push(e);
    for (const w of waiters.splice(0)) {
      if (w.pred(e)) w.resolve(e);
      else waiters.push(w);
    }
  };
  /** The first event (already reported or still to come) that matches. */
  const event = <E extends EventDraft>(pred: (e: EventDraft) => e is E, timeoutMs = 5000): Promise<E> => {
    const seen = events.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise<E>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('expected event never came')), timeoutMs);
      waiters.push({ pred, resolve: (e) => (clearTimeout(timer), resolve(e as E)) });
    });
  };
  return { phone, wire, wake, events, event };
}

export const is =
  <T extends EventDraft['type']>(
    type: T,
    more: (e: Extract<EventDraft, { type: T }>) => boolean = () => true,
  ) =>
  (e: EventDraft): e is Extract<EventDraft, { type: T }> =>
    e.type === type && more(e as Extract<EventDraft, { type: T }>);

/** The registrar's 200 OK: our Contact back with the granted expiry. */
export function registerOk(wire: Wire, req: SipMessage, expiresS = 600): void {
  const contact = header(req, 'contact').replace(/;expires=\d+/, '');
  wire.reply(req, 200, 'OK', { headers: [`Contact: ${contact};expires=${expiresS}`] });
}

/** Starts the phone and answers its first REGISTER. */
export async function registered(p: ReturnType<typeof scriptedPhone>, expiresS = 600): Promise<void> {
  void p.phone.start();
  registerOk(p.wire, await p.wire.next('REGISTER'), expiresS);
  await p.event(is('registration', (e) => e.state === 'registered'));
}

/** Lets sip.js and our one-microtask delays run to the end of this turn. */
export const settled = () => new Promise<void>((r) => setImmediate(r));

export { header, headers };
