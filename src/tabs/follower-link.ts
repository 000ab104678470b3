import type { PhoneEvent } from '../core/events.ts';
import type { TabChannel } from './channel.ts';
import type { RequestBody } from './messages.ts';
import { PendingRequests, type Answer } from './requests.ts';

/** Live events held while the first snapshot is awaited (a leader always sends one first). */
const HELD_MAX = 5000;

export interface FollowerDeps {
  /** The phone's door for events stamped elsewhere (refusals, e.g. a stale event, are expected). */
  readonly ingest: (event: PhoneEvent) => void;
  /** The journal's status may read differently (the leader said so). */
  readonly journalChanged: () => void;
  readonly signal: AbortSignal;
  readonly timeoutMs?: number;
}

/**
 * A follower's side of the channel: it says hello, rebuilds the leader's state from the
 * snapshot it gets back, then takes in each event the leader sends (only the leader's: the tab
 * that announced itself or sent the snapshot), in order; its requests
 * (commands, history, status…) go to the leader and wait for the reply. Live events that come
 * before the first snapshot wait for it: taken first, they would make the snapshot's older
 * events stale. Stays attached while the tab is leader (it then hears no events: the channel
 * does not echo) and is dropped with the tab's signal.
 */
export class FollowerLink {
  readonly #pending: PendingRequests;
  #held: { readonly from: string; readonly event: PhoneEvent }[] | undefined = [];
  /** The tab whose events are taken: the last one that announced itself or sent a snapshot. */
  #leader: string | undefined;
  /** Events from a tab that is not the leader (an old version, a confused tab): not taken. */
  ignored = 0;
  #synced: () => void = () => undefined;
  /** Resolves once the leader answered this tab's hello: the state is the leader's. */
  readonly synced = new Promise<void>((r) => (this.#synced = r));

  constructor(
    private readonly channel: TabChannel,
    private readonly deps: FollowerDeps,
  ) {
    this.#pending = new PendingRequests(deps.signal, deps.timeoutMs);
    const offs = [
      channel.on('event', (m) => this.#event(m.from, m.event)),
      channel.on('snapshot', (m) => this.#snapshot(m.from, m.events, m.to === channel.tab)),
      channel.on('reply', (m) => this.#pending.answer(m.id, m.body)),
      channel.on('leader', (m) => ((this.#leader = m.from), this.#pending.failAll('leader-changed'))),
      channel.on('journal-changed', () => deps.journalChanged()),
    ];
    deps.signal.addEventListener('abort', () => offs.forEach((off) => off()), { once: true });
  }

  /** Asks the leader for a snapshot (sent once at start; the leader answers only this tab). */
  hello(): void {
    this.channel.send({ kind: 'hello' });
  }

  /** Sends `body` to the leader; resolves with its reply or why none came. */
  request<B extends RequestBody>(body: B): Promise<Answer<B>> {
    const id = crypto.randomUUID();
    const answer = this.#pending.wait(id, body);
    this.channel.send({ kind: 'request', id, body });
    return answer;
  }

  /** This tab became the leader: nobody is left to answer what it asked. */
  promoted(): void {
    this.#pending.failAll('leader-changed');
    this.#leader = this.channel.tab;
    this.#held = undefined;
    this.#synced();
  }

  #event(from: string, event: PhoneEvent): void {
    if (this.#held) {
      this.#held.push({ from, event });
      if (this.#held.length > HELD_MAX) this.#held.shift();
      return;
    }
    if (from === this.#leader) this.deps.ingest(event);
    else this.ignored++;
  }

  /** `answer`: the reply to this tab's hello (a leader's announcement to all is not one). */
  #snapshot(from: string, events: readonly PhoneEvent[], answer: boolean): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    this.#leader = from;
    for (const e of events) this.deps.ingest(e);
    for (const h of held) this.#event(h.from, h.event);
    if (answer) this.#synced();
  }
}
