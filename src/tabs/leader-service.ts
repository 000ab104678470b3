import type { CallRecord } from '../core/call-record.ts';
import type { PhoneCommand } from '../core/commands.ts';
import type { CommandResult, PhoneListener } from '../core/phone-core.ts';
import type { TabChannel } from './channel.ts';
import type { TabJournalStatus } from './journal-status.ts';
import { HISTORY_MAX_RECORDS, type ReplyBody, type RequestBody, type TabMessageOf } from './messages.ts';
import type { ReplayLog } from './replay-log.ts';

/** What the leader's phone offers its followers (the root adapts its phone to this). */
export interface ServedPhone {
  subscribe(listener: PhoneListener): () => void;
  execute(command: PhoneCommand): Promise<CommandResult<{ readonly callId?: string }>>;
  history(limit?: number): Promise<readonly CallRecord[]>;
  journalStatus(): Promise<TabJournalStatus>;
  replayDeadLetters(sink: string): Promise<{ readonly delivered: number; readonly left: number }>;
  mediaStats(callId: string): Promise<Extract<ReplyBody, { op: 'media' }>['stats'] | undefined>;
  onJournalChange(listener: () => void): () => void;
}

/**
 * The leader's side of the channel: every event of its phone goes out as it happens (in the
 * phone's order), a tab that says hello gets a snapshot, a follower's request runs here
 * (a command through the phone's normal command path: this tab's gates, the checks against
 * the real state, the line policy, sip.js) and is answered, and journal changes are told.
 * Announces itself (`leader`, then a snapshot to every tab) on start. Returns the disposer.
 */
export function serveFollowers(
  channel: TabChannel,
  phone: ServedPhone,
  log: ReplayLog,
  stopping: () => boolean = () => false,
): () => void {
  let live = true;
  const offs = [
    phone.subscribe((_state, event) => channel.send({ kind: 'event', event })),
    channel.on('hello', (m) => channel.send({ kind: 'snapshot', to: m.from, events: log.snapshot() })),
    channel.on('request', (m) => void answer(m)),
    phone.onJournalChange(() => channel.send({ kind: 'journal-changed' })),
  ];
  channel.send({ kind: 'leader' });
  channel.send({ kind: 'snapshot', to: '*', events: log.snapshot() });

  async function answer(m: TabMessageOf<'request'>): Promise<void> {
    let body: ReplyBody;
    try {
      body = await run(m.body);
    } catch (e) {
      // Our phone returns errors as values; a throw here is a bug: the follower still hears back.
      if (m.body.op !== 'command') return;
      const message = e instanceof Error ? e.message.slice(0, 200) : 'Command failed';
      body = {
        op: 'command',
        result: { ok: false, error: { code: 'sip-error', message, command: m.body.command.type } },
      };
    }
    if (live) channel.send({ kind: 'reply', to: m.from, id: m.id, body });
  }

  async function run(body: RequestBody): Promise<ReplyBody> {
    switch (body.op) {
      case 'command':
        // A leader hanging up and unregistering takes no new work: a dial now would be placed on
        // a connection about to go (the next leader takes the agent's commands once it leads).
        if (stopping()) {
          const message = 'The leader tab is stopping';
          return {
            op: 'command',
            result: { ok: false, error: { code: 'not-registered', message, command: body.command.type } },
          };
        }
        return { op: 'command', result: await phone.execute(body.command) };
      case 'history':
        return { op: 'history', records: (await phone.history(body.limit)).slice(0, HISTORY_MAX_RECORDS) };
      case 'status':
        return { op: 'status', journal: await phone.journalStatus() };
      case 'replay':
        return { op: 'replay', ...(await phone.replayDeadLetters(body.sink)) };
      case 'media':
        return { op: 'media', stats: (await phone.mediaStats(body.callId)) ?? null };
    }
  }

  return () => {
    live = false;
    offs.forEach((off) => off());
  };
}
