// Browser-side: CRM tabs with their own <cti-softphone> and event journal
// (fixtures/journal-phone.html), opened, crashed and closed through page-plugin.mjs; what their
// journal left in IndexedDB (same origin as the test page); what the reference receiver got.
import { executeServerCommand } from '@web/test-runner-commands';
import { openDB } from 'idb';
import { z } from 'zod';
import { cacheInfo } from './cache.ts';
import {
  Message,
  settingsToQuery,
  type JournalPhoneSettings,
  type PhoneReport,
  type Secrets,
} from './fixtures/journal-phone.messages.ts';
import { kamailioInfo, passwordOf } from './kamailio.ts';
import { waitFor } from './wait.ts';

export interface JournalTab {
  /** The plugin's id of the tab. */
  readonly id: string;
  /** The tab's name on the channel. */
  readonly page: string;
  /** Resolves with the first report (the latest one included) that satisfies `ok`. */
  until(ok: (r: PhoneReport) => boolean, what: string, timeout?: number): Promise<PhoneReport>;
}

export interface TabOptions {
  readonly user: string;
  readonly journal: string;
  readonly heartbeatMs: number;
  readonly answer?: 'auto' | 'manual';
}

const Opened = z.object({ id: z.string() });
const FIXTURE = '/test/e2e/fixtures/journal-phone.html';

/** Every tab a test opened: crash or close them, and close the rest in afterEach. */
export class JournalTabs {
  readonly #channel = new BroadcastChannel(`journal-tabs-${crypto.randomUUID()}`);
  readonly #reports = new Map<string, PhoneReport>();
  readonly #pending = new Map<string, Secrets>();
  readonly #open = new Set<string>();
  #count = 0;

  constructor() {
    this.#channel.addEventListener('message', (e: MessageEvent<unknown>) => {
      const m = Message.safeParse(e.data);
      if (!m.success) return;
      if (m.data.kind === 'state') this.#reports.set(m.data.page, m.data);
      const secrets = m.data.kind === 'hello' ? this.#pending.get(m.data.page) : undefined;
      if (secrets) {
        this.#pending.delete(secrets.page);
        this.#channel.postMessage(secrets);
      }
    });
  }

  /** Opens a tab of the fixture and hands it its secrets once it asks (over the channel only). */
  async open(o: TabOptions): Promise<JournalTab> {
    const [{ wsUrl, domain }, receiver] = await Promise.all([kamailioInfo(), cacheInfo()]);
    const page = `tab${++this.#count}`;
    this.#pending.set(page, {
      kind: 'secrets',
      page,
      sipPassword: passwordOf(o.user),
      receiver: { username: receiver.username, password: receiver.password },
    });
    const settings: JournalPhoneSettings = {
      channel: this.#channel.name,
      page,
      server: wsUrl,
      domain,
      user: o.user,
      journal: o.journal,
      webhook: `${receiver.url}/events`,
      heartbeatMs: o.heartbeatMs,
      answer: o.answer ?? 'manual',
    };
    const { id } = Opened.parse(
      await executeServerCommand('page-open', {
        url: `${location.origin}${FIXTURE}?${settingsToQuery(settings)}`,
      }),
    );
    this.#open.add(id);
    return {
      id,
      page,
      until: (ok, what, timeout = 15_000) =>
        waitFor(
          () => {
            const r = this.#reports.get(page);
            return r && ok(r) ? r : undefined;
          },
          {
            timeout,
            what: () => `${page}: ${what} (last report: ${JSON.stringify(this.#reports.get(page))})`,
          },
        ),
    };
  }

  /** CDP Page.crash: the renderer dies mid-whatever; resolves once the tab is gone. */
  async crash(tab: JournalTab): Promise<void> {
    this.#open.delete(tab.id);
    await executeServerCommand('page-crash', { id: tab.id });
  }

  /** Closes the tab without running its beforeunload handlers; resolves once it is gone. */
  async close(tab: JournalTab): Promise<void> {
    this.#open.delete(tab.id);
    await executeServerCommand('page-close', { id: tab.id, runBeforeUnload: false });
  }

  /** For afterEach: closes every tab still open and the channel. */
  async dispose(): Promise<void> {
    const ids = [...this.#open];
    this.#open.clear();
    for (const id of ids) await executeServerCommand('page-close', { id, runBeforeUnload: false });
    this.#channel.close();
  }
}

const ReceivedEvent = z.looseObject({
  id: z.string(),
  seq: z.number().int(),
  type: z.string(),
  at: z.number(),
  callId: z.string().optional(),
  reason: z.string().optional(),
});
export type ReceivedEvent = z.infer<typeof ReceivedEvent>;
const Received = z.object({ events: z.array(ReceivedEvent) });

/** Everything the reference receiver holds for `device`, in seq order (GET /events). */
export async function receivedEvents(device: string): Promise<ReceivedEvent[]> {
  const { url, username, password } = await cacheInfo();
  const all: ReceivedEvent[] = [];
  for (;;) {
    const after = all.at(-1)?.seq ?? 0;
    const r = await fetch(`${url}/events?device=${encodeURIComponent(device)}&after=${after}&limit=1000`, {
      headers: { authorization: `Basic ${btoa(`${username}:${password}`)}` },
    });
    if (!r.ok) throw new Error(`GET /events answered ${r.status}`);
    const page = Received.parse(await r.json()).events;
    all.push(...page);
    if (page.length < 1000) return all;
  }
}

const LiveEntry = z.object({ owner: z.string(), at: z.number(), calls: z.array(z.string()) });
export type LiveEntry = z.infer<typeof LiveEntry>;

/**
 * The journal's live-call entries (`live:<owner>` in its `meta` store, see src/journal/live-calls.ts),
 * read straight from IndexedDB: what a dead tab left behind, and its last heartbeat.
 */
export async function liveEntries(journal: string): Promise<LiveEntry[]> {
  const known = (await indexedDB.databases()).some((d) => d.name === journal);
  if (!known) return [];
  const db = await openDB(journal);
  try {
    if (!db.objectStoreNames.contains('meta')) return [];
    const range = IDBKeyRange.bound('live:', 'live:\uffff');
    return (await db.getAll('meta', range)).flatMap((v: unknown) => {
      const entry = LiveEntry.safeParse(v);
      return entry.success ? [entry.data] : [];
    });
  } finally {
    db.close();
  }
}

/** Deletes a journal database once nothing has it open (bounded: a stuck deletion fails the test). */
export function deleteJournal(journal: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(journal);
    const timer = setTimeout(() => reject(new Error(`deleting ${journal} stayed blocked`)), 10_000);
    request.onsuccess = () => (clearTimeout(timer), resolve());
    request.onerror = () => (clearTimeout(timer), reject(request.error ?? new Error('deleteDatabase')));
  });
}
