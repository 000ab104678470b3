import { mergeCallData } from '../core/call-data-view.ts';
import type { PhoneListener } from '../core/phone-core.ts';
import type { CallView, PhoneState } from '../core/phone-state.ts';

/** A desktop notification on screen: only closing it is ours to do. */
export interface ShownNotification {
  close(): void;
}

/** The browser parts this adapter owns (injectable, so the logic is testable without a desktop). */
export interface NotificationEnv {
  /** `unsupported` where there is no Notification API (an insecure page, an old browser). */
  permission(): NotificationPermission | 'unsupported';
  /** Asks the user; call only from a user gesture (a click), never at load. */
  requestPermission(): Promise<NotificationPermission | 'unsupported'>;
  hidden(): boolean;
  onVisibilityChange(listener: () => void): () => void;
  /** Shows one; `tag` replaces an earlier one with the same tag. Undefined if it cannot be shown. */
  show(
    title: string,
    options: { body: string; tag: string },
    onClick: () => void,
  ): ShownNotification | undefined;
}

export function browserNotificationEnv(): NotificationEnv {
  const api = typeof Notification === 'function' ? Notification : undefined;
  return {
    permission: () => api?.permission ?? 'unsupported',
    requestPermission: async () => (api ? api.requestPermission() : 'unsupported'),
    hidden: () => document.visibilityState === 'hidden',
    onVisibilityChange(listener) {
      document.addEventListener('visibilitychange', listener);
      return () => document.removeEventListener('visibilitychange', listener);
    },
    show(title, options, onClick) {
      if (!api || api.permission !== 'granted') return undefined;
      try {
        // Stays until answered, rejected or ended elsewhere: a ringing phone is not a toast.
        const n = new api(title, { ...options, requireInteraction: true });
        n.onclick = onClick;
        return n;
      } catch {
        return undefined; // e.g. Android Chrome, where only a service worker may show one
      }
    },
  };
}

// Notifications render plain text, but bidi overrides and controls could still disguise a number.
// eslint-disable-next-line no-control-regex -- matching controls is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const line = (s: string, max: number) => {
  const t = s.replace(INVISIBLE, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

/** Title and body: who is calling, and one line of what the call is about. */
export function notificationText(call: CallView): { title: string; body: string } {
  const data = mergeCallData(call.callData);
  const given = data.name?.trim() || call.remote.displayName?.trim();
  // Many networks signal the number as the display name too: say it once.
  const name = given === call.remote.number ? undefined : given;
  const first = data.fields[0];
  const about =
    first === undefined
      ? ''
      : `${first.key}: ${typeof first.value === 'string' ? first.value : JSON.stringify(first.value)}`;
  return {
    title: line(`Incoming call: ${name || call.remote.number}`, 120),
    body: line([name ? call.remote.number : '', about].filter(Boolean).join(' · '), 200),
  };
}

const ringingIn = (state: PhoneState, callId: string): CallView | undefined =>
  state.calls.find((c) => c.callId === callId && c.state === 'ringing-in');

/**
 * Desktop notifications for incoming calls while the page is hidden (the agent is in another tab
 * or app). Clicking one calls `activate` (focus the tab and the popup); it closes when the call is
 * answered, rejected or ends elsewhere, and when the page is shown again. Returns the disposer.
 */
export function connectCallNotifications(
  phone: { subscribe(listener: PhoneListener): () => void },
  env: NotificationEnv,
  activate: (callId: string) => void,
): () => void {
  const shown = new Map<string, ShownNotification>();
  const close = (callId: string) => {
    shown.get(callId)?.close();
    shown.delete(callId);
  };
  const show = (call: CallView) => {
    const { title, body } = notificationText(call);
    const n = env.show(title, { body, tag: `cti-call-${call.callId}` }, () => {
      close(call.callId);
      activate(call.callId);
    });
    if (n) shown.set(call.callId, n);
  };
  const unsubscribe = phone.subscribe((state, event) => {
    if (!('callId' in event) || event.callId === undefined) return;
    const call = ringingIn(state, event.callId);
    if (!call) return close(event.callId);
    // The CRM's answer (a name, a reason) updates the notification that is up; none pops late.
    if (event.type === 'offer' ? env.hidden() : event.type === 'calldata' && shown.has(call.callId))
      show(call);
  });
  const stopWatching = env.onVisibilityChange(() => {
    if (!env.hidden()) for (const callId of [...shown.keys()]) close(callId);
  });
  return () => {
    unsubscribe();
    stopWatching();
    for (const callId of [...shown.keys()]) close(callId);
  };
}
