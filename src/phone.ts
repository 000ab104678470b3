import { parsePhoneConfig, type ConfigError, type PhoneConfig, type PhoneConfigInput } from './config.ts';
import type { PhoneCommand } from './core/commands.ts';
import { PhoneCore, type CommandGate, type IngestError, type PhoneListener } from './core/phone-core.ts';
import type { PhoneState } from './core/phone-state.ts';
import type { EventDraft } from './core/events.ts';
import { err, ok, type Result } from './core/result.ts';
import { createStamper, type Stamper } from './core/stamper.ts';
import type { CallRecord } from './core/call-record.ts';
import type { JournalPart } from './journal/journal-part.ts';
import { journalOff } from './journal/status.ts';
import type { CommandResult, PhoneApi } from './phone-api.ts';
import { phoneStatus, type PhoneStatus } from './phone-status.ts';
import { PhoneVerbs } from './phone-verbs.ts';
import type { MediaStats, Telephony } from './telephony/telephony.ts';

export interface Phone extends PhoneApi {
  now(): number;
  intercept(gate: CommandGate): () => void;
  /** Takes in an event stamped elsewhere (a leader tab's stream, a journal replay); see PhoneCore. */
  ingest(event: unknown): Result<void, IngestError>;
  /** Audio counters of a call's media path (call-quality display, tests, diagnostics). */
  mediaStats(callId: string): Promise<MediaStats | undefined>;
  getStatus(): Promise<PhoneStatus>;
  onJournalChange(listener: () => void): () => void;
  replayDeadLetters(sink: string): Promise<{ readonly delivered: number; readonly left: number }>;
  history(limit?: number): Promise<readonly CallRecord[]>;
}

/** What an adapter beside telephony gets: the stream, a door in, and the state. */
export interface AdapterPort {
  subscribe(listener: PhoneListener): () => void;
  publish(draft: EventDraft): void;
  readonly state: PhoneState;
}
/** An adapter beside telephony (call-data lookups; later the journal); returns its disposer. */
export type PhoneAdapter = (port: AdapterPort) => () => void;

/** The parts a phone is built from; only `telephony` is required. */
export interface PhoneParts {
  /** Builds the telephony adapter (sip.js: `sipTelephony` from sip-phone.ts; a follower tab: a forwarder). */
  readonly telephony: (config: PhoneConfig) => Telephony;
  /** Where `seq` starts (default 0): the journal will hand over its last seq + 1. */
  readonly firstSeq?: number;
  readonly now?: () => number;
  readonly uuid?: () => string;
  /** Built from the config, subscribed in this order before any other consumer, disposed on stop. */
  readonly adapters?: (config: PhoneConfig) => readonly PhoneAdapter[];
  /** The event journal (journal-part.ts), subscribed first; the phone registers once it is open. */
  readonly journal?: (config: PhoneConfig, now: () => number) => JournalPart | undefined;
}

/** How long start() waits for the journal to open before registering without it. */
const JOURNAL_OPEN_MS = 3_000;

/**
 * The composition root: validates config, builds the telephony adapter and wires it to the core.
 * Consumers (journal, host adapter, view) subscribe to the phone; nothing subscribes inside it.
 */
export function createPhone(input: PhoneConfigInput, parts: PhoneParts): Result<Phone, ConfigError> {
  const config = parsePhoneConfig(input);
  if (!config.ok) return config;
  let telephony: Telephony;
  try {
    telephony = parts.telephony(config.value);
  } catch (e) {
    // sip.js's URI parser is stricter than our schema's regex for a few exotic AORs.
    return err({
      code: 'invalid-config',
      issues: [`aor: ${e instanceof Error ? e.message : 'not accepted by the SIP stack'}`],
    });
  }
  const phone = new CorePhone(telephony, parts);
  phone.attach(parts.adapters?.(config.value) ?? [], parts.journal?.(config.value, phone.now));
  return ok(phone);
}

export class CorePhone extends PhoneVerbs implements Phone {
  readonly #core: PhoneCore;
  readonly #stamper: Stamper;
  #journal: JournalPart | undefined;

  constructor(
    private readonly telephony: Telephony,
    opts: Omit<PhoneParts, 'telephony'> = {},
  ) {
    super();
    const stamper = (this.#stamper = createStamper({
      now: opts.now ?? (() => Date.now()),
      uuid: opts.uuid ?? (() => crypto.randomUUID()),
      firstSeq: opts.firstSeq ?? 0,
    }));
    this.#core = new PhoneCore({
      stamper,
      control: telephony,
      onListenerError: (e) => console.error('cti-softphone: a listener threw', e),
      onIngestError: (e) => console.warn('cti-softphone: an ingested event was refused', e),
    });
    telephony.onEvent = (draft) => this.#core.publish(draft);
  }

  get state(): PhoneState {
    return this.#core.state;
  }

  now = (): number => this.#core.now();
  subscribe = (listener: PhoneListener): (() => void) => this.#core.subscribe(listener);
  intercept = (gate: CommandGate): (() => void) => this.#core.intercept(gate);
  readonly #disposers: (() => void)[] = [];

  /** Subscribes the journal, then the adapters, at the root: before the host adapter and the view. */
  attach(adapters: readonly PhoneAdapter[], journal?: JournalPart): void {
    const core = this.#core;
    const port: AdapterPort = {
      subscribe: (l) => core.subscribe(l),
      publish: (d) => core.publish(d),
      get state() {
        return core.state;
      },
    };
    if (journal) {
      this.#journal = journal;
      journal.attach(port);
    }
    for (const adapter of adapters) this.#disposers.push(adapter(port));
  }

  /** Opens the journal (so `seq` continues where this browser's journal is), then registers. */
  start = async (): Promise<void> => {
    if (this.#journal) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), JOURNAL_OPEN_MS)));
      const ready = this.#journal.ready();
      const next = await Promise.race([ready, late]);
      clearTimeout(timer);
      if (next !== undefined) this.#stamper.advancePast(next - 1);
      // Slower than that: register now, and catch the seq up once the journal says where it is.
      else void ready.then((n) => n !== undefined && this.#stamper.advancePast(n - 1));
    }
    await this.telephony.start();
  };
  /** Hangs up, unregisters, then lets the journal write the last events and close. */
  stop = async (): Promise<void> => {
    await this.telephony.stop();
    for (const dispose of this.#disposers.splice(0)) dispose();
    await this.#journal?.stop();
  };

  /** Registration, live calls and the journal's delivery state (see PhoneStatus). */
  getStatus = async (): Promise<PhoneStatus> =>
    phoneStatus(this.#core.state, (await this.#journal?.status()) ?? journalOff);
  /** Told when the journal's status may have changed (debounced); registration and calls are events. */
  onJournalChange = (listener: () => void): (() => void) => this.#journal?.onChange(listener) ?? (() => {});
  /** The newest calls from the journal, newest first (the history view; [] without a journal). */
  history = (limit?: number): Promise<readonly CallRecord[]> =>
    this.#journal?.history(limit) ?? Promise.resolve([]);
  /** Sends a sink's dead letters again (after the receiver was fixed). */
  replayDeadLetters = (sink: string) =>
    this.#journal?.replayDeadLetters(sink) ?? Promise.resolve({ delivered: 0, left: 0 });
  execute(cmd: PhoneCommand): Promise<CommandResult<{ readonly callId?: string }>> {
    return this.#core.execute(cmd);
  }
  ingest = (event: unknown): Result<void, IngestError> => this.#core.ingest(event);
  mediaStats = (callId: string): Promise<MediaStats | undefined> => this.telephony.mediaStats(callId);
}
