// demo/crm.html: "Acme CRM", embedding the widget as agent 1001 with the CRM lookup hook against its own
// contact table (crm-contacts.ts), the sandbox's cache for seed 000 transfers, a log of cti-* events,
// and the outbox: the journal delivering to a receiver the page can switch off (crm-outbox.ts).
import { CONTACTS, contactLookup, contactRowId, type Contact } from './crm-contacts.ts';
import { outboxJournal, startCrmOutbox } from './crm-outbox.ts';
import { cacheNote, loadSandboxPage, mountSandboxPhone, widgetEventNames } from './sandbox-phone.ts';
import type { CtiSoftphone } from '../src/element.ts';

const AGENT = '1001';
/** The CRM "API" answers after this long, so the popup is seen filling in from its three sources. */
const CRM_LATENCY_MS = 150;

function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`demo/crm.html has no #${id}`);
  return el;
}

const cell = (text: string): HTMLTableCellElement => {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
};

/** The contact table, one row per contact with the id its CRM record link points at. Text only. */
function renderContacts(body: HTMLTableSectionElement, contacts: readonly Contact[]): void {
  body.replaceChildren(
    ...contacts.map((contact) => {
      const row = document.createElement('tr');
      row.id = contactRowId(contact);
      const phone = cell('');
      const link = document.createElement('a');
      link.href = `tel:${contact.phone}`;
      link.textContent = contact.phone;
      phone.append(link);
      row.append(cell(contact.name), cell(contact.company), cell(contact.tier), phone, cell(contact.note));
      return row;
    }),
  );
}

/** The widget's events, newest first, as text. */
function eventLog(list: HTMLOListElement): (type: string, detail: unknown, isError?: boolean) => void {
  return (type, detail, isError = false) => {
    const item = document.createElement('li');
    if (isError) item.className = 'error';
    const time = document.createElement('span');
    time.textContent = `${new Date().toLocaleTimeString()} `;
    const name = document.createElement('span');
    name.className = 'type';
    name.textContent = type;
    const body = document.createElement('span');
    body.textContent = detail === undefined ? '' : ` ${JSON.stringify(detail)}`;
    item.append(time, name, body);
    list.prepend(item);
  };
}

/**
 * The popup's record link points at a row of this page: show it here (the row is highlighted by
 * :target) rather than in a new tab, where a second copy of this page would register 1001 again.
 */
function keepRecordLinksInPage(): void {
  document.addEventListener('click', (event) => {
    const link = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!link || link.getAttribute('part') !== 'record-link') return;
    const url = new URL(link.href);
    if (url.origin !== location.origin || url.pathname !== location.pathname || url.hash === '') return;
    event.preventDefault();
    location.hash = url.hash;
  });
}

/** Click-to-call: tel: links dial through the widget instead of the OS handler. */
function clickToCall(phone: CtiSoftphone, log: ReturnType<typeof eventLog>): void {
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href^="tel:"]') : null;
    if (!link) return;
    event.preventDefault();
    const number = decodeURIComponent(link.getAttribute('href')?.slice(4) ?? '').replace(/[^\d+*#]/g, '');
    const api = phone.phone;
    if (!api) return log('page', 'the phone is not ready yet', true);
    void api.dial(number).then((result) => {
      if (!result.ok) log('page', { dial: number, error: result.error }, true);
    });
    return undefined;
  });
}

/** Wires the page; `sipPort` is the sandbox SIP server's (the HTML reads it from import.meta.env). */
export async function startCrmPage(sipPort: string): Promise<void> {
  const list = byId('log', HTMLOListElement);
  const log = eventLog(list);
  byId('clear-log', HTMLButtonElement).addEventListener('click', () => list.replaceChildren());
  renderContacts(byId('contacts', HTMLTableSectionElement), CONTACTS);
  for (const name of widgetEventNames)
    document.addEventListener(name, (e) => {
      if (e instanceof CustomEvent) log(e.type, e.detail, /error|fail/.test(name));
    });

  const page = await loadSandboxPage();
  byId('cache-note', HTMLParagraphElement).textContent = cacheNote(page.cache);
  const lookup = contactLookup(CONTACTS, { pageUrl: location.href, latencyMs: CRM_LATENCY_MS });
  const phone = mountSandboxPhone(byId('phone-slot', HTMLDivElement), AGENT, sipPort, {
    page,
    crm: { lookup },
    journal: outboxJournal(page),
  });
  startCrmOutbox(phone, page, log);
  keepRecordLinksInPage();
  clickToCall(phone, log);
}
