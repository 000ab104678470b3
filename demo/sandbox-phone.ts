// Shared by the sandbox's demo pages (index.html, demo/crm.html): mounts a <cti-softphone> for a
// demo extension of `npm start`'s SIP server (users 1001…1009, password "pw" + extension).
import '../src/define.ts';
import { phoneEventTypes } from '../src/core/events.ts';
import type { CtiSoftphone } from '../src/element.ts';

/** Every DOM event the widget dispatches: one per phone event type, plus the host-facing ones. */
export const widgetEventNames: readonly string[] = [
  ...phoneEventTypes,
  'command-request',
  'command-error',
  'config-error',
].map((type) => `cti-${type}`);

export function mountSandboxPhone(slot: Element, user: string, sipPort: string): CtiSoftphone {
  const phone = document.createElement('cti-softphone');
  phone.config = {
    server: `ws://${location.hostname}:${sipPort}`,
    aor: `sip:${user}@localhost`,
    authorizationUsername: user,
    password: `pw${user}`,
    displayName: `Agent ${user}`,
  };
  slot.append(phone);
  return phone;
}
