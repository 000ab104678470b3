import type { PhoneCommand } from '../core/commands.ts';
import { activeCall, type PhoneState } from '../core/phone-state.ts';

/** What a key press inside the widget asks for; `undefined` leaves the key alone. */
export type KeyAction =
  | { readonly type: 'command'; readonly command: PhoneCommand }
  | { readonly type: 'dial' }
  | { readonly type: 'transfer'; readonly callId: string }
  | { readonly type: 'close-transfer' }
  | undefined;

export interface KeyContext {
  readonly state: PhoneState;
  /** The element the key was pressed on, inside the shadow root (`composedPath()[0]`). */
  readonly origin: EventTarget | undefined;
  readonly transferFor: string | undefined;
}

const isInput = (origin: EventTarget | undefined, selector: string): boolean =>
  origin instanceof HTMLInputElement && origin.matches(selector);

/**
 * Enter: answers a ringing call from anywhere in the widget (a focused button keeps its own
 * activation), else dials from the number input or transfers from the transfer input.
 * Escape: rejects a ringing call, else closes an open transfer form, else hangs up the active call.
 */
export function keyAction(e: KeyboardEvent, ctx: KeyContext): KeyAction {
  if (e.defaultPrevented || e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return undefined;
  const ringing = ctx.state.calls.find((c) => c.state === 'ringing-in');
  if (e.key === 'Enter') {
    if (ctx.origin instanceof HTMLButtonElement) return undefined;
    if (ringing) return { type: 'command', command: { type: 'answer', callId: ringing.callId } };
    if (isInput(ctx.origin, '#number')) return { type: 'dial' };
    if (isInput(ctx.origin, '.transfer-input') && ctx.transferFor)
      return { type: 'transfer', callId: ctx.transferFor };
    return undefined;
  }
  if (e.key === 'Escape') {
    if (ringing) return { type: 'command', command: { type: 'reject', callId: ringing.callId } };
    if (isInput(ctx.origin, '.transfer-input')) return { type: 'close-transfer' };
    const active = activeCall(ctx.state);
    if (active) return { type: 'command', command: { type: 'hangup', callId: active.callId } };
  }
  return undefined;
}
