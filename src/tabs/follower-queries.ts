import type { CallRecord } from '../core/call-record.ts';
import type { FollowerLink } from './follower-link.ts';
import { asSeenFromFollower, journalElsewhere, type TabJournalStatus } from './journal-status.ts';
import type { ReplyBody } from './messages.ts';
import { isUnanswered } from './requests.ts';

type Stats = NonNullable<Extract<ReplyBody, { op: 'media' }>['stats']>;

/**
 * What a follower asks of the leader besides commands: the journal's status (for getStatus()),
 * the call history, a replay of dead letters, a call's media counters. No answer in time is an
 * empty answer (the journal "opening", no records, nothing replayed, no counters), never a throw.
 */
export function followerQueries(link: FollowerLink) {
  return {
    journal: async (): Promise<TabJournalStatus> => {
      const a = await link.request({ op: 'status' });
      return isUnanswered(a) ? journalElsewhere : asSeenFromFollower(a.journal);
    },
    history: async (limit?: number): Promise<readonly CallRecord[]> => {
      const a = await link.request(limit === undefined ? { op: 'history' } : { op: 'history', limit });
      return isUnanswered(a) ? [] : a.records;
    },
    replay: async (sink: string): Promise<{ readonly delivered: number; readonly left: number }> => {
      const a = await link.request({ op: 'replay', sink });
      return isUnanswered(a) ? { delivered: 0, left: 0 } : { delivered: a.delivered, left: a.left };
    },
    media: async (callId: string): Promise<Stats | undefined> => {
      const a = await link.request({ op: 'media', callId });
      return isUnanswered(a) ? undefined : (a.stats ?? undefined);
    },
  };
}
export type FollowerQueries = ReturnType<typeof followerQueries>;
