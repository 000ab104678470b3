// demo/crm.html's outbox, wired: the phone's journal delivers to the sandbox's switchable sink
// (POST /sandbox/events, forwarded to the cache's reference receiver with credentials the page
// never sees), the panel shows its delivery, and the switch takes the receiver offline.
import type { PhoneConfigInput } from '../src/config.ts';
import type { CtiSoftphone } from '../src/element.ts';
import { SANDBOX_EVENTS_PATH } from '../src/sandbox/sink-api.ts';
import { startOutboxPanel } from './outbox-panel.ts';
import type { SandboxPage } from './sandbox-phone.ts';
import { startSinkControl } from './sink-control.ts';

type Log = (type: string, detail: unknown, isError?: boolean) => void;

const webhookUrl = (): string => new URL(SANDBOX_EVENTS_PATH, location.origin).href;

/** The receiver is the cache service's (POST /events): a sink only while the cache runs. */
export function outboxJournal(page: SandboxPage): Omit<NonNullable<PhoneConfigInput['journal']>, 'name'> {
  if (!page.cache.running) return {};
  // No credentials: the sandbox adds the receiver's. A real CRM gives `credentials`, fetched per request.
  return { webhook: { url: webhookUrl(), batchSize: 50, timeoutMs: 5000 } };
}

function note(page: SandboxPage): string {
  return page.cache.running
    ? 'Every event is journaled in this browser (IndexedDB) and POSTed to the sandbox, which hands it to ' +
        "the cache service's reference receiver. Switch the receiver offline, dial a number (a call, a " +
        'hang-up), and watch Pending grow; switch it back online and watch it drain. Refusing turns ' +
        'events into dead letters: switch back online and press Replay.'
    : `No event receiver: the call-data cache is off (${page.cache.reason}). Events are still journaled here.`;
}

function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`demo/crm.html has no #${id}`);
  return el;
}

export function startCrmOutbox(phone: CtiSoftphone, page: SandboxPage, log: Log): void {
  byId('outbox-note', HTMLParagraphElement).textContent = note(page);
  const panel = startOutboxPanel(
    phone,
    {
      sinks: byId('outbox-sinks', HTMLTableSectionElement),
      journal: byId('outbox-journal', HTMLDListElement),
    },
    // The webhook sink is named after its URL (src/journal/webhook-sink.ts).
    { log, ...(page.cache.running ? { readableSink: `webhook:${webhookUrl()}` } : {}) },
  );
  void startSinkControl(byId('sink-switch', HTMLFieldSetElement), page.cache.running, log, panel.refresh);
}
