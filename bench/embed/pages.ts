// The plain pages the load benches open: nothing but what a CRM would write. Each starts with one
// small inline script (the prelude): Long Task and Long Animation Frame observers (buffered), the
// CRM's credentials function, and a capturing `cti-registration` listener that notes when the
// phone of this page is registered (for a tab phone: as the leader, the tab that registers).

/** The name of the credentials function every page defines. */
export const CREDENTIALS_FN = 'crmSipCredentials';

export interface SipTarget {
  readonly wsUrl: string;
  readonly domain: string;
  readonly user: string;
  readonly password: string;
}

const attr = (v: string): string => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

function prelude(t: SipTarget): string {
  return `<script>
(() => {
  const now = () => performance.timeOrigin + performance.now();
  const b = (window.benchLoad = {
    longTasks: [], longFrames: [], events: [], registeredAt: null, registeredEpoch: null, error: null,
    registered() {
      if (b.registeredAt !== null) return;
      b.registeredAt = performance.now();
      b.registeredEpoch = now();
    },
    failed(e) { b.error = String(e); },
    phone: () => document.querySelector('cti-softphone')?.phone,
  });
  const watch = (type, into) => {
    try {
      new PerformanceObserver((l) => { for (const e of l.getEntries()) into.push(e.duration); })
        .observe({ type, buffered: true });
    } catch {}
  };
  watch('longtask', b.longTasks);
  watch('long-animation-frame', b.longFrames);
  window.${CREDENTIALS_FN} = async () => ({ username: ${JSON.stringify(t.user)}, password: ${JSON.stringify(t.password)} });
  document.addEventListener('cti-registration', (e) => {
    const role = e.target.phone?.tabs?.role;
    b.events.push({ state: e.detail?.state, role, at: now() });
    if (e.detail?.state === 'registered' && (role === undefined || role === 'leader')) b.registered();
  }, true);
  addEventListener('error', (e) => b.failed(e.message));
})();
</script>`;
}

const page = (head: string, body = ''): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CRM</title>${head}</head><body>${body}</body></html>`;

/** The script tag alone, as a CRM writes it (floating phone; the password from the global function). */
export function widgetPage(t: SipTarget): string {
  const tag =
    `<script src="/cti-softphone.js" data-server="${attr(t.wsUrl)}"` +
    ` data-aor="${attr(`sip:${t.user}@${t.domain}`)}" data-credentials="${CREDENTIALS_FN}" async></script>`;
  return page(prelude(t), tag);
}

/** The baseline: bare sip.js registering from the page (bench/embed/bare-register-entry.ts). */
export function barePage(t: SipTarget): string {
  const tag =
    `<script src="/bare-register.js" data-server="${attr(t.wsUrl)}" data-domain="${attr(t.domain)}"` +
    ` data-user="${attr(t.user)}" data-password="${attr(t.password)}" async></script>`;
  return page(prelude(t), tag);
}

/**
 * One tab of an agent's phone across tabs: the script tag without a phone of its own (it only
 * defines <cti-softphone>), then the page mounts one with `tabs: { enabled: true }`.
 */
export function tabPage(t: SipTarget): string {
  const config = `{ server: ${JSON.stringify(t.wsUrl)}, aor: ${JSON.stringify(`sip:${t.user}@${t.domain}`)}, credentials: window.${CREDENTIALS_FN}, tabs: { enabled: true } }`;
  const mount = `<script>
window.CtiSoftphone.ready.then(() => {
  const el = document.createElement('cti-softphone');
  el.config = ${config};
  document.body.append(el);
}, (e) => window.benchLoad.failed(e));
</script>`;
  return page(prelude(t), `<script src="/cti-softphone.js"></script>${mount}`);
}
