import type { URI } from 'sip.js';
import type { EventDraft } from '../core/events.ts';
import { err, ok } from '../core/result.ts';
import type { CallSession } from './call-session.ts';
import { deadline } from './deadline.ts';
import type { TelephonyResult } from './telephony.ts';

/**
 * Blind transfer (RFC 3515): REFER the far end to `target`, then follow the NOTIFY sipfrag.
 * A 2xx in the sipfrag (or no final NOTIFY within `notifyWaitMs` after 202) completes the
 * transfer and we hang up; a REFER rejection or a failed sipfrag leaves the call with us.
 * Both waits end at once when the call ends or the phone stops.
 */
export async function startTransfer(
  call: CallSession,
  target: URI,
  emit: (draft: EventDraft) => void,
  /** Call-data header lines for the REFER (already encoded, never raw). */
  extraHeaders: string[] = [],
): Promise<TelephonyResult> {
  const base = { type: 'transfer', callId: call.callId, target: target.toString(), kind: 'blind' } as const;
  if (!(await call.acknowledged())) {
    return err({
      code: 'sip-error',
      message: 'The caller never confirmed the call (no ACK)',
      callId: call.callId,
    });
  }
  emit({ ...base, phase: 'requested' });
  let settled = false;
  const settle = (completed: boolean) => {
    if (settled || call.isOver || call.signal.aborted) return;
    settled = true;
    emit({ ...base, phase: completed ? 'completed' : 'failed' });
    if (completed) {
      call.markEnding('transferred');
      void call.session.bye().catch(() => undefined);
    }
  };
  // A final NOTIFY may come before or after we see the 202: whichever happens, it settles.
  let onFinalNotify: (completed: boolean) => void = settle;
  const accepted = await deadline(Infinity, false, call.signal, (answer) => {
    call.session
      .refer(target, {
        ...(extraHeaders.length > 0 ? { requestOptions: { extraHeaders } } : {}),
        requestDelegate: { onAccept: () => answer(true), onReject: () => answer(false) },
        onNotify: (notification) => {
          void notification.accept().catch(() => undefined);
          const status = /^SIP\/2\.0 (\d{3})/.exec(notification.request.body)?.[1];
          if (status && Number(status) >= 200) onFinalNotify(Number(status) < 300);
        },
      })
      .catch(() => answer(false));
  });
  if (!accepted) {
    settle(false);
    return err({ code: 'sip-error', message: 'The transfer was refused', callId: call.callId });
  }
  if (!settled) {
    void deadline(call.timings.notifyWaitMs, true, call.signal, (answer) => (onFinalNotify = answer)).then(
      settle,
    );
  }
  return ok(undefined);
}
