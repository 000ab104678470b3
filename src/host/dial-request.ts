import type { ClickToCallConfig } from '../config.ts';
import type { ClickToCallHost } from './click-to-call.ts';
import { dialTarget } from './dial-target.ts';
import type { DialRequest } from './event-map.ts';

/**
 * The second half of a click that click-to-call.ts handled, loaded with the parser on the first
 * click (the script tag's critical path carries neither): the clicked value is parsed, offered
 * to the host as a cancelable `cti-request-dial` (a listener may rewrite `detail.number`, or call
 * preventDefault() to take over), then given to the widget, which dials it through the command
 * path or asks first. What cannot be dialled is shown in the widget.
 */
export function requestDial(host: ClickToCallHost, config: ClickToCallConfig, raw: string): void {
  const parsed = dialTarget(raw, config);
  if (!parsed.ok) return host.showDialError(raw, parsed.error.message);
  const detail: DialRequest = { number: parsed.value, source: 'click' };
  const request = new CustomEvent('cti-request-dial', {
    detail,
    bubbles: true,
    composed: true,
    cancelable: true,
  });
  if (!host.dispatchEvent(request)) return;
  // Hosts without TypeScript may set anything: a string is dialled as set (the command path checks it).
  const number: unknown = detail.number;
  if (typeof number !== 'string') return host.showDialError(parsed.value, 'The page gave no number to dial');
  host.offerDial(number.trim(), config.confirm);
}
