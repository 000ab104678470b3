import type { PhoneCommand } from '../core/commands.ts';
import type { CommandResult } from '../core/phone-core.ts';
import type { PhoneState } from '../core/phone-state.ts';
import { frameOutgoingSchema, type FrameOutgoing, type FrameResponse } from './frame-messages.ts';
import {
  parseParentMessage,
  type FrameAck,
  type FrameError,
  type FrameRequest,
  type RequestId,
} from './frame-protocol.ts';
import { requestCommand, snapshotResponse } from './frame-requests.ts';

/** What the bridge needs of a phone: its state (snapshot, which call) and its command path. */
export interface FramePhone {
  readonly state: PhoneState;
  /** Runs through the phone's gates, so a `cti-command-request` listener can veto it. */
  execute(command: PhoneCommand): Promise<CommandResult<{ readonly callId?: string }>>;
}

export interface FrameCredentials {
  readonly username: string;
  readonly password: string;
}

export interface FrameBridgeOptions {
  /** Exact origins (`https://crm.example.com`) whose messages are heard; anything else is ignored. */
  readonly allowedOrigins: readonly string[];
  /** This phone's extension (the AOR's user part). */
  readonly extension: string;
  /** The phone, once there is one (the framed page mounts it when the parent sends credentials). */
  readonly phone: () => FramePhone | undefined;
  /** The parent's SIP credentials; an error answered is the request's failure (e.g. a bad config). */
  readonly onCredentials?: (credentials: FrameCredentials, origin: string) => FrameError | undefined;
  /** The parent (re)subscribed to events: the journal sink sends what is unacknowledged. */
  readonly onSubscribe?: (origin: string) => void;
  readonly onAck?: (ack: FrameAck, origin: string) => void;
  /** The window the bridge listens in (default: this page's). */
  readonly window?: Window;
  /** How a message reaches the parent (default: `parent.postMessage(message, origin)`); tests record it. */
  readonly post?: (message: FrameOutgoing, targetOrigin: string) => void;
}

export interface FrameBridge {
  /** The parent's exact origin, from its first accepted message. */
  readonly parentOrigin: string | undefined;
  readonly subscribed: boolean;
  /** Checks `message` against the schema and posts it to the parent's exact origin; false if not posted. */
  post(message: FrameOutgoing): boolean;
  stop(): void;
}

const failure = (id: RequestId | null, error: string, message: string): FrameResponse => ({
  v: 1,
  msgtype: 'response',
  id,
  result: 'failure',
  error: error.slice(0, 64) || 'internal',
  message: message.slice(0, 300),
});
const callOf = (c: PhoneCommand): string | undefined => ('callId' in c ? c.callId : undefined);
const success = (id: RequestId, extra: { callid?: string } = {}): FrameResponse => ({
  v: 1,
  msgtype: 'response',
  id,
  result: 'success',
  error: '',
  ...(extra.callid ? { callid: extra.callid, ucid: extra.callid } : {}),
});

/**
 * The postMessage bridge of a framed phone (seed 003's JSON over postMessage). It hears only
 * messages from `window.parent` whose origin is on the allow-list (the first one it accepts is
 * the parent's, for good), answers every request with one response, and posts only to that
 * exact origin, never '*'. Commands run through the phone, so the host's veto applies.
 * It never throws into the page: a message it cannot read is answered `failure` with a code.
 */
export function installFrameBridge(o: FrameBridgeOptions): FrameBridge {
  const win = o.window ?? window;
  // An opaque origin ("null": a sandboxed or data: page) is anyone's: never allowed, even if listed.
  const allowed = new Set(o.allowedOrigins.filter((origin) => origin !== 'null'));
  const send = o.post ?? ((m: FrameOutgoing, origin: string) => win.parent.postMessage(m, origin));
  let parentOrigin: string | undefined;
  let subscribed = false;

  const postTo = (message: FrameOutgoing, origin: string): boolean => {
    const checked = frameOutgoingSchema.safeParse(message);
    if (!checked.success) {
      console.warn('cti-softphone: a frame message did not match its schema', checked.error.issues);
      return false;
    }
    try {
      send(checked.data, origin);
      return true;
    } catch (e) {
      console.warn('cti-softphone: postMessage to the parent failed', e);
      return false;
    }
  };

  async function answer(req: FrameRequest, origin: string): Promise<FrameResponse> {
    if (req.extension !== undefined && req.extension !== o.extension)
      return failure(req.id, 'wrong-extension', `this phone is extension ${o.extension}`);
    switch (req.request) {
      case 'subscribe':
        subscribed = true;
        o.onSubscribe?.(origin);
        return success(req.id);
      case 'credentials': {
        const refused = o.onCredentials?.({ username: req.username, password: req.password }, origin);
        return refused ? failure(req.id, refused.code, refused.message) : success(req.id);
      }
      case 'snapshot':
        return snapshotResponse(req.id, o.extension, o.phone()?.state);
      case 'setstate':
        return failure(req.id, 'not-supported', 'agent state is not available on this phone yet');
      default: {
        const phone = o.phone();
        if (!phone) return failure(req.id, 'not-ready', 'the phone has no credentials yet');
        const command = requestCommand(phone.state, req);
        if (!command.ok) return failure(req.id, command.error.code, command.error.message);
        const result = await phone.execute(command.value);
        // Seed 003 answers makecall and answer with the call's id: every call request does here.
        const callid = result.ok ? (result.value.callId ?? callOf(command.value)) : undefined;
        return result.ok
          ? success(req.id, callid ? { callid } : {})
          : failure(req.id, result.error.code, result.error.message);
      }
    }
  }

  async function handle(data: unknown, origin: string): Promise<void> {
    const parsed = parseParentMessage(data);
    if (!parsed.ok) {
      postTo(failure(parsed.error.id, parsed.error.code, parsed.error.message), origin);
      return;
    }
    if (parsed.value.kind === 'ack') {
      o.onAck?.(parsed.value.ack, origin);
      return;
    }
    const request = parsed.value.request;
    const response = await answer(request, origin).catch((e: unknown) =>
      failure(request.id, 'internal', e instanceof Error ? e.message : 'the request failed'),
    );
    if (!postTo(response, origin))
      postTo(failure(request.id, 'internal', 'the response was invalid'), origin);
  }

  const onMessage = (e: MessageEvent<unknown>) => {
    if (win.parent === win || e.source !== win.parent) return;
    if (!allowed.has(e.origin) || (parentOrigin !== undefined && e.origin !== parentOrigin)) return;
    parentOrigin ??= e.origin;
    handle(e.data, e.origin).catch((err: unknown) => console.warn('cti-softphone: frame bridge', err));
  };
  win.addEventListener('message', onMessage);

  // Say hello. The parent's origin is not known yet: where the browser tells it (ancestorOrigins),
  // only to that one; else to each allowed origin (the browser delivers only to the one it is).
  if (win.parent !== win) {
    const ancestor = win.location.ancestorOrigins?.[0];
    const to = ancestor !== undefined ? (allowed.has(ancestor) ? [ancestor] : []) : [...allowed];
    for (const origin of to) postTo({ v: 1, msgtype: 'ready', extension: o.extension }, origin);
  }

  return {
    get parentOrigin() {
      return parentOrigin;
    },
    get subscribed() {
      return subscribed;
    },
    post: (message) => parentOrigin !== undefined && postTo(message, parentOrigin),
    stop: () => win.removeEventListener('message', onMessage),
  };
}
