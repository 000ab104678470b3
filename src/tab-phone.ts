import type { PhoneConfig } from './config.ts';
import { CommandGates } from './core/command-gates.ts';
import { phoneCommandSchema, type PhoneCommand } from './core/commands.ts';
import type { CommandGate, CommandResult, IngestError, PhoneListener } from './core/phone-core.ts';
import type { PhoneState } from './core/phone-state.ts';
import { err, type Result } from './core/result.ts';
import type { CallRecord } from './core/call-record.ts';
import { CorePhone, type Phone, type PhoneParts } from './phone.ts';
import { phoneStatus, type PhoneStatus } from './phone-status.ts';
import { PhoneVerbs } from './phone-verbs.ts';
import { callDataAdapters } from './sip-phone.ts';
import { journalPart } from './journal/journal-part.ts';
import type { JournalStatus } from './journal/status.ts';
import type { SightingSource } from './tabs/attention.ts';
import type { ChannelPort } from './tabs/channel.ts';
import type { TabJournalStatus } from './tabs/journal-status.ts';
import { LateTabsView } from './tabs/late-view.ts';
import type { TabLocks } from './tabs/leader.ts';
import type { TabRoles, TabsView } from './tabs/roles.ts';
import type * as TabsChunk from './tabs/tabs-chunk.ts';
import type { MediaStats, Telephony } from './telephony/telephony.ts';

export type { TabsView };

/** The browser parts a tabbed phone uses (the browser's own by default; fakes in node tests). */
export interface TabEnv {
  readonly locks: TabLocks;
  /** The agent's BroadcastChannel (`cti-softphone-tabs:<aor>`). */
  readonly port: ChannelPort;
  readonly sightings?: SightingSource;
  /** This tab's id on the channel (default: a random UUID). */
  readonly tab?: string;
  /** Loads the tabs' code (a lazy chunk: the page's first script does not carry it). */
  readonly load?: () => Promise<typeof TabsChunk>;
}

// The leader's journal status always fits what a follower parses (tabs/journal-status.ts).
const _fits: (s: JournalStatus) => TabJournalStatus = (s) => s;
/** A parsed value as the exact-optional types have it: keys that were absent stay absent. */
const exact = <T>(value: unknown): T => JSON.parse(JSON.stringify(value)) as T;

interface Tabs {
  readonly roles: TabRoles;
  readonly asks: TabsChunk.FollowerQueries;
  readonly forward: typeof TabsChunk.forwardCommand;
}

/**
 * One tab's phone for an agent. It is one CorePhone for the tab's whole life (its state is
 * what the view and the host adapter subscribe to, whatever the role):
 * - follower (waiting for the leader lock): its only producer is `ingest` of the leader's
 *   events; its commands pass this tab's gates (the host's veto), then go to the leader, whose
 *   answer settles them here; history, status, replays and media counters are asked of the leader.
 * - leader (holding the lock): the calls it inherited end as `interrupted` (their media was in
 *   the tab that died), then the journal and the call-data lookups attach and it registers, like
 *   a single-tab phone; it serves the followers (tabs/leader-service.ts).
 * Until start() has loaded the tabs' code it is a phone that has not started (role `starting`).
 */
export class TabbedPhone extends PhoneVerbs implements Phone {
  readonly #core: CorePhone;
  readonly #view = new LateTabsView();
  readonly #gates = new CommandGates((e) => console.error('cti-softphone: a listener threw', e));
  readonly #journalListeners = new Set<() => void>();
  #tabs: Tabs | undefined;
  #starting: Promise<void> | undefined;
  /** Settles once the tabs' code is loaded and the roles exist (or the phone stopped first). */
  #loaded: Promise<void> | undefined;
  #stopped = false;

