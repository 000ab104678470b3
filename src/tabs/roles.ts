import type { PhoneEvent } from '../core/events.ts';
import { AttentionBoard } from './attention-board.ts';
import { browserSightingSource, type SightingSource } from './attention.ts';
import type { TabChannel } from './channel.ts';
import { FollowerLink } from './follower-link.ts';
import { electLeader, type Election, type TabLocks } from './leader.ts';
import { serveFollowers, type ServedPhone } from './leader-service.ts';
import { aliveTabs, holdPresence } from './presence.ts';
import { ReplayLog } from './replay-log.ts';

/** start() resolves by then even if no leader answered (one may be starting, or hung). */
const START_WAIT_MS = 5_000;

/** Resolves after `ms`, or at once when `signal` aborts (the timer is cleared). */
const settleAfter = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

export type TabRole = 'starting' | 'follower' | 'leader' | 'stopped';

/** What a host (the element) reads of a tabbed phone. */
export interface TabsView {
  readonly role: TabRole;
  /** The agent is looking at this tab, or looked at it last: the popup and the notification belong here. */
  readonly attention: boolean;
  /** Told when the role or the attention changed. */
  onChange(listener: () => void): () => void;
}

export interface TabRolesOptions {
  readonly aor: string;
  readonly channel: TabChannel;
  readonly locks: TabLocks;
  /** The phone's door for the leader's events. */
  readonly ingest: (event: PhoneEvent) => void;
  readonly journalChanged: () => void;
  /** The phone as the followers are served by it (while this tab leads). */
  readonly served: ServedPhone;
  /** This tab got the lock: end the inherited calls, attach the journal, register. */
  readonly lead: () => Promise<void>;
  /** The leader stops: hang up, unregister, write the journal (before the lock is let go). */
  readonly stopLeading: () => Promise<void>;
  readonly sightings?: SightingSource;
  readonly timeoutMs?: number;
}

/**
 * A tab's part in its agent's phone: present (a presence lock), seen (attention), in line for
 * the leader lock; a follower until it gets it, then the leader until it stops. One object per
 * phone; every listener, timer and lock ends with stop().
 */
export class TabRoles implements TabsView {
  readonly link: FollowerLink;
  readonly #life = new AbortController();
  readonly #log = new ReplayLog();
  readonly #listeners = new Set<() => void>();
  #role: TabRole = 'starting';
  #board: AttentionBoard | undefined;
  #election: Election | undefined;
  #serving: (() => void) | undefined;
  #started: Promise<void> | undefined;
  #stopping: Promise<void> | undefined;

  constructor(private readonly o: TabRolesOptions) {
    const signal = this.#life.signal;
    this.link = new FollowerLink(o.channel, {
      ingest: o.ingest,
      journalChanged: o.journalChanged,
      signal,
      ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    });
    const off = o.served.subscribe((_s, e) => this.#log.add(e));
    signal.addEventListener('abort', off, { once: true });
  }

  get role(): TabRole {
    return this.#role;
  }

  get attention(): boolean {
    return this.#board ? this.#board.mine : this.#role !== 'follower';
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Commands and questions go to the leader. */
  get following(): boolean {
    return this.#role === 'follower';
  }

  start(): Promise<void> {
    this.#started ??= this.#start();
    return this.#started;
  }

  async #start(): Promise<void> {
    const { aor, channel, locks } = this.o;
    const signal = this.#life.signal;
    this.#setRole('follower');
    await holdPresence(locks, aor, channel.tab, signal);
    if (signal.aborted) return;
    this.#board = new AttentionBoard(channel, {
      source: this.o.sightings ?? browserSightingSource(),
      now: () => Date.now(),
      alive: () => aliveTabs(locks, aor),
      signal,
    });
    this.#board.onChange(() => this.#changed());
    if (typeof window !== 'undefined')
      window.addEventListener('pagehide', () => channel.send({ kind: 'bye' }), { signal });
    this.link.hello();
    this.#election = electLeader(aor, locks);
    const led = this.#election.elected.then(() => this.#promote());
    await Promise.race([led, this.link.synced, settleAfter(START_WAIT_MS, signal)]);
  }

  async #promote(): Promise<void> {
    if (this.#role !== 'follower' || this.#life.signal.aborted) return; // stopped while in line
    this.link.promoted();
    this.#setRole('leader');
    this.#serving = serveFollowers(this.o.channel, this.o.served, this.#log, () => this.#role === 'stopped');
    this.#board?.lead();
    try {
      await this.o.lead();
    } catch (e) {
      console.error('cti-softphone tabs: the leader could not start', e);
    }
  }

  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      const leading = this.#role === 'leader';
      this.#setRole('stopped');
      await this.#election?.resign(leading ? this.o.stopLeading : undefined).catch(() => undefined);
      this.o.channel.send({ kind: 'bye' });
      this.#serving?.();
      this.#life.abort();
      this.o.channel.close();
    })();
    return this.#stopping;
  }

  #setRole(role: TabRole): void {
    this.#role = role;
    this.#changed();
  }

  #changed(): void {
    for (const l of [...this.#listeners]) {
      try {
        l();
      } catch (e) {
        console.error('cti-softphone tabs: a listener threw', e);
      }
    }
  }
}
