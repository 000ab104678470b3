import { parsePhoneConfig, type ConfigError, type PhoneConfig, type PhoneConfigInput } from './config.ts';
import { CommandGates } from './core/command-gates.ts';
import type { PhoneCommand } from './core/commands.ts';
import type { CommandGate, CommandResult, IngestError, PhoneListener } from './core/phone-core.ts';
import type { PhoneState } from './core/phone-state.ts';
import { err, ok, type Result } from './core/result.ts';
import type { CallRecord } from './core/call-record.ts';
import { CorePhone, type Phone, type PhoneParts } from './phone.ts';
import { phoneStatus, type PhoneStatus } from './phone-status.ts';
import { PhoneVerbs } from './phone-verbs.ts';
import { callDataAdapters, createSipPhone, sipTelephony } from './sip-phone.ts';
import { journalPart } from './journal/journal-part.ts';
import type { JournalStatus } from './journal/status.ts';
import type { SightingSource } from './tabs/attention.ts';
import { channelName, TabChannel, type ChannelPort } from './tabs/channel.ts';
import { asSeenFromFollower, journalElsewhere, type TabJournalStatus } from './tabs/journal-status.ts';
import { browserLocks, type TabLocks } from './tabs/leader.ts';
import { isUnanswered } from './tabs/requests.ts';
import { exact, forwardCommand } from './tabs/forward.ts';
import { TabRoles, type TabsView } from './tabs/roles.ts';
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
}

// The leader's journal status always fits what a follower parses (tabs/journal-status.ts).
const _fits: (s: JournalStatus) => TabJournalStatus = (s) => s;

/**
 * `<cti-softphone>`'s phone: one phone across the tabs of an agent (docs/decisions/0010).
 * With `tabs.enabled` (and Web Locks and BroadcastChannel in the browser) it is a TabbedPhone;
 * otherwise the single-tab SIP phone of sip-phone.ts.
 */
export function createTabbedPhone(
  input: PhoneConfigInput,
  parts: Partial<PhoneParts> = {},
): Result<Phone, ConfigError> {
  const config = parsePhoneConfig(input);
  if (!config.ok) return config;
  const locks = browserLocks();
  if (!config.value.tabs.enabled || !locks || typeof BroadcastChannel === 'undefined')
    return createSipPhone(input, parts);
  let telephony: Telephony;
  try {
    telephony = (parts.telephony ?? sipTelephony)(config.value);
  } catch (e) {
    const issue = e instanceof Error ? e.message : 'not accepted by the SIP stack';
    return err({ code: 'invalid-config', issues: [`aor: ${issue}`] });
  }
  const port = new BroadcastChannel(channelName(config.value.aor));
  return ok(new TabbedPhone(config.value, telephony, { locks, port }, parts));
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
 */
export class TabbedPhone extends PhoneVerbs implements Phone {
  readonly #core: CorePhone;
  readonly #roles: TabRoles;
  readonly #gates = new CommandGates((e) => console.error('cti-softphone: a listener threw', e));
  readonly #journalListeners = new Set<() => void>();

  constructor(
    private readonly config: PhoneConfig,
    telephony: Telephony,
    env: TabEnv,
    private readonly parts: Partial<PhoneParts> = {},
  ) {
    super();
    const core = (this.#core = new CorePhone(telephony, {
      ...(parts.now ? { now: parts.now } : {}),
      ...(parts.uuid ? { uuid: parts.uuid } : {}),
      ...(parts.firstSeq !== undefined ? { firstSeq: parts.firstSeq } : {}),
    }));
    const channel = new TabChannel(env.tab ?? crypto.randomUUID(), env.port);
    this.#roles = new TabRoles({
      aor: config.aor,
      channel,
      locks: env.locks,
      ...(env.sightings ? { sightings: env.sightings } : {}),
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
  }

  /** This tab's role and whether the agent is looking at it (the popup and notification go there). */
  get tabs(): TabsView {
    return this.#roles;
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
  start = (): Promise<void> => this.#roles.start();
  /** A leader hangs up, unregisters and writes its journal, then hands the lock on; a follower leaves. */
  stop = (): Promise<void> => this.#roles.stop();

  execute(command: PhoneCommand): Promise<CommandResult<{ readonly callId?: string }>> {
    return this.#roles.following
      ? forwardCommand(this.#gates, this.#roles.link, command)
      : this.#core.execute(command);
  }

  getStatus = async (): Promise<PhoneStatus> => {
    if (!this.#roles.following) return this.#core.getStatus();
    const a = await this.#roles.link.request({ op: 'status' });
    const journal = isUnanswered(a) ? journalElsewhere : asSeenFromFollower(a.journal);
    return phoneStatus(this.#core.state, exact<JournalStatus>(journal));
  };
  history = async (limit?: number): Promise<readonly CallRecord[]> => {
    if (!this.#roles.following) return this.#core.history(limit);
    const body = limit === undefined ? { op: 'history' as const } : { op: 'history' as const, limit };
    const a = await this.#roles.link.request(body);
    return isUnanswered(a) ? [] : a.records;
  };
  replayDeadLetters = async (
    sink: string,
  ): Promise<{ readonly delivered: number; readonly left: number }> => {
    if (!this.#roles.following) return this.#core.replayDeadLetters(sink);
    const a = await this.#roles.link.request({ op: 'replay', sink });
    return isUnanswered(a) ? { delivered: 0, left: 0 } : { delivered: a.delivered, left: a.left };
  };
  mediaStats = async (callId: string): Promise<MediaStats | undefined> => {
    if (!this.#roles.following) return this.#core.mediaStats(callId);
    const a = await this.#roles.link.request({ op: 'media', callId });
    return isUnanswered(a) ? undefined : (a.stats ?? undefined);
  };
  onJournalChange = (listener: () => void): (() => void) => {
    this.#journalListeners.add(listener);
    return () => this.#journalListeners.delete(listener);
  };

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
