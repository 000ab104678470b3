import type { Session } from 'sip.js';
import { deadline } from './deadline.ts';

/**
 * DTMF as SIP INFO (application/dtmf-relay), one digit at a time, each waiting for its answer:
 * `Session.info()` resolves when the request is sent, not when it is answered. No bound of our
 * own (sip.js answers an unanswered INFO with a 408 after Timer F); `signal` ends the wait.
 */
export async function sendInfoDtmf(session: Session, digits: string, signal: AbortSignal): Promise<boolean> {
  for (const digit of digits) {
    const ok = await deadline(Infinity, false, signal, (answer) => {
      session
        .info({
          requestDelegate: { onAccept: () => answer(true), onReject: () => answer(false) },
          requestOptions: {
            body: {
              contentDisposition: 'render',
              contentType: 'application/dtmf-relay',
              content: `Signal=${digit}\r\nDuration=160\r\n`,
            },
          },
        })
        .catch(() => answer(false));
    });
    if (!ok) return false;
  }
  return true;
}
