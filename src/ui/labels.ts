import type { CallState } from '../core/call-machine.ts';
import type { Party } from '../core/events.ts';
import type { PhoneState } from '../core/phone-state.ts';

/** What each call state is called on screen. */
export const callStateLabels: Readonly<Record<CallState, string>> = {
  idle: 'Idle',
  dialing: 'Dialing…',
  'ringing-out': 'Ringing…',
  'ringing-in': 'Incoming call',
  connected: 'Connected',
  held: 'On hold',
  transferring: 'Transferring…',
  ended: 'Ended',
};

/** "Alice (1001)", or just the number when there is no display name. */
export function partyLabel(party: Party): string {
  const name = party.displayName?.trim();
  return name ? `${name} (${party.number})` : party.number;
}

/** The sentence a screen reader announces when a call rings in. */
export function incomingAnnouncement(party: Party): string {
  const name = party.displayName?.trim();
  return name ? `Incoming call from ${name} ${party.number}` : `Incoming call from ${party.number}`;
}

/** m:ss below an hour, h:mm:ss above; never negative (clocks of two machines may disagree). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export type StatusTone = 'ok' | 'busy' | 'error' | 'off';
export interface StatusView {
  readonly tone: StatusTone;
  readonly text: string;
}

/** One line of text for the registration and transport state; the transport wins when it is down. */
export function statusView(state: PhoneState | undefined): StatusView {
  if (!state) return { tone: 'off', text: 'Not configured' };
  const { registration: reg, transport } = state;
  if (transport.state === 'disconnected' && transport.retryInMs !== undefined) {
    const seconds = Math.max(1, Math.round(transport.retryInMs / 1000));
    return { tone: 'busy', text: `Connection lost, reconnecting in ${seconds} s` };
  }
  if (transport.state === 'connecting' && reg.state !== 'registered')
    return { tone: 'busy', text: 'Connecting…' };
  switch (reg.state) {
    case 'registered':
      return { tone: 'ok', text: 'Registered' };
    case 'registering':
      return { tone: 'busy', text: 'Registering…' };
    case 'failed':
      return {
        tone: 'error',
        text: reg.reason ? `Registration failed: ${reg.reason}` : 'Registration failed',
      };
    case 'unregistered':
      return { tone: 'off', text: 'Not registered' };
  }
}
