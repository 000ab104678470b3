import { chooseAttention, watchSighting, type Sighting, type SightingSource } from './attention.ts';
import type { TabChannel } from './channel.ts';

export interface AttentionDeps {
  readonly source: SightingSource;
  readonly now: () => number;
  /** The tabs still alive (their presence locks are held), or undefined if that cannot be told. */
  readonly alive?: () => Promise<ReadonlySet<string> | undefined>;
  readonly signal: AbortSignal;
}

/**
 * Every tab's view of who has the agent's attention (see attention.ts). Each tab keeps every
 * sighting it hears (so a follower that becomes leader decides at once) and says its own
 * whenever it changes, when a tab joins and when a new leader is announced. Only the leader
 * decides: on every change it chooses among the tabs still alive and announces the choice.
 */
export class AttentionBoard {
  readonly #sightings = new Map<string, Sighting>();
  readonly #listeners = new Set<() => void>();
  readonly #own: (() => Sighting) | undefined;
  #attention: string | undefined;
  #leading = false;
  #round = 0;

  constructor(
    private readonly channel: TabChannel,
    private readonly deps: AttentionDeps,
  ) {
    const me = channel.tab;
    const offs = [
      channel.on('visible', (m) => this.#seen(m.from, m)),
      channel.on('bye', (m) => (this.#sightings.delete(m.from), this.#decide())),
      channel.on('attention', (m) => this.#leading || this.#set(m.tab)),
      channel.on('hello', () => (this.#tell(), this.#leading && this.#announce())),
      channel.on('leader', () => this.#tell()),
    ];
    deps.signal.addEventListener('abort', () => offs.forEach((off) => off()), { once: true });
    this.#own = watchSighting(deps.source, deps.now, (s) => this.#seen(me, s, true), deps.signal);
  }

  /** The agent looks at this tab (or looked at it last): the popup and the notification are ours. */
  get mine(): boolean {
    return this.#attention === this.channel.tab;
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** This tab is the leader now: it decides from here on. */
  lead(): void {
    this.#leading = true;
    this.#decide();
  }

  #seen(tab: string, s: Sighting, own = false): void {
    this.#sightings.set(tab, { visible: s.visible, focused: s.focused, at: s.at });
    if (own) this.#tell();
    this.#decide();
  }

  #tell(): void {
    const { visible, focused, at } = this.#own?.() ?? this.#sightings.get(this.channel.tab) ?? {};
    if (visible === undefined || focused === undefined || at === undefined) return;
    this.channel.send({ kind: 'visible', visible, focused, at });
  }

  #announce(): void {
    if (this.#attention !== undefined) this.channel.send({ kind: 'attention', tab: this.#attention });
  }

  #decide(): void {
    if (!this.#leading || this.deps.signal.aborted) return;
    const round = ++this.#round;
    const choose = (alive: ReadonlySet<string> | undefined) => {
      if (round !== this.#round || this.deps.signal.aborted) return; // a newer decision is on its way
      const me = this.channel.tab;
      const candidates = new Map([...this.#sightings].filter(([t]) => t === me || !alive || alive.has(t)));
      const chosen = chooseAttention(candidates, me);
      if (chosen === this.#attention) return;
      this.#set(chosen);
      this.#announce();
    };
    const alive = this.deps.alive?.();
    if (!alive) return choose(undefined);
    alive.then(choose, () => choose(undefined));
  }

  #set(tab: string): void {
    if (tab === this.#attention) return;
    this.#attention = tab;
    for (const l of [...this.#listeners]) {
      try {
        l();
      } catch (e) {
        console.error('cti-softphone tabs: an attention listener threw', e);
      }
    }
  }
}
