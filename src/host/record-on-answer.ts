import { mergeCallData } from '../core/call-data-view.ts';
import type { EventDraft } from '../core/events.ts';
import type { PhoneListener } from '../core/phone-core.ts';
import type { PhoneState } from '../core/phone-state.ts';

export interface RecordPort {
  subscribe(listener: PhoneListener): () => void;
  publish(draft: EventDraft): void;
}

/** Opens (or focuses) a URL in the CRM's tab; false when the browser blocked it. */
export type WindowOpener = (url: string) => boolean;

/** One named tab for every screen pop: the next call's record replaces the last, no tab pile-up. */
export const SCREEN_POP_TARGET = 'cti-screen-pop';

export function browserWindowOpener(target = SCREEN_POP_TARGET): WindowOpener {
  return (url) => {
    const opened = window.open(url, target);
    if (!opened) return false;
    try {
      // The CRM tab must not be able to navigate the agent's page (reverse tabnabbing). A reused
      // tab may already be cross-origin, where this throws: it was cut loose when first opened.
      opened.opener = null;
    } catch {
      // already cut loose
    }
    opened.focus();
    return true;
  };
}

const recordUrl = (state: PhoneState, callId: string): string | undefined =>
  mergeCallData(state.calls.find((c) => c.callId === callId)?.callData).record?.url;

/**
 * `crm.openOnAnswer`: when the agent answers an incoming call, the caller's record (the CRM hook's
 * link, else the screen-pop URL) opens in the CRM's tab, once per call. If the CRM is still
 * looking the caller up, it opens when the record arrives. A blocked pop-up is an `error` event;
 * the link stays in the call's data either way.
 */
export function openRecordOnAnswer(port: RecordPort, open: WindowOpener): () => void {
  const answered = new Set<string>();
  return port.subscribe((state, event) => {
    if (event.type === 'connect') {
      if (state.calls.find((c) => c.callId === event.callId)?.direction === 'inbound')
        answered.add(event.callId);
    } else if (event.type === 'disconnect' || event.type === 'fail') {
      answered.delete(event.callId);
      return;
    } else if (event.type !== 'calldata') return;
    if (!answered.has(event.callId)) return;
    const url = recordUrl(state, event.callId);
    if (url === undefined) return;
    answered.delete(event.callId);
    if (!open(url))
      port.publish({
        type: 'error',
        code: 'screen-pop-blocked',
        message: 'the browser blocked opening the CRM record: allow pop-ups for this page, or use the link',
        callId: event.callId,
      });
  });
}
