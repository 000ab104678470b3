// demo/crm.html's outbox: the phone's journal as `cti-status` / getStatus() tell it, one table row
// per sink (state, pending, last acknowledged seq, what the receiver holds, dead letters with a
// Replay button, the last error) and a line on the journal itself (device, storage). Text only.
import type { CtiSoftphone } from '../src/element.ts';
import type { JournalStatus, SinkStatus } from '../src/journal/status.ts';
import type { PhoneStatus } from '../src/phone-status.ts';
import { countReceived, type ReceiverCount } from './receiver-count.ts';

type Log = (type: string, detail: unknown, isError?: boolean) => void;
const FIELDS = ['sink', 'state', 'pending', 'delivered', 'received', 'dead', 'error'] as const;
type Field = (typeof FIELDS)[number];

interface SinkRow {
  readonly row: HTMLTableRowElement;
  readonly cells: Readonly<Record<Field, HTMLElement>>;
  readonly replay: HTMLButtonElement;
}

export interface OutboxPanelParts {
  /** One row per sink. */
  readonly sinks: HTMLTableSectionElement;
  /** The journal's own state: `<dd data-field=…>` are filled in. */
  readonly journal: HTMLElement;
}

export interface OutboxPanelOptions {
  /** The sink whose receiver this page can read back (the sandbox's webhook). */
  readonly readableSink?: string;
  readonly log: Log;
}

const time = (epochMs: number): string => new Date(epochMs).toLocaleTimeString();
const megabytes = (bytes: number): string => `${(bytes / 1_000_000).toFixed(1)} MB`;

function storageText(storage: JournalStatus['storage']): string {
  const persisted =
    storage.persisted === undefined
      ? 'persistence: no answer yet'
      : storage.persisted
        ? 'persisted'
        : 'not persisted (the browser may evict it under storage pressure)';
  const used =
    storage.usageBytes !== undefined && storage.quotaBytes !== undefined
      ? `, ${megabytes(storage.usageBytes)} of ${megabytes(storage.quotaBytes)} used`
      : '';
  return `${persisted}${used}`;
}

function errorText(sink: SinkStatus): string {
  const next =
    sink.state === 'retrying' && sink.retryAt !== undefined ? ` (next try ${time(sink.retryAt)})` : '';
  return `${sink.lastError ?? '—'}${next}`;
}

function receivedText(received: ReceiverCount | undefined): string {
  if (received === undefined) return '…';
  return `${received.count}${received.more ? '+' : ''}${received.count > 0 ? ` (up to seq ${received.lastSeq})` : ''}`;
}

function fillJournal(list: HTMLElement, journal: JournalStatus): void {
  const values: Record<string, string> = {
    state: journal.error ? `${journal.state}: ${journal.error}` : journal.state,
    device: journal.device ?? '—',
    'next-seq': journal.nextSeq === undefined ? '—' : String(journal.nextSeq),
    backlog: String(journal.backlog),
    quarantined: String(journal.quarantined),
    storage: storageText(journal.storage),
  };
  for (const dd of list.querySelectorAll('dd[data-field]')) {
    const field = dd.getAttribute('data-field') ?? '';
    if (field in values) dd.textContent = values[field] ?? '';
  }
}

export interface OutboxPanel {
  /** Reads the receiver again (e.g. after the switch changed). */
  refresh(): void;
}

export function startOutboxPanel(
  phone: CtiSoftphone,
  parts: OutboxPanelParts,
  options: OutboxPanelOptions,
): OutboxPanel {
  const rows = new Map<string, SinkRow>();
  const replaying = new Set<string>();
  let latest: PhoneStatus | undefined;
  let received: ReceiverCount | undefined;

  const replay = (name: string) => {
    replaying.add(name);
    render();
    void phone
      .replayDeadLetters(name)
      .then(
        (result) => options.log('outbox', { replayed: name, ...result }, result.left > 0),
        (e: unknown) => options.log('outbox', `replay failed: ${String(e)}`, true),
      )
      .finally(() => {
        replaying.delete(name);
        render();
      });
  };

  const rowFor = (name: string): SinkRow => {
    const known = rows.get(name);
    if (known) return known;
    const row = document.createElement('tr');
    row.dataset['sink'] = name;
    const td = () => document.createElement('td');
    const cells: Record<Field, HTMLElement> = {
      sink: td(),
      state: td(),
      pending: td(),
      delivered: td(),
      received: td(),
      dead: td(),
      error: td(),
    };
    for (const field of FIELDS) cells[field].dataset['field'] = field;
    const count = document.createElement('span');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Replay';
    button.dataset['action'] = 'replay';
    button.addEventListener('click', () => replay(name));
    cells.dead.append(count, ' ', button);
    row.append(...FIELDS.map((f) => cells[f]));
    parts.sinks.append(row);
    const made = { row, cells: { ...cells, dead: count }, replay: button };
    rows.set(name, made);
    return made;
  };

  function render(): void {
    const journal = latest?.journal;
    if (!journal) return;
    fillJournal(parts.journal, journal);
    for (const sink of journal.sinks) {
      const { cells, replay: button } = rowFor(sink.name);
      cells.sink.textContent = sink.name;
      cells.state.textContent = sink.state;
      cells.pending.textContent = String(sink.pending);
      cells.delivered.textContent = String(sink.lastAckSeq);
      cells.received.textContent = sink.name === options.readableSink ? receivedText(received) : '—';
      cells.dead.textContent = String(sink.deadLetters);
      cells.error.textContent = errorText(sink);
      button.disabled = sink.deadLetters === 0 || replaying.has(sink.name);
    }
  }

  // One count in flight; a status arriving meanwhile asks for one more afterwards.
  let counting = false;
  let again = false;
  const count = () => {
    const device = latest?.journal.device;
    if (options.readableSink === undefined || device === undefined) return;
    if (counting) return void (again = true);
    counting = true;
    void countReceived(device)
      .then((answer) => {
        received = answer;
        render();
      })
      .finally(() => {
        counting = false;
        if (!again) return;
        again = false;
        count();
      });
  };

  const show = (status: PhoneStatus) => {
    latest = status;
    render();
    count();
  };
  phone.addEventListener('cti-status', (event) => show(event.detail));
  void phone.getStatus().then((status) => status && !latest && show(status));
  return { refresh: count };
}
