/**
 * Script-tag entry (the classic script `cti-softphone.js`, a few hundred bytes):
 *   <script src="cti-softphone.js" data-server="wss://pbx/ws" data-aor="sip:1001@pbx" data-mount="#phone"></script>
 * Reads its data-* attributes while it runs (document.currentScript is only set then), and loads
 * the phone's module from beside itself; the module mounts one `<cti-softphone>` configured from
 * those attributes. The password is never read from an attribute: give `data-credentials="fnName"`
 * (a global async function) or set `element.config` from the page.
 */
const script = document.currentScript as HTMLScriptElement | null;
const data = { ...script?.dataset };
const moduleUrl = new URL('cti-softphone.mjs', script?.src ?? document.baseURI).href;
import(/* @vite-ignore */ moduleUrl).then(
  (m: { mountFromScript(d: Record<string, string | undefined>): void }) => m.mountFromScript(data),
  (e: unknown) => console.error(`cti-softphone: could not load ${moduleUrl}`, e),
);
