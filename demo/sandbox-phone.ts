// Shared by the sandbox's demo pages (index.html, demo/crm.html, demo/caller.html): mounts a
// <cti-softphone> for a demo extension of `npm start`'s SIP server (users 1001…1009, password
// "pw" + extension), with the sandbox's call-data cache when it runs.
import '../src/define.ts';
import { phoneEventTypes } from '../src/core/events.ts';
import type { PhoneConfigInput } from '../src/config.ts';
import type { CtiSoftphone } from '../src/element.ts';
import { SANDBOX_JSON_PATH, parseSandboxPage, type SandboxPage } from '../src/sandbox/page-config.ts';

export { cacheNote, type SandboxPage } from '../src/sandbox/page-config.ts';

/** Every DOM event the widget dispatches: one per phone event type, plus the host-facing ones. */
export const widgetEventNames: readonly string[] = [
  ...phoneEventTypes,
  'command-request',
  'command-error',
  'config-error',
].map((type) => `cti-${type}`);

/**
 * The login of the cache `npm start` runs: the seed article's own `username:password`, public
 * demo credentials that the sandbox's cache accepts on loopback only (src/sandbox/sandbox-config.ts).
 * Fine in a demo page; a real CRM page never holds a cache password: its `credentials` provider
 * fetches short-lived ones from its own backend (README, "Screen pop with call data").
 */
export const DEMO_CACHE_LOGIN = { username: 'username', password: 'password' } as const;

/** What `npm start` says at /sandbox.json; a page served otherwise (plain `npx vite`) gets no cache. */
export async function loadSandboxPage(): Promise<SandboxPage> {
  try {
    const response = await fetch(SANDBOX_JSON_PATH, { cache: 'no-store' });
    return parseSandboxPage(response.ok ? await response.json() : undefined);
  } catch {
    return parseSandboxPage(undefined);
  }
}

export interface SandboxPhoneOptions {
  /** The sandbox as /sandbox.json describes it: its cache, when it runs, feeds the screen pop. */
  readonly page?: SandboxPage;
  readonly displayName?: string;
  /** The host's CRM hook (demo/crm.html). */
  readonly crm?: PhoneConfigInput['crm'];
  /** The event journal's sinks (demo/crm.html: the sandbox's switchable webhook). */
  readonly journal?: Omit<NonNullable<PhoneConfigInput['journal']>, 'name'>;
}

/**
 * The journal is one per browser profile by default; the demo runs several extensions in one
 * browser (the CRM page, the caller page, phone tabs), so each extension keeps its own, and the
 * CRM page's outbox shows agent 1001's events only.
 */
export const demoJournalName = (user: string): string => `cti-softphone-demo-${user}`;

export function mountSandboxPhone(
  slot: Element,
  user: string,
  sipPort: string,
  options: SandboxPhoneOptions = {},
): CtiSoftphone {
  const phone = document.createElement('cti-softphone');
  const cache = options.page?.cache;
  phone.config = {
    server: `ws://${location.hostname}:${sipPort}`,
    aor: `sip:${user}@localhost`,
    authorizationUsername: user,
    password: `pw${user}`,
    displayName: options.displayName ?? `Agent ${user}`,
    // Seed 000: a ringing call is looked up by DNIS:ANI, and the entry consumed (DELETE) once read.
    ...(cache?.running
      ? { cache: { url: cache.url, credentials: async () => ({ ...DEMO_CACHE_LOGIN }), consume: true } }
      : {}),
    ...(options.crm ? { crm: options.crm } : {}),
    journal: { ...options.journal, name: demoJournalName(user) },
  };
  slot.append(phone);
  return phone;
}
