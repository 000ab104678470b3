import { z } from 'zod/mini';

/**
 * The journal's status (src/journal/status.ts's JournalStatus) as the leader tab tells it to a
 * follower's getStatus(). tabs/ does not import journal/: the composition root checks that the
 * two agree (a type assertion in src/tabbed-phone.ts fails to compile if they drift).
 */
const text = (max: number) => z.string().check(z.maxLength(max));
const count = () => z.number().check(z.int(), z.nonnegative());

const sinkStatusSchema = z.object({
  name: text(256),
  pending: count(),
  lastAckSeq: count(),
  deadLetters: count(),
  delivery: z.enum(['this-tab', 'another-tab']),
  state: z.enum(['idle', 'delivering', 'retrying']),
  lastError: z.optional(text(1024)),
  retryAt: z.optional(z.number().check(z.nonnegative())),
});

export const journalStatusSchema = z.object({
  state: z.enum(['off', 'opening', 'ok', 'failing', 'unavailable']),
  error: z.optional(text(1024)),
  device: z.optional(text(256)),
  nextSeq: z.optional(count()),
  backlog: count(),
  quarantined: count(),
  storage: z.object({
    persisted: z.optional(z.boolean()),
    usageBytes: z.optional(z.number().check(z.nonnegative())),
    quotaBytes: z.optional(z.number().check(z.nonnegative())),
  }),
  sinks: z.readonly(z.array(sinkStatusSchema).check(z.maxLength(64))),
});
export type TabJournalStatus = z.infer<typeof journalStatusSchema>;

/** What a follower says while no leader has answered: the journal is another tab's, not open here. */
export const journalElsewhere: TabJournalStatus = {
  state: 'opening',
  backlog: 0,
  quarantined: 0,
  storage: {},
  sinks: [],
};

/** The leader's status as a follower tells it: every sink is delivered by another tab. */
export const asSeenFromFollower = (s: TabJournalStatus): TabJournalStatus => ({
  ...s,
  sinks: s.sinks.map((sink) => ({ ...sink, delivery: 'another-tab' as const })),
});
