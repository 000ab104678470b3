// demo/frame.html: the phone as a page to be framed by a CRM (README, "In an iframe (postMessage)").
// Its settings come from three places, each for what it may carry:
//   - the query: the SIP server and AOR (nothing secret: `?server=wss://…&aor=sip:1001@…`);
//   - the page itself (#cti-frame-config, written by whoever deploys it): the parent origins
//     allowed to drive the phone. Never the query: whoever frames the page writes the query;
//   - postMessage from the allowed parent: the SIP credentials, held in memory only.
// The phone is mounted once the parent sends credentials; its journal delivers to the parent
// (a frame sink), which acknowledges events by id, so a parent that reloads loses nothing.
import { z } from 'zod/mini';
import '../src/define.ts';
import { frameConfigSchema, parsePhoneConfig, type PhoneConfigInput } from '../src/config.ts';
import type { CtiSoftphone } from '../src/element.ts';
import type { CallParties } from '../src/host/frame-events.ts';
import { installFrameBridge, type FrameCredentials } from '../src/host/frame-bridge.ts';
import type { FrameError } from '../src/host/frame-protocol.ts';
import { frameSink, type FrameSink } from '../src/host/frame-sink.ts';
import type { PhoneApi } from '../src/phone-api.ts';

const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const querySchema = z.object({
  server: text(2048),
  aor: text(512),
  displayName: z.optional(text(128)),
  /** The journal's IndexedDB name (default: the phone's own). */
  journal: z.optional(text(128)),
  /** How long the parent has to acknowledge a batch of events (ms). */
  ackTimeoutMs: z.optional(z.coerce.number().check(z.int(), z.gte(100), z.lte(60_000))),
});

const note = (message: string) => {
  const p = document.getElementById('note');
  if (p) p.textContent = message;
};

/** The allow-list the deployment wrote into the page; the page's own origin is always on it. */
function allowedOrigins(): string[] {
  const script = document.getElementById('cti-frame-config');
  let parsed: unknown;
  try {
    parsed = JSON.parse(script?.textContent ?? '{}');
  } catch {
    parsed = undefined;
  }
  const config = frameConfigSchema.safeParse(parsed);
  if (!config.success) console.warn('frame.html: #cti-frame-config is invalid; only this origin is allowed');
  return [...new Set([...(config.success ? config.data.allowedOrigins : []), location.origin])];
}

/** Whom a call is with, for events whose call this page's sink has not seen begin. */
async function partiesIn(phone: PhoneApi | undefined, callId: string): Promise<CallParties | undefined> {
  const live = [...(phone?.state.calls ?? []), ...(phone?.state.recent ?? [])].find(
    (c) => c.callId === callId,
  );
  if (live) return { direction: live.direction, remote: live.remote.number };
  const past = (await phone?.history?.(100))?.find((r) => r.callId === callId);
  return past && { direction: past.direction, remote: past.number };
}

function main(): void {
  const query = querySchema.safeParse(Object.fromEntries(new URLSearchParams(location.search)));
  if (!query.success) return note('This page needs ?server=ws(s)://…&aor=sip:user@domain in its URL.');
  if (window.parent === window) return note('Open this page in an iframe (see demo/iframe-demo.html).');
  const { server, aor, displayName, journal, ackTimeoutMs } = query.data;
  const extension = aor.replace(/^sips?:/, '').split('@')[0] ?? '';
  const origins = allowedOrigins();
  let credentials: FrameCredentials | undefined;
  let el: CtiSoftphone | undefined;
  let sink: FrameSink | undefined;

  const mount = (origin: string): FrameError | undefined => {
    sink = frameSink({
      parentOrigin: origin,
      extension,
      post: (event) => bridge.post(event),
      subscribed: bridge.subscribed,
      lookupCall: (callId) => partiesIn(el?.phone, callId),
      ...(ackTimeoutMs !== undefined ? { ackTimeoutMs } : {}),
    });
    const config: PhoneConfigInput = {
      server,
      aor,
      // Read before each REGISTER: the parent may send fresh credentials at any time.
      credentials: async () => credentials ?? { username: '', password: '' },
      ...(displayName !== undefined ? { displayName } : {}),
      journal: { ...(journal !== undefined ? { name: journal } : {}), sinks: [sink] },
      frame: { allowedOrigins: origins },
      // Each framing CRM page is owed its own events (its parent is its journal sink): one phone
      // across tabs would deliver only to the leader frame's parent and leave the others silent.
      tabs: { enabled: false },
    };
    const valid = parsePhoneConfig(config);
    if (!valid.ok) return { code: 'invalid-config', message: valid.error.issues.join('; ') };
    el = document.createElement('cti-softphone');
    el.notifications = 'off'; // a framed page cannot ask for notifications; the parent can
    el.config = config;
    document.getElementById('slot')?.replaceChildren(el);
    return undefined;
  };

  const bridge = installFrameBridge({
    allowedOrigins: origins,
    extension,
    phone: () => el?.phone,
    onCredentials: (given, origin) => {
      credentials = given;
      return el ? undefined : mount(origin);
    },
    onSubscribe: () => sink?.subscribe(),
    onAck: (ack) => sink?.acknowledge(ack),
  });
  note(`Waiting for the parent page (${origins.join(', ')}) to send credentials…`);
}

main();
