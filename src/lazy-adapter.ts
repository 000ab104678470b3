import type { PhoneEvent } from './core/events.ts';
import type { PhoneState } from './core/phone-state.ts';
import type { AdapterPort, PhoneAdapter } from './phone.ts';

/**
 * An adapter whose code loads when the phone is built, not with the page: what it would have
 * heard meanwhile is kept, in order, and replayed to it first (an offer that rang while its
 * chunk was on the way is still looked up). Events arriving during the replay wait their turn.
 * Loading fails: one `error` event (`code`) says so; the phone works on without it.
 */
export function lazyAdapter(load: () => Promise<PhoneAdapter>, code: string): PhoneAdapter {
  return (port) => {
    let held: [PhoneState, PhoneEvent][] | undefined = [];
    const hold = port.subscribe((s, e) => void held?.push([s, e]));
    let dispose: (() => void) | undefined;
    let gone = false;
    load().then(
      (adapter) => {
        if (gone) return;
        const past = held ?? [];
        held = undefined;
        hold();
        dispose = adapter(replaying(port, past));
      },
      (e: unknown) => {
        held = undefined;
        hold();
        if (!gone)
          port.publish({ type: 'error', code, message: `could not load: ${String(e)}`.slice(0, 300) });
      },
    );
    return () => {
      gone = true;
      held = undefined;
      hold();
      dispose?.();
    };
  };
}

/** `port`, whose first subscriber is told `past` before anything new. */
function replaying(port: AdapterPort, past: readonly [PhoneState, PhoneEvent][]): AdapterPort {
  let replay = past;
  return {
    publish: (d) => port.publish(d),
    get state() {
      return port.state;
    },
    subscribe(listener) {
      const pending: [PhoneState, PhoneEvent][] = [];
      let caughtUp = false;
      const off = port.subscribe((s, e) => (caughtUp ? listener(s, e) : void pending.push([s, e])));
      const backlog = replay;
      replay = [];
      for (const [s, e] of backlog) listener(s, e);
      for (let next = pending.shift(); next; next = pending.shift()) listener(...next);
      caughtUp = true;
      return off;
    },
  };
}
