import { parsePhoneConfig, type ConfigError, type PhoneConfig, type PhoneConfigInput } from './config.ts';
import type { PhoneCommand } from './core/commands.ts';
import { PhoneCore, type CommandGate, type IngestError, type PhoneListener } from './core/phone-core.ts';
import type { PhoneState } from './core/phone-state.ts';
import type { EventDraft } from './core/events.ts';
import { err, ok, type Result } from './core/result.ts';
import { createStamper } from './core/stamper.ts';
import type { CommandResult, PhoneApi } from './phone-api.ts';
import { PhoneVerbs } from './phone-verbs.ts';
import type { MediaStats, Telephony } from './telephony/telephony.ts';

export interface Phone extends PhoneApi {
  now(): number;
  intercept(gate: CommandGate): () => void;
  /** Takes in an event stamped elsewhere (a leader tab's stream, a journal replay); see PhoneCore. */
  ingest(event: unknown): Result<void, IngestError>;
  /** Audio counters of a call's media path (call-quality display, tests, diagnostics). */
  mediaStats(callId: string): Promise<MediaStats | undefined>;
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
}

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
  phone.attach(parts.adapters?.(config.value) ?? []);
  return ok(phone);
}

export class CorePhone extends PhoneVerbs implements Phone {
  readonly #core: PhoneCore;

  constructor(
    private readonly telephony: Telephony,
    opts: Omit<PhoneParts, 'telephony'> = {},
  ) {
    super();
    const stamper = createStamper({
      now: opts.now ?? (() => Date.now()),
      uuid: opts.uuid ?? (() => crypto.randomUUID()),
      firstSeq: opts.firstSeq ?? 0,
    });
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

  /** Subscribes adapters at the root, before the host adapter and the view. */
  attach(adapters: readonly PhoneAdapter[]): void {
    const core = this.#core;
    const port: AdapterPort = {
      subscribe: (l) => core.subscribe(l),
      publish: (d) => core.publish(d),
      get state() {
        return core.state;
      },
    };
    for (const adapter of adapters) this.#disposers.push(adapter(port));
  }

  start = (): Promise<void> => this.telephony.start();
  stop = async (): Promise<void> => {
    await this.telephony.stop();
    for (const dispose of this.#disposers.splice(0)) dispose();
  };
  execute(cmd: PhoneCommand): Promise<CommandResult<{ readonly callId?: string }>> {
    return this.#core.execute(cmd);
  }
  ingest = (event: unknown): Result<void, IngestError> => this.#core.ingest(event);
  mediaStats = (callId: string): Promise<MediaStats | undefined> => this.telephony.mediaStats(callId);
}
