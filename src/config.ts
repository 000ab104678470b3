import { z } from 'zod/mini';
import { headerCodecOptionsSchema } from './calldata/codec-options.ts';
import type { CrmLookup } from './calldata/crm-lookup.ts';
import { screenPopTemplateProblem } from './calldata/screen-pop.ts';
import { callDataSources } from './core/call-data.ts';
import { err, ok, type Result } from './core/result.ts';
import { isSink } from './journal/sink-shape.ts';
import type { EventsCallback, Sink } from './journal/sink.ts';

/** Short-lived credentials (e.g. a token minted by the CRM's backend), fetched before each REGISTER. */
export interface Credentials {
  readonly username: string;
  readonly password: string;
}
export type CredentialProvider = () => Promise<Credentials>;

const wsUrl = z
  .string()
  .check(
    z.refine((s) => URL.canParse(s) && /^wss?:$/.test(new URL(s).protocol), 'must be a ws:// or wss:// URL'),
  );

const str = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));
const int = (min: number, max: number, dflt: number) =>
  z._default(z.number().check(z.int(), z.gte(min), z.lte(max)), dflt);

const httpUrl = z.string().check(
  z.refine(
    (s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol),
    'must be an http:// or https:// URL',
  ),
  // fetch() refuses URLs with a login in them: it would fail forever. Give credentials instead.
  z.refine(
    (s) => !URL.canParse(s) || new URL(s).username + new URL(s).password === '',
    'must not hold a login (use credentials)',
  ),
);
const fn = <T>() => z.custom<T>((v) => typeof v === 'function', 'must be a function');

/** Seed 000's call-data cache, asked by DNIS:ANI when a call rings. */
const cacheConfig = z.object({
  /** Base URL of the cache service (src/server/), e.g. https://cti.example.com */
  url: httpUrl,
  /** Called before each request; never a password in an attribute or in storage. */
  credentials: fn<CredentialProvider>(),
  /** Read with DELETE: the seed's read-and-consume (the entry is gone once this agent has it). */
  consume: z._default(z.boolean(), false),
  timeoutMs: int(50, 10_000, 300),
});

/** The CRM's own lookup of the caller, and its screen-pop link. */
const crmConfig = z.object({
  lookup: z.optional(fn<CrmLookup>()),
  timeoutMs: int(50, 30_000, 1000),
  /** e.g. `https://crm.example/contacts?phone={ani}`: offered in the popup as the caller's record. */
  screenPopUrl: z.optional(
    z.string().check(
      z.maxLength(2048),
      z.superRefine((template, ctx) => {
        const problem = screenPopTemplateProblem(template);
        if (problem !== undefined) ctx.issues.push({ code: 'custom', message: problem, input: template });
      }),
    ),
  ),
  /** Open (or focus) the caller's record in a named tab when the agent answers. */
  openOnAnswer: z._default(z.boolean(), false),
});

/** Where the journal delivers events (see README, "Delivery contract"): each sink has its own cursor. */
const webhookConfig = z.object({
  /** e.g. https://crm.example/cti/events (the cache service's reference receiver: <cache url>/events). */
  url: httpUrl,
  /** Basic credentials, fetched before each request (never stored). */
  credentials: z.optional(fn<CredentialProvider>()),
  batchSize: int(1, 1000, 100),
  /** A batch smaller than batchSize waits this long for more events (0: sent at once). */
  maxWaitMs: int(0, 60_000, 0),
  timeoutMs: int(100, 120_000, 10_000),
});

/** The event journal: every event in IndexedDB first, then to each sink, in order, until acknowledged. */
const journalConfig = z.object({
  /** `false`: no journal (events only reach the page, as DOM events). */
  enabled: z._default(z.boolean(), true),
  /** IndexedDB database name (one journal per origin and browser profile by default). */
  name: z._default(str(1, 128), 'cti-softphone-journal'),
  webhook: z.optional(webhookConfig),
  /** A host callback sink: `(events, device) => Promise`; the promise resolving is the acknowledgement. */
  onEvents: z.optional(fn<EventsCallback>()),
  /** More sinks (a Sink from src/journal/sink.ts; the iframe parent's will be one). */
  sinks: z._default(z.array(z.custom<Sink>(isSink, 'must be a Sink')).check(z.maxLength(8)), []),
  /** Acknowledged events are pruned past this age (days) or count. */
  keepDays: int(1, 3650, 30),
  keepEvents: int(1000, 5_000_000, 50_000),
  /** While calls are live, how often the journal notes the time (the bound on an interrupted call's end). */
  heartbeatMs: int(1000, 60_000, 5000),
});

/** Click-to-call (README, "Click-to-call"): tel:, sip:, sips:, callto: links and [data-cti-dial] on the page. */
const clickToCallConfig = z.object({
  /** `false`: the page's links are left to the browser. */
  enabled: z._default(z.boolean(), true),
  /** ISO 3166 country of national numbers, e.g. `DE`: `030 1234567` is dialled as +49301234567. */
  defaultCountry: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/, 'must be a country code such as DE'))),
  /** Show "Call <number>?" with the number in the dial input; the agent presses Call (or Enter). */
  confirm: z._default(z.boolean(), false),
  /** Digit strings up to this long are extensions, dialled as written (no country code). */
  maxExtensionDigits: int(0, 15, 6),
});
export type ClickToCallConfig = z.output<typeof clickToCallConfig>;
/** A config's click-to-call settings; the defaults when there is none (a host-assigned phone). */
export const clickToCallOf = (c: PhoneConfigInput | undefined): ClickToCallConfig => {
  const r = clickToCallConfig.safeParse(c?.clickToCall ?? {});
  return r.success ? r.data : { enabled: false, confirm: false, maxExtensionDigits: 6 };
};

