import type { Core, UserAgentOptions } from 'sip.js';
import { excerpt, responseTo } from './sip-frame.ts';
import { checkIncoming } from './sip-sanity.ts';

export type TransportConstructor = NonNullable<UserAgentOptions['transportConstructor']>;
type MessageHandler = (message: string) => void;

const noop = () => undefined;
const randomTag = () => crypto.randomUUID().replace(/-/g, '').slice(0, 16);

/**
 * `Base` (sip.js's WebSocket transport, or a test's scripted one) with a sanity check between the
 * socket and sip.js. The UserAgent installs its `onMessage` on the transport; this subclass keeps
 * that handler and gives the transport a guarded one instead, which for every message:
 *  - passes it to sip.js if `checkIncoming` finds nothing wrong;
 *  - else answers a malformed request itself (400/416/505, stateless, a To tag added) or drops
 *    it (a malformed response or ACK), and reports it through `report`;
 *  - swallows anything sip.js throws while handling it (a throw out of the WebSocket's message
 *    handler would reach the host page as an uncaught error), and reports that too.
 * `report` gets bounded text with no raw header values beyond a short printable excerpt.
 */
export function saneTransport(
  Base: TransportConstructor,
  report: (message: string) => void,
): TransportConstructor {
  return class SaneTransport extends Base {
    constructor(logger: Core.Logger, options: unknown) {
      super(logger, options);
      let handler: MessageHandler | undefined;
      const guarded: MessageHandler = (text) => {
        if (handler) screen(text, handler, (reply) => this.send(reply), report);
      };
      // An accessor on the instance: it wins over a field or accessor of the base class.
      Object.defineProperty(this, 'onMessage', {
        configurable: true,
        enumerable: true,
        get: () => (handler ? guarded : undefined),
        set: (next: MessageHandler | undefined) => {
          handler = next;
        },
      });
    }
  };
}

function screen(
  text: string,
  handler: MessageHandler,
  send: (reply: string) => Promise<void>,
  report: (message: string) => void,
): void {
  if (typeof text !== 'string' || text.trim() === '') return; // a keep-alive, or nothing at all
  let verdict: ReturnType<typeof checkIncoming>;
  try {
    verdict = checkIncoming(text);
  } catch (e) {
    verdict = { kind: 'drop', problem: `the sanity check failed: ${describe(e)}` };
  }
  if (verdict.kind === 'reply') {
    try {
      send(responseTo(verdict.frame, verdict.status, verdict.reason, randomTag())).catch(noop);
    } catch {
      // not connected any more: nothing to answer on
    }
  }
  if (verdict.kind !== 'ok') {
    report(capitalise(verdict.problem));
    return;
  }
  try {
    handler(text);
  } catch (e) {
    report(`sip.js failed on an incoming ${kindOf(text)}: ${describe(e)}`);
  }
}

function kindOf(text: string): string {
  const method = /^([A-Z]{1,16}) /.exec(text)?.[1];
  return method ? `${method} request` : text.startsWith('SIP/2.0 ') ? 'response' : 'message';
}

const describe = (e: unknown) => excerpt(e instanceof Error ? e.message : String(e), 120);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
