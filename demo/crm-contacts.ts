// The demo CRM's contact list and its lookup hook for the widget (`config.crm.lookup`): the caller's
// number → the contact, as the screen pop's "CRM" source. Pure (no DOM): test/sandbox tests it.
import type { CrmLookup, CrmLookupCall, CrmLookupResult } from '../src/calldata/crm-lookup.ts';

export interface Contact {
  readonly name: string;
  readonly company: string;
  readonly tier: 'Platinum' | 'Gold' | 'Silver' | 'Standard';
  readonly owner: string;
  /** As the phone system signals it: an extension here, an E.164 number in real life. */
  readonly phone: string;
  readonly note: string;
}

export const CONTACTS: readonly Contact[] = [
  {
    name: 'Ada Lovelace',
    company: 'Analytical Engines',
    tier: 'Gold',
    owner: 'J. Smith',
    phone: '1002',
    note: 'answers when phone 1002 is open',
  },
  {
    name: 'Grace Hopper',
    company: 'Compilers Inc.',
    tier: 'Platinum',
    owner: 'J. Smith',
    phone: '1003',
    note: 'answers when phone 1003 is open',
  },
  {
    name: 'Alan Turing',
    company: 'Bletchley Park',
    tier: 'Silver',
    owner: 'R. Patel',
    phone: '1004',
    note: 'a valid extension, usually offline (480)',
  },
  {
    name: 'Maria Garcia',
    company: 'Garcia Logistics',
    tier: 'Gold',
    owner: 'R. Patel',
    phone: '1009',
    note: 'the caller page (demo/caller.html) calls as 1009',
  },
  {
    name: 'Nobody Known',
    company: 'Nowhere Ltd.',
    tier: 'Standard',
    owner: '—',
    phone: '1999',
    note: 'does not exist (404)',
  },
];

/** The id of a contact's row: the CRM record the popup links to is `#contact-<phone>`. */
export const contactRowId = (contact: Contact): string => `contact-${contact.phone.replace(/[^0-9]/g, '')}`;

/** A number as signalled or as written (`+1 (555) 010-1009`, `1009`), reduced to its digits. */
export function phoneKey(number: string): string {
  return number.replace(/[^0-9]/g, '');
}

/** The contact whose phone is the caller's: the ANI the widget derived, else the From user. */
export function findContact(
  contacts: readonly Contact[],
  call: Pick<CrmLookupCall, 'ani' | 'from'>,
): Contact | undefined {
  const key = phoneKey(call.ani ?? call.from.number);
  return key === '' ? undefined : contacts.find((c) => phoneKey(c.phone) === key);
}

export interface LookupOptions {
  /** The page the records live on (its URL without the #fragment): the record link is a row of it. */
  readonly pageUrl: string;
  /** Pretend the CRM is a remote API that answers after this long (0: at once), so the popup is seen filling in. */
  readonly latencyMs?: number;
}

/**
 * The hook for `config.crm.lookup`: a contact found by number gives a name, a few fields and a
 * link to its row; an unknown number gives nothing (the popup shows no CRM data). Cheap (a scan
 * of a short list) and it honours the signal: an aborted lookup rejects at once, never answers.
 */
export function contactLookup(contacts: readonly Contact[], options: LookupOptions): CrmLookup {
  return async (call, { signal }): Promise<CrmLookupResult | undefined> => {
    await delay(options.latencyMs ?? 0, signal);
    const contact = findContact(contacts, call);
    if (contact === undefined) return undefined;
    const record = new URL(`#${contactRowId(contact)}`, options.pageUrl);
    return {
      name: contact.name,
      fields: { company: contact.company, tier: contact.tier, accountOwner: contact.owner },
      record: { url: record.href, label: `${contact.name} in Acme CRM` },
    };
  };
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortReason(signal));
    if (ms <= 0) return resolve();
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    return undefined;
  });
}

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('The lookup was aborted', 'AbortError');
