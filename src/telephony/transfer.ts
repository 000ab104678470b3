import type { URI } from 'sip.js';
import type { EventDraft } from '../core/events.ts';
import { err, ok } from '../core/result.ts';
import type { CallSession } from './call-session.ts';
import type { TelephonyResult } from './telephony.ts';

/** How long to wait for the final NOTIFY after the REFER was accepted before hanging up anyway. */
const NOTIFY_WAIT_MS = 10_000;

/**
 * Blind transfer (RFC 3515): REFER the far end to `target`, then follow the NOTIFY sipfrag.
 * A 2xx in the sipfrag (or no final NOTIFY in time after 202) completes the transfer and we hang
 * up; a REFER rejection or a failed sipfrag leaves the call with us.
 */
export async function startTransfer(
  call: CallSession,
  target: URI,
  emit: (draft: EventDraft) => void,
): Promise<TelephonyResult> {
  const base = { type: 'transfer', callId: call.callId, target: target.toString(), kind: 'blind' } as const;
  emit({ ...base, phase: 'requested' });
  let settled = false;
  const timer: { id?: ReturnType<typeof setTimeout> } = {};
  const settle = (completed: boolean) => {
    if (settled || call.isOver) return;
    settled = true;
    clearTimeout(timer.id);
    emit({ ...base, phase: completed ? 'completed' : 'failed' });
    if (completed) {
      call.markEnding('transferred');
      void call.session.bye().catch(() => undefined);
    }
  };
  const accepted = await new Promise<boolean>((resolve) => {
    call.session
      .refer(target, {
        requestDelegate: { onAccept: () => resolve(true), onReject: () => resolve(false) },
        onNotify: (notification) => {
          void notification.accept().catch(() => undefined);
          const status = /^SIP\/2\.0 (\d{3})/.exec(notification.request.body)?.[1];
          if (status && Number(status) >= 200) settle(Number(status) < 300);
        },
      })
      .catch(() => resolve(false));
  });
  if (!accepted) {
    settle(false);
    return err({ code: 'sip-error', message: 'The transfer was refused', callId: call.callId });
  }
  if (!settled) {
    timer.id = setTimeout(() => settle(true), NOTIFY_WAIT_MS);
    call.onEnd(() => clearTimeout(timer.id));
  }
  return ok(undefined);
}
