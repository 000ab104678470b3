// Browser-side helpers for end-to-end tests of the real <cti-softphone> (sip.js adapter + core + UI)
// against the run's Kamailio.
import '../../src/define.ts';
import type { CtiSoftphone } from '../../src/element.ts';
import type { CallView } from '../../src/core/phone-state.ts';
import type { Phone } from '../../src/phone.ts';
import type { PhoneConfigInput } from '../../src/config.ts';
import { kamailioInfo, passwordOf } from './kamailio.ts';
import { waitFor } from './wait.ts';

export interface Widget {
  readonly user: string;
  readonly el: CtiSoftphone;
  readonly phone: Phone;
  /** The live call of this widget in `state` (waits for it). */
  call(state: CallView['state'], timeout?: number): Promise<CallView>;
  /** Inbound/outbound audio bytes and inbound audio energy of `callId` from the phone's own RTCPeerConnection stats. */
  bytes(callId: string): Promise<{ inbound: number; outbound: number; energy: number }>;
}

const mounted = new Set<CtiSoftphone>();

export async function mountWidget(user: string, extra: Partial<PhoneConfigInput> = {}): Promise<Widget> {
  const { wsUrl, domain } = await kamailioInfo();
  const el = document.createElement('cti-softphone');
  el.config = {
    server: wsUrl,
    aor: `sip:${user}@${domain}`,
    authorizationUsername: user,
    password: passwordOf(user),
    displayName: `Agent ${user}`,
    ...extra,
  };
  document.body.append(el);
  mounted.add(el);
  await el.updateComplete;
  const phone = el.phone as Phone;
  return {
    user,
    el,
    phone,
    call: (state, timeout = 10_000) =>
      waitFor(() => phone.state.calls.find((c) => c.state === state), {
        timeout,
        what: () =>
          `${user} to have a ${state} call (calls: ${JSON.stringify(phone.state.calls.map((c) => c.state))})`,
      }),
    bytes: async (callId) => {
      const s = await phone.mediaStats(callId);
      return {
        inbound: s?.inboundBytes ?? 0,
        outbound: s?.outboundBytes ?? 0,
        energy: s?.inboundAudioEnergy ?? 0,
      };
    },
  };
}

/** `a` calls `b`, `b` answers, both connected: returns the call id on each side. */
export async function connectCall(a: Widget, b: Widget): Promise<{ ac: string; bc: string }> {
  const dialled = await a.phone.dial(b.user);
  if (!dialled.ok) throw new Error(dialled.error.message);
  const offer = await b.call('ringing-in');
  await b.phone.answer(offer.callId);
  await waitFor(
    () => a.phone.state.calls.find((c) => c.callId === dialled.value.callId)?.state === 'connected',
    {
      what: () => `${a.user}'s call to ${b.user} to connect`,
    },
  );
  return { ac: dialled.value.callId, bc: offer.callId };
}

export async function waitRegistered(w: Widget, timeout = 10_000): Promise<void> {
  await waitFor(() => w.phone.state.registration.state === 'registered', {
    timeout,
    what: () => `${w.user} registered (is ${JSON.stringify(w.phone.state.registration)})`,
  });
}

/** Waits until the call's inbound audio bytes grow by `min` (audio really flows). */
export async function waitForWidgetAudio(
  w: Widget,
  callId: string,
  min = 2_000,
  timeout = 10_000,
): Promise<void> {
  const start = (await w.bytes(callId)).inbound;
  await waitFor(async () => (await w.bytes(callId)).inbound - start >= min, {
    timeout,
    what: () => `${w.user} to receive audio on ${callId}`,
  });
}

/** Inbound audio bytes of `callId` received during `ms`. */
async function inboundOver(w: Widget, callId: string, ms: number): Promise<number> {
  const a = (await w.bytes(callId)).inbound;
  await new Promise((r) => setTimeout(r, ms));
  return (await w.bytes(callId)).inbound - a;
}

/**
 * True if the call's inbound audio goes flat (packets in flight after a re-INVITE may still land:
 * up to 5 s is allowed for that) and then stays flat for `ms`, with a small tolerance. "Nothing
 * arrives" can only be observed over a bounded window; `ms` is 20 audio packets' worth at 50/s.
 */
export async function audioStaysFlat(w: Widget, callId: string, ms = 1_000): Promise<boolean> {
  const flat = await waitFor(async () => (await inboundOver(w, callId, 200)) < 40, {
    timeout: 5_000,
    what: 'audio to stop',
  }).then(
    () => true,
    () => false,
  );
  return flat && (await inboundOver(w, callId, ms)) < 200;
}

/** How much audio energy `w` hears on `callId` during `ms` (0 when the far end is silent or muted). */
export async function energyOver(w: Widget, callId: string, ms = 1_500): Promise<number> {
  const a = (await w.bytes(callId)).energy;
  await new Promise((r) => setTimeout(r, ms));
  return (await w.bytes(callId)).energy - a;
}

/** The last ended call of a widget (newest first), once it exists. */
export function lastEnded(w: Widget, callId: string, timeout = 10_000): Promise<CallView> {
  return waitFor(() => w.phone.state.recent.find((c) => c.callId === callId), {
    timeout,
    what: () => `${w.user}'s call ${callId} to end`,
  });
}

export function shadow(w: Widget): ShadowRoot {
  const root = w.el.shadowRoot;
  if (!root) throw new Error('no shadow root');
  return root;
}

/** Removes every widget (their phones unregister and close their connections). */
export async function unmountWidgets(): Promise<void> {
  const phones = [...mounted].map((el) => el.phone as Phone | undefined);
  for (const el of mounted) el.remove();
  mounted.clear();
  await Promise.all(phones.map((p) => p?.stop()));
}