  constructor(
    private readonly config: PhoneConfig,
    telephony: Telephony,
    private readonly env: TabEnv,
    private readonly parts: Partial<PhoneParts> = {},
  ) {
    super();
    this.#core = new CorePhone(telephony, {
      ...(parts.now ? { now: parts.now } : {}),
      ...(parts.uuid ? { uuid: parts.uuid } : {}),
      ...(parts.firstSeq !== undefined ? { firstSeq: parts.firstSeq } : {}),
    });
  }

  /** This tab's role and whether the agent is looking at it (the popup and notification go there). */
  get tabs(): TabsView {
    return this.#view;
  }
  get state(): PhoneState {
    return this.#core.state;
  }
  now = (): number => this.#core.now();
  subscribe = (listener: PhoneListener): (() => void) => this.#core.subscribe(listener);
  intercept = (gate: CommandGate): (() => void) => {
    const offs = [this.#core.intercept(gate), this.#gates.add(gate)];
    return () => offs.forEach((off) => off());
  };
  ingest = (event: unknown): Result<void, IngestError> => this.#core.ingest(event);

  /** Takes part in the election; resolves once registered (leader) or mirroring the leader (follower). */
  start = (): Promise<void> => (this.#starting ??= this.#start());
  /** A leader hangs up, unregisters and writes its journal, then hands the lock on; a follower leaves. */
  stop = async (): Promise<void> => {
    this.#stopped = true;
    await this.#loaded?.catch(() => undefined); // not the whole start: a follower may wait for a leader
    if (this.#tabs) await this.#tabs.roles.stop();
    else this.env.port.close();
  };

  execute(command: PhoneCommand): Promise<CommandResult<{ readonly callId?: string }>> {
    const t = this.#following();
    if (t) return t.forward(this.#gates, t.roles.link, command);
    if (this.#tabs?.roles.role === 'leader' && !this.#stopped) return this.#core.execute(command);
    // Starting (the tabs' code on its way) or stopping: this tab's own phone is not running,
    // whatever its copied state says. Refused as a value, seen by the host as any refusal.
    const parsed = phoneCommandSchema.safeParse(command);
    const message = "This tab's phone is not running (it is starting or stopping)";
    const refusal = {
      code: 'not-registered' as const,
      message,
      command: parsed.success ? parsed.data.type : ('unknown' as const),
    };
    return Promise.resolve(this.#gates.settle(parsed.success ? parsed.data : undefined, err(refusal)));
  }
  getStatus = async (): Promise<PhoneStatus> => {
    const t = this.#following();
    if (!t) return this.#core.getStatus();
    return phoneStatus(this.#core.state, exact<JournalStatus>(await t.asks.journal()));
  };
  history = (limit?: number): Promise<readonly CallRecord[]> =>
    this.#following()?.asks.history(limit) ?? this.#core.history(limit);
  replayDeadLetters = (sink: string): Promise<{ readonly delivered: number; readonly left: number }> =>
    this.#following()?.asks.replay(sink) ?? this.#core.replayDeadLetters(sink);
  mediaStats = (callId: string): Promise<MediaStats | undefined> =>
    this.#following()?.asks.media(callId) ?? this.#core.mediaStats(callId);
  onJournalChange = (listener: () => void): (() => void) => {
    this.#journalListeners.add(listener);
    return () => this.#journalListeners.delete(listener);
  };

  #following(): Tabs | undefined {
    return this.#tabs?.roles.following ? this.#tabs : undefined;
  }

  async #start(): Promise<void> {
    const loading = (this.env.load ?? (() => import('./tabs/tabs-chunk.ts')))();
    this.#loaded = loading.then(() => undefined);
    const m = await loading;
    if (this.#stopped) return this.env.port.close();
    const core = this.#core;
    const roles = new m.TabRoles({
      aor: this.config.aor,
      channel: new m.TabChannel(this.env.tab ?? crypto.randomUUID(), this.env.port),
      locks: this.env.locks,
      ...(this.env.sightings ? { sightings: this.env.sightings } : {}),
      ingest: (event) => void core.ingest(event),
      journalChanged: () => this.#journalChanged(),
      served: {
        subscribe: (l) => core.subscribe(l),
        execute: (c) => core.execute(c),
        history: (limit) => core.history(limit),
        journalStatus: async () => (await core.getStatus()).journal,
        replayDeadLetters: (sink) => core.replayDeadLetters(sink),
        mediaStats: (callId) => core.mediaStats(callId),
        onJournalChange: (l) => this.onJournalChange(l),
      },
      lead: () => this.#lead(),
      stopLeading: () => core.stop(),
    });
    this.#tabs = { roles, asks: m.followerQueries(roles.link), forward: m.forwardCommand };
    this.#view.attach(roles);
    await roles.start();
  }

  /**
   * This tab got the lock. The calls it mirrored lived in the tab that died (their sessions and
   * media with it): they end as `interrupted`, published before the journal attaches (the
   * journal closes the dead tab's calls itself on opening: written once). Then it is a
   * single-tab phone: journal, lookups, registration.
   */
  async #lead(): Promise<void> {
    const core = this.#core;
    core.attach([
      (port) => {
        for (const call of port.state.calls)
          port.publish({ type: 'disconnect', callId: call.callId, reason: 'interrupted' });
        return () => undefined;
      },
    ]);
    const { config, parts } = this;
    const journal = parts.journal ?? ((c: PhoneConfig, now: () => number) => journalPart(c.journal, now));
    core.attach((parts.adapters ?? callDataAdapters)(config), journal(config, core.now));
    core.onJournalChange(() => this.#journalChanged());
    await core.start();
  }

  #journalChanged(): void {
    for (const l of [...this.#journalListeners]) {
      try {
        l();
      } catch (e) {
        console.error('cti-softphone: a journal listener threw', e);
      }
    }
  }
}
