import { z } from 'zod/mini';
import { callRecordSchema } from '../core/call-record.ts';
import { callStates } from '../core/call-machine.ts';
import { commandErrorCodes, phoneCommandSchema, type PhoneCommandType } from '../core/commands.ts';
import { phoneEventSchema } from '../core/events.ts';
import { journalStatusSchema } from './journal-status.ts';

/**
 * What the tabs of one agent (one AOR, one origin, one browser profile) say to each other on
 * their BroadcastChannel. Every message is parsed with these schemas before anything acts on it:
 * a message that does not parse (another version of the widget, a hostile script of the same
 * origin, garbage) is dropped and counted, never half-read.
 *
 *   event            leader → all    one of the leader's stamped events, in order (followers ingest it)
 *   hello            tab → all       a tab joined: the leader answers with a snapshot
 *   snapshot         leader → tab    the events that rebuild the leader's state (`to`: a tab or '*')
 *   leader           leader → all    this tab holds the lock now (requests to the old one are lost)
 *   request/reply    follower ⇄ leader  a command, the history, the journal's status, a replay, media counters
 *   visible          tab → all       whether the agent looks at this tab (visibility, focus, since when)
 *   attention        leader → all    the tab the popup and the notification belong to
 *   journal-changed  leader → all    the journal's status may read differently (history, cti-status)
 *   bye              tab → all       the tab leaves (stopped, or its page is going away)
 */
export const TAB_PROTOCOL = 1;

const tabId = z.string().check(z.minLength(1), z.maxLength(64));
const requestId = z.string().check(z.minLength(1), z.maxLength(64));
const callId = z.string().check(z.minLength(1), z.maxLength(128));
const count = () => z.number().check(z.int(), z.nonnegative());
/** A snapshot never needs more: a few live calls' events, the last registration and transport. */
export const SNAPSHOT_MAX_EVENTS = 2000;
export const HISTORY_MAX_RECORDS = 1000;

const envelope = { v: z.literal(TAB_PROTOCOL), from: tabId };

const event = z.object({ ...envelope, kind: z.literal('event'), event: phoneEventSchema });
const hello = z.object({ ...envelope, kind: z.literal('hello') });
const snapshot = z.object({
  ...envelope,
  kind: z.literal('snapshot'),
  to: tabId,
  events: z.array(phoneEventSchema).check(z.maxLength(SNAPSHOT_MAX_EVENTS)),
});
const leader = z.object({ ...envelope, kind: z.literal('leader') });
const visible = z.object({
  ...envelope,
  kind: z.literal('visible'),
  visible: z.boolean(),
  focused: z.boolean(),
  /** When the agent last looked at the tab (it became visible or took focus), epoch ms. */
  at: z.number().check(z.nonnegative()),
});
const attention = z.object({ ...envelope, kind: z.literal('attention'), tab: tabId });
const journalChanged = z.object({ ...envelope, kind: z.literal('journal-changed') });
const bye = z.object({ ...envelope, kind: z.literal('bye') });

/** What a follower asks of the leader. */
export const requestBodySchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('command'), command: phoneCommandSchema }),
  z.object({ op: z.literal('history'), limit: z.optional(count().check(z.lte(HISTORY_MAX_RECORDS))) }),
  z.object({ op: z.literal('status') }),
  z.object({ op: z.literal('replay'), sink: z.string().check(z.maxLength(256)) }),
  z.object({ op: z.literal('media'), callId }),
]);
export type RequestBody = z.infer<typeof requestBodySchema>;
const request = z.object({ ...envelope, kind: z.literal('request'), id: requestId, body: requestBodySchema });

const commandNames = [
  'dial',
  'answer',
  'reject',
  'hangup',
  'hold',
  'resume',
  'mute',
  'dtmf',
  'transfer',
  'swap',
  'unknown',
] as const satisfies readonly (PhoneCommandType | 'unknown')[];
// Every command type is named above (a new one fails to compile here until it is added).
const _allNamed: Exclude<PhoneCommandType, (typeof commandNames)[number]> extends never ? true : never = true;

const commandError = z.object({
  code: z.enum(commandErrorCodes),
  message: z.string().check(z.maxLength(1024)),
  command: z.enum(commandNames),
  callId: z.optional(callId),
  state: z.optional(z.enum(callStates)),
});
export const commandResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.object({ callId: z.optional(callId) }) }),
  z.object({ ok: z.literal(false), error: commandError }),
]);
const mediaStats = z.object({
  inboundBytes: count(),
  outboundBytes: count(),
  inboundPackets: count(),
  inboundAudioEnergy: z.number().check(z.nonnegative()),
});

/** The leader's answer, of the request's op. */
export const replyBodySchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('command'), result: commandResultSchema }),
  z.object({
    op: z.literal('history'),
    records: z.array(callRecordSchema).check(z.maxLength(HISTORY_MAX_RECORDS)),
  }),
  z.object({ op: z.literal('status'), journal: journalStatusSchema }),
  z.object({ op: z.literal('replay'), delivered: count(), left: count() }),
  z.object({ op: z.literal('media'), stats: z.nullable(mediaStats) }),
]);
export type ReplyBody = z.infer<typeof replyBodySchema>;
const reply = z.object({
  ...envelope,
  kind: z.literal('reply'),
  to: tabId,
  id: requestId,
  body: replyBodySchema,
});

export const tabMessageSchema = z.discriminatedUnion('kind', [
  event,
  hello,
  snapshot,
  leader,
  request,
  reply,
  visible,
  attention,
  journalChanged,
  bye,
]);
export type TabMessage = z.infer<typeof tabMessageSchema>;
export type TabMessageKind = TabMessage['kind'];
export type TabMessageOf<K extends TabMessageKind> = Extract<TabMessage, { kind: K }>;
/** A message as a tab sends it: the channel adds the protocol version and the sender. */
export type OutgoingOf<K extends TabMessageKind> = Omit<TabMessageOf<K>, 'v' | 'from'>;
export type Outgoing = { [K in TabMessageKind]: OutgoingOf<K> }[TabMessageKind];

/** The message, or undefined when it is not one of ours (never throws, whatever `data` is). */
export function parseTabMessage(data: unknown): TabMessage | undefined {
  try {
    const r = tabMessageSchema.safeParse(data);
    return r.success ? r.data : undefined;
  } catch {
    return undefined; // a getter that throws, a revoked proxy: not a message
  }
}