/** An exact origin (scheme, host, port): no path, no trailing slash, no wildcard, not "null". */
const exactOrigin = z.string().check(
  z.maxLength(256),
  z.refine(
    // `*` is a legal host character to the URL parser, but no wildcard here: refused, not misread.
    (s) =>
      URL.canParse(s) && /^https?:$/.test(new URL(s).protocol) && new URL(s).origin === s && !s.includes('*'),
    'must be an origin such as https://crm.example.com (no path, no trailing slash, no wildcard)',
  ),
);

/**
 * A phone framed by another page (demo/frame.html, src/host/frame-bridge.ts): the parents whose
 * postMessage requests it hears. The framed page installs the bridge; the element alone does not.
 */
export const frameConfigSchema = z.object({
  allowedOrigins: z.array(exactOrigin).check(z.maxLength(16)),
});
export type FrameConfig = z.output<typeof frameConfigSchema>;

/**
 * One phone across tabs (on by default): the tabs of one AOR (same origin and browser profile)
 * elect a leader with a Web Lock; only it registers and journals, the others mirror it and send
 * it their commands. Needs Web Locks and BroadcastChannel (a secure context); without them, or
 * with `enabled: false`, each tab is its own phone (and registers: the registrar rings them all).
 */
const tabsConfig = z.object({
  enabled: z._default(z.boolean(), true),
});

const iceServer = z.object({
  urls: z.union([str(1, 2048), z.array(str(1, 2048)).check(z.minLength(1))]),
  username: z.optional(str(0, 256)),
  credential: z.optional(str(0, 1024)),
});

/**
 * Phone configuration. Defaults replace sip.js's where they are bad for an agent's phone:
 * no third-party STUN server, ICE gathering bounded to well under a second, registration
 * refreshed well before expiry, CRLF keep-alive, reconnection that never gives up.
 */
export const phoneConfigSchema = z
  .object({
    /** SIP over WebSocket server, e.g. wss://pbx.example.com:8089/ws */
    server: wsUrl,
    /** Address of record, e.g. sip:1001@pbx.example.com */
    aor: z
      .string()
      .check(z.regex(/^sips?:[^@\s]+@[^@\s]+$/, 'must be a SIP URI such as sip:1001@example.com')),
    authorizationUsername: z.optional(str(1, 256)),
    password: z.optional(str(0, 1024)),
    credentials: z.optional(
      z.custom<CredentialProvider>((v) => typeof v === 'function', 'must be a function'),
    ),
    displayName: z.optional(str(0, 128)),
    iceServers: z._default(z.array(iceServer).check(z.maxLength(10)), []),
    iceGatheringTimeoutMs: int(50, 1000, 500),
    registerExpiresS: int(30, 86_400, 600),
    /** Refresh the registration at this percentage of its expiry (≤ 90). */
    refreshAtPercent: int(50, 90, 85),
    keepAliveIntervalS: int(5, 30, 25),
    reconnectBaseMs: int(100, 10_000, 1000),
    reconnectMaxMs: int(1000, 300_000, 30_000),
    dtmf: z._default(z.enum(['rfc4733', 'info']), 'rfc4733'),
    /** Reject code when the agent declines: 486 Busy Here or 603 Decline. */
    rejectCode: z._default(z.union([z.literal(486), z.literal(603)]), 486),
    /** Domain for dialled numbers (default: the AOR's host). */
    domain: z.optional(str(1, 253)),
    cache: z.optional(cacheConfig),
    crm: z.optional(crmConfig),
    journal: z.prefault(journalConfig, {}),
    /** One phone across the agent's tabs (docs/decisions/0010): only the leader tab registers. */
    tabs: z.prefault(tabsConfig, {}),
    /** In an iframe: the parent origins allowed to drive the phone (see README, "In an iframe"). */
    frame: z.optional(frameConfigSchema),
    clickToCall: z.prefault(clickToCallConfig, {}),
    /** How call data is read from SIP headers (default: X-Call-Data JSON and User-to-User). */
    callDataHeaders: z.optional(headerCodecOptionsSchema),
    /** A header holding the called number for the cache key, e.g. Diversion or P-Called-Party-ID. */
    dnisHeader: z.optional(str(1, 64)),
    /** Which source wins when two give the same field, highest first. */
    callDataPrecedence: z._default(z.array(z.enum(callDataSources)).check(z.minLength(1), z.maxLength(3)), [
      'headers',
      'cache',
      'crm',
    ]),
  })
  .check(
    z.refine((c) => c.password === undefined || c.credentials === undefined, {
      message: 'give either password or credentials, not both',
      path: ['credentials'],
    }),
  );

export type PhoneConfigInput = z.input<typeof phoneConfigSchema>;
export type PhoneConfig = z.output<typeof phoneConfigSchema>;

export interface ConfigError {
  readonly code: 'invalid-config';
  /** One line per problem, naming the field; never echoes a secret's value. */
  readonly issues: readonly string[];
}

export function parsePhoneConfig(input: unknown): Result<PhoneConfig, ConfigError> {
  const r = phoneConfigSchema.safeParse(input);
  if (r.success) return ok(r.data);
  const issues = r.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`);
  return err({ code: 'invalid-config', issues });
}

/** The SIP domain calls are placed in: `domain` if given, else the AOR's host. */
export const sipDomain = (c: PhoneConfig): string => c.domain ?? c.aor.slice(c.aor.indexOf('@') + 1);
