// The sandbox's standalone phone tab (demo/phone.html): a full-size phone for one demo extension
// (?user=1001, the default) that offers to open tel: and sip: links (?dial=<link>), asks before it
// dials one, and hands a link to the phone tab already open instead of starting a second phone.
import type { CtiSoftphone } from '../src/element.ts';
import { linkTemplate } from '../src/standalone/dial-link.ts';
import { registerPhoneLinks } from '../src/standalone/phone-links.ts';
import { startPhoneTab, type PhoneTabStatus } from '../src/standalone/phone-tab.ts';
import { loadSandboxPage, mountSandboxPhone } from './sandbox-phone.ts';

const requested = new URLSearchParams(location.search).get('user') ?? '1001';
const user = /^\d{3,6}$/.test(requested) ? requested : '1001';
// `npm start` exports the SIP port it really listens on (Vite's import.meta.env); 5066 otherwise.
const env = (import.meta as ImportMeta & { env?: Record<string, string | undefined> }).env;
const sipPort = env?.['VITE_CTI_SANDBOX_SIP_PORT'] ?? '5066';

const byId = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`demo/phone.html has no #${id}`);
  return el as T;
};
const status = byId<HTMLParagraphElement>('status');
const slot = byId<HTMLDivElement>('phone-slot');
const linksButton = byId<HTMLButtonElement>('handle-links');
const linksNote = byId<HTMLParagraphElement>('links-note');
const title = `Phone ${user}`;

byId('who').textContent = `· extension ${user}`;
document.title = `${title} · cti-softphone sandbox`;

function statusText(s: PhoneTabStatus): string {
  switch (s.kind) {
    case 'waiting':
      return `Your phone (extension ${user}) is open in another tab. This tab takes over if that one closes.`;
    case 'handed-off':
      return `${s.number} went to your phone tab, which asks you before it calls. You can close this tab.`;
    case 'phone':
      return '';
    case 'offer':
      // Once asked, the phone's own "Call <number>?" (with Call and Cancel) is the prompt.
      return s.asked ? '' : `${s.number}: the phone asks you to confirm once it is registered…`;
  }
}

function show(s: PhoneTabStatus): void {
  status.textContent = statusText(s);
  document.title = s.kind === 'offer' ? `Call ${s.number}? · ${title}` : `${title} · cti-softphone sandbox`;
  linksButton.hidden = linksNote.hidden = s.kind !== 'phone' && s.kind !== 'offer';
}

linksButton.addEventListener('click', () => {
  const result = registerPhoneLinks(linkTemplate(location.href));
  linksNote.textContent = result.ok
    ? `tel: and sip: links open this tab for extension ${user} once you allow it in the browser's prompt (or its site settings).`
    : result.error;
});
linksNote.textContent =
  'Handle phone links: tel: and sip: links on other pages then open this tab, which asks before it calls.';

async function main(): Promise<void> {
  const page = await loadSandboxPage();
  let phone: CtiSoftphone | undefined;
  const tab = startPhoneTab({
    // The demo's phones register sip:<user>@localhost: one phone tab per extension.
    key: `sip:${user}@localhost`,
    url: location.href,
    mount: () => (phone = mountSandboxPhone(slot, user, sipPort, { page })),
    onStatus: show,
  });
  await tab.ready;
  phone?.addEventListener('cti-dial', () => show({ kind: 'phone' }));
}

main().catch((error: unknown) => {
  status.textContent = `The phone failed to load: ${error instanceof Error ? error.message : String(error)}`;
});
