import { z } from 'zod/mini';
import { callDataObjectSchema } from '../core/call-data.ts';
import { err, ok, type Result } from '../core/result.ts';

/**
 * What an iframe parent sends the framed phone (seed 003's WebSocket JSON, carried by
 * postMessage): requests `{ id, request: "makecall" | …, … }` answered by one response each, and
 * acknowledgements of the events it was sent. Every message is parsed here before anything acts;
 * a message that does not parse is answered as a failure with a code, never thrown.
 * What the phone sends back is in frame-messages.ts.
 */
export const FRAME_PROTOCOL_VERSION = 1;

/** Whatever arrives is walked before zod looks at it: bounded size, depth and kinds of values. */
export const FRAME_LIMITS = { chars: 65_536, nodes: 2_000, depth: 10 } as const;

export const frameErrorCodes = [
  /** Not an object, a missing or mistyped field (`message` names it). */
  'malformed',
  /** More than FRAME_LIMITS allow. */
  'too-large',
  /** `v` is not a version this phone speaks. */
  'unsupported-version',
  /** A request name seed 003 does not have. */
  'unknown-request',
  /** A seed 003 request this phone does not do (agent state, conference, queries, …). */
  'not-supported',
  /** The phone is not mounted yet (no credentials from the parent so far). */
  'not-ready',
  /** No call in a state the request applies to (give `callid`), or more than one. */
  'no-call',
  /** `extension` names another phone than this one. */
  'wrong-extension',
  /** The phone could not say what happened (a bug: the message says what). */
  'internal',
] as const;
export type FrameErrorCode = (typeof frameErrorCodes)[number];
export interface FrameError {
  /** A frame error code, or one of the phone's command error codes (vetoed, invalid-state, …). */
  readonly code: string;
  readonly message: string;
}

const text = (max: number) => z.string().check(z.maxLength(max));
const nonEmpty = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
/** Seed 003's ids are strings ("1"); a number is taken too. */
export const requestIdSchema = z.union([nonEmpty(64), z.number().check(z.int(), z.gte(0), z.lte(2 ** 53))]);
export type RequestId = z.infer<typeof requestIdSchema>;

const common = {
  id: requestIdSchema,
  v: z.optional(z.literal(FRAME_PROTOCOL_VERSION)),
  /** Seed 003 names the device on every request; if given it must be this phone's. */
  extension: z.optional(text(64)),
};
const callid = { callid: z.optional(nonEmpty(128)) };
/** Seed 003's `data` is user-to-user text; an object is sent as X-Call-Data JSON. */
const data = { data: z.optional(z.union([text(4096), callDataObjectSchema])) };
const destination = nonEmpty(1024);
const req = <N extends string, S extends z.core.$ZodLooseShape>(name: N, shape: S) =>
  z.object({ ...common, request: z.literal(name), ...shape });

export const frameRequestSchema = z.discriminatedUnion('request', [
  /** Start (or restart) the event stream: unacknowledged events are sent (again) at once. */
  req('subscribe', {}),
  /** SIP digest credentials, kept in memory only; each REGISTER reads the latest ones. */
  req('credentials', { username: nonEmpty(256), password: text(1024) }),
  req('makecall', { destination, ...data }),
  req('answer', callid),
  req('hangup', callid),
  req('hold', callid),
  req('retrieve', callid),
  req('transfer', { destination, ...callid, ...data }),
  req('dtmf', { dtmf: nonEmpty(64), ...callid }),
  /** Seed 003's Alternate: swap the held and the connected call. */
  req('alternate', {}),
  req('snapshot', {}),
  req('setstate', { state: nonEmpty(32), reasoncode: z.optional(z.union([text(16), z.number()])) }),
]);
export type FrameRequest = z.infer<typeof frameRequestSchema>;
export type FrameRequestName = FrameRequest['request'];
/** Every request this phone does, in the order of the schema (checked against it by the compiler). */
export const frameRequestNames = [
  'subscribe',
  'credentials',
  'makecall',
  'answer',
  'hangup',
  'hold',
  'retrieve',
  'transfer',
  'dtmf',
  'alternate',
  'snapshot',
  'setstate',
] as const satisfies readonly FrameRequestName[];
type MissingName = Exclude<FrameRequestName, (typeof frameRequestNames)[number]>;
const _everyName: MissingName extends never ? true : never = true;

