import { defineSoftphone } from './define.ts';
import type { PhoneConfigInput } from './config.ts';

/**
 * Script-tag entry (IIFE bundle `cti-softphone.js`):
 *   <script src="cti-softphone.js" data-server="wss://pbx/ws" data-aor="sip:1001@pbx" data-mount="#phone"></script>
 * Mounts one `<cti-softphone>` configured from the script's data-* attributes. The password is
 * never read from an attribute: give `data-credentials="fnName"` (a global async function) or
 * set `element.config` from the page.
 */
const script = document.currentScript as HTMLScriptElement | null;
defineSoftphone();

if (script?.dataset['server'] && script.dataset['aor']) {
  const d = script.dataset;
  const provider = d['credentials']
    ? (window as unknown as Record<string, unknown>)[d['credentials']]
    : undefined;
  const config: PhoneConfigInput = {
    server: d['server'] ?? '',
    aor: d['aor'] ?? '',
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
