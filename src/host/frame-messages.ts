import { z } from 'zod/mini';
import { callStates } from '../core/call-machine.ts';
import { lookupSources, lookupStatuses } from '../core/call-data.ts';
import { disconnectReasons, registrationStates, transferPhases, transportStates } from '../core/events.ts';
import { FRAME_PROTOCOL_VERSION, requestIdSchema } from './frame-protocol.ts';

/**
 * What the framed phone sends its parent, in seed 003's vocabulary: `ready` once it listens, one
 * `response` per request, and the journal's events as `{ msgtype: "event", eventtype, … }`, each
 * with the journal's `id` (acknowledge it) and `seq`. Every outgoing message is checked against
 * these schemas before it is posted: the parent can rely on them as a contract.
 */
const v = z.literal(FRAME_PROTOCOL_VERSION);
const text = (max: number) => z.string().check(z.maxLength(max));
const nonEmpty = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const number = text(256);

/** Posted once the bridge listens: the parent answers with `credentials` and `subscribe`. */
export const frameReadySchema = z.object({ v, msgtype: z.literal('ready'), extension: text(64) });

/** Seed 003's snapshot states, from the call's own state (`callstate`). */
export const seedCallStates = ['initiate', 'alerting', 'connect', 'hold', 'null'] as const;
const snapshotCall = z.object({
  callid: nonEmpty(128),
  state: z.enum(seedCallStates),
  callstate: z.enum(callStates),
  direction: z.enum(['inbound', 'outbound']),
  numparty: z.number().check(z.int(), z.gte(0)),
  party: z.array(z.object({ extension: number })).check(z.maxLength(8)),
});

const response = { v, msgtype: z.literal('response'), id: z.nullable(requestIdSchema) };
export const frameResponseSchema = z.union([
  z.object({
    ...response,
    result: z.literal('success'),
    error: z.literal(''),
    callid: z.optional(nonEmpty(128)),
    ucid: z.optional(nonEmpty(128)),
    /** snapshot */
    extension: z.optional(text(64)),
    numcall: z.optional(z.number().check(z.int(), z.gte(0))),
    list: z.optional(z.array(snapshotCall).check(z.maxLength(8))),
    registration: z.optional(z.enum(registrationStates)),
    transport: z.optional(z.enum(transportStates)),
  }),
  z.object({ ...response, result: z.literal('failure'), error: nonEmpty(64), message: text(300) }),
]);
export type FrameResponse = z.infer<typeof frameResponseSchema>;

const event = {
  v,
  msgtype: z.literal('event'),
  /** The journal's event id: acknowledge it with `{ msgtype: "ack", ids: [id] }`. */
  id: z.uuid(),
  /** The journal's seq (per device, gapless): `{ msgtype: "ack", seq }` acknowledges up to it. */
  seq: z.number().check(z.int(), z.gte(0)),
  device: text(128),
  /** Seed 003's `time`: epoch seconds; `at` is the same moment in milliseconds. */
  time: z.number().check(z.int(), z.gte(0)),
  at: z.number().check(z.gte(0)),
};
const call = { ...event, callid: nonEmpty(128), ucid: nonEmpty(128) };
const type = <T extends string>(t: T) => ({ eventtype: z.literal(t) });
const opt = z.optional(number);

export const frameEventSchema = z.discriminatedUnion('eventtype', [
  z.object({
    ...call,
    ...type('offer'),
    calling: number,
    called: number,
    alerting: number,
    /** The first User-to-User header's data, as it came. */
    uui: text(8192),
    /** The INVITE's call data (X-Call-Data) as JSON text. */
    custdata: text(1_000_000),
  }),
  z.object({ ...call, ...type('dial'), calling: number, called: number }),
  z.object({ ...call, ...type('alert'), calling: opt, called: opt, alerting: opt }),
  z.object({ ...call, ...type('connect'), calling: opt, called: opt, answering: opt }),
  z.object({ ...call, ...type('hold'), holding: number }),
  z.object({ ...call, ...type('retrieve'), retrieving: number }),
  z.object({ ...call, ...type('mute'), muted: z.boolean() }),
  z.object({ ...call, ...type('dtmf'), dtmf: nonEmpty(64) }),
  z.object({
    ...call,
    ...type('transfer'),
    transferring: number,
    transferred: text(1024),
    phase: z.enum(transferPhases),
  }),
  z.object({
    ...call,
    ...type('disconnect'),
    releasing: opt,
    reason: z.enum(disconnectReasons),
    code: z.optional(z.number().check(z.int())),
  }),
  z.object({
    ...call,
    ...type('fail'),
    failing: opt,
    called: opt,
    /** The SIP status code (0: a local failure: media, transport). */
    cause: z.number().check(z.int(), z.gte(0)),
    causetext: text(512),
  }),
  z.object({
    ...call,
    ...type('calldata'),
    source: z.enum(lookupSources),
    status: z.enum(lookupStatuses),
    custdata: z.optional(text(1_000_000)),
    name: z.optional(text(256)),
    reason: z.optional(text(256)),
  }),
  z.object({ ...event, ...type('idle'), extension: text(64) }),
  z.object({
    ...event,
    ...type('registration'),
    state: z.enum(registrationStates),
    reason: z.optional(text(512)),
  }),
  z.object({ ...event, ...type('transport'), state: z.enum(transportStates) }),
  z.object({
    ...event,
    ...type('error'),
    code: text(64),
    message: text(1024),
    callid: z.optional(text(128)),
  }),
]);
export type FrameEvent = z.infer<typeof frameEventSchema>;
export type FrameEventType = FrameEvent['eventtype'];

export const frameOutgoingSchema = z.union([frameReadySchema, frameResponseSchema, frameEventSchema]);
export type FrameOutgoing = z.infer<typeof frameOutgoingSchema>;