/** Seed 003 requests that this phone knows of but does not do: answered `not-supported`. */
export const unsupportedSeedRequests: ReadonlySet<string> = new Set(
  'login logout consultation reconnect conference dropparty startmonitor stopmonitor userdata clearcall deflectcall pickupcall singlestepconference selectivelisteninghold selectivelisteningretrieve queryacdsplit queryagentlogin queryagentstate querycallclassifier querytimeofday querydevicename querydonotdisturb querydeviceinfo queryforwarding querymsgwaitingind querystationstatus querytrunkgroup queryucid setdonotdisturb setforwarding setmsgwaitingind'.split(
    ' ',
  ),
);

/** The parent has the events with these ids, or every event up to `seq`. */
export const frameAckSchema = z
  .object({
    v: z.optional(z.literal(FRAME_PROTOCOL_VERSION)),
    msgtype: z.literal('ack'),
    ids: z.optional(z.array(z.uuid()).check(z.maxLength(1000))),
    seq: z.optional(z.number().check(z.int(), z.gte(0))),
  })
  .check(z.refine((a) => a.ids !== undefined || a.seq !== undefined, 'give ids or seq'));
export type FrameAck = z.infer<typeof frameAckSchema>;

export type ParentMessage =
  | { readonly kind: 'request'; readonly request: FrameRequest }
  | { readonly kind: 'ack'; readonly ack: FrameAck };
/** A message that did not parse: answered with `id` when one could be read, else `null`. */
export interface ParentMessageError extends FrameError {
  readonly id: RequestId | null;
  readonly code: FrameErrorCode;
}

const isPlain = (v: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Walks `data` without recursion: a bad kind of value, or too much of it, is named. */
export function boundsProblem(data: unknown, limits = FRAME_LIMITS): 'too-large' | 'malformed' | undefined {
  let chars = 0;
  let nodes = 0;
  const stack: { readonly v: unknown; readonly depth: number }[] = [{ v: data, depth: 1 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (++nodes > limits.nodes) return 'too-large';
    const { v, depth } = item;
    if (typeof v === 'string') {
      if ((chars += v.length) > limits.chars) return 'too-large';
    } else if (typeof v === 'object' && v !== null) {
      if (depth > limits.depth) return 'too-large';
      if (!Array.isArray(v) && !isPlain(v)) return 'malformed';
      for (const [k, x] of Object.entries(v)) {
        if ((chars += k.length) > limits.chars) return 'too-large';
        stack.push({ v: x, depth: depth + 1 });
      }
    } else if (typeof v !== 'number' && typeof v !== 'boolean' && v !== null && v !== undefined) {
      return 'malformed'; // bigint, symbol, function
    }
  }
  return undefined;
}

const issueText = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): string =>
  issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(message)'}: ${i.message}`)
    .join('; ')
    .slice(0, 300);

/** Reads what a parent posted. Never throws, whatever `data` is (getters, proxies, cycles). */
export function parseParentMessage(data: unknown): Result<ParentMessage, ParentMessageError> {
  let id: RequestId | null = null;
  const fail = (code: FrameErrorCode, message: string) => err<ParentMessageError>({ id, code, message });
  try {
    const bounds = boundsProblem(data);
    if (bounds === 'too-large') return fail('too-large', 'the message is larger than the phone reads');
    if (bounds || typeof data !== 'object' || data === null || Array.isArray(data))
      return fail('malformed', 'a message is a plain JSON object');
    const m = data as Record<string, unknown>;
    const readId = requestIdSchema.safeParse(m['id']);
    if (readId.success) id = readId.data;
    if (m['v'] !== undefined && m['v'] !== FRAME_PROTOCOL_VERSION)
      return fail('unsupported-version', `this phone speaks version ${FRAME_PROTOCOL_VERSION}`);
    if (m['msgtype'] === 'ack') {
      const ack = frameAckSchema.safeParse(m);
      return ack.success
        ? ok({ kind: 'ack', ack: ack.data })
        : fail('malformed', issueText(ack.error.issues));
    }
    const name = m['request'];
    if (typeof name !== 'string') return fail('malformed', 'request: expected a request name');
    if (unsupportedSeedRequests.has(name))
      return fail('not-supported', `${name.slice(0, 40)} is not supported`);
    if (!(frameRequestNames as readonly string[]).includes(name))
      return fail('unknown-request', `unknown request ${JSON.stringify(name.slice(0, 40))}`);
    if (!readId.success) return fail('malformed', 'id: expected a string or a number');
    const request = frameRequestSchema.safeParse(m);
    return request.success
      ? ok({ kind: 'request', request: request.data })
      : fail('malformed', issueText(request.error.issues));
  } catch {
    return fail('malformed', 'the message could not be read');
  }
}
