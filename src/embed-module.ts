import { defineSoftphone } from './define.ts';
import type { PhoneConfigInput } from './config.ts';

/**
 * The script tag's module (dist/embed/cti-softphone.mjs), loaded by the classic script
 * `cti-softphone.js` (src/embed.ts) with the script's data-* attributes. Everything needed to
 * register and ring is in this module and its static imports; the rest (the journal's database
 * code, the call history) is in chunks loaded on first use.
 */
export function mountFromScript(d: Readonly<Record<string, string | undefined>>): void {
  defineSoftphone();
  if (!d['server'] || !d['aor']) return;
  // The password is never read from an attribute: a global async function names the credentials.
  const provider = d['credentials']
    ? (window as unknown as Record<string, unknown>)[d['credentials']]
    : undefined;
  const config: PhoneConfigInput = {
    server: d['server'],
    aor: d['aor'],
    ...(d['username'] ? { authorizationUsername: d['username'] } : {}),
    ...(d['displayName'] ? { displayName: d['displayName'] } : {}),
    ...(typeof provider === 'function' ? { credentials: provider as PhoneConfigInput['credentials'] } : {}),
  };
  const mount = () => {
    const el = document.createElement('cti-softphone');
    el.config = config;
    const host = d['mount'] ? document.querySelector(d['mount']) : null;
    (host ?? document.body).append(el);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount, { once: true });
  else mount();
}
