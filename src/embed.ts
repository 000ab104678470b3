import type { CtiSoftphone } from './element.ts';
import { VERSION } from './version.ts';

/**
 * Script-tag entry (the classic script `cti-softphone.js`, a few hundred bytes):
 *   <script src="cti-softphone.js" data-server="wss://pbx/ws" data-aor="sip:1001@pbx" async></script>
 * Reads its data-* attributes while it runs (document.currentScript is only set then), and loads
 * the phone's module from beside itself; the module mounts one phone configured from those
 * attributes (and `data-config-url`'s JSON): floating at the bottom right, or in `data-mount`.
 * The password is never read from an attribute: give `data-credentials="fnName"` (a global async
 * function) or set `element.config` from the page.
 *
 * Its one global is `window.CtiSoftphone`: `{ version, ready }`, `ready` resolving to the mounted
 * `<cti-softphone>` (undefined if nothing was mounted; it never rejects). A second copy of the
 * script finds it, says so on the console with both versions, and does nothing.
 */
export interface CtiSoftphoneGlobal {
  readonly version: string;
  readonly ready: Promise<CtiSoftphone | undefined>;
}

interface EmbedModule {
  mountFromScript(d: Readonly<Record<string, string | undefined>>): Promise<CtiSoftphone | undefined>;
}

const w = window as unknown as { CtiSoftphone?: Partial<CtiSoftphoneGlobal> };
const script = document.currentScript as HTMLScriptElement | null;
const first = w.CtiSoftphone;
if (first)
  console.warn(`cti-softphone ${VERSION}: ignored, ${String(first.version)} is already on this page`);
else {
  const data = { ...script?.dataset };
  const url = new URL('cti-softphone.mjs', script?.src ?? document.baseURI).href;
  w.CtiSoftphone = {
    version: VERSION,
    ready: import(/* @vite-ignore */ url).then(
      (m: EmbedModule) => m.mountFromScript(data),
      (e: unknown) => void console.error(`cti-softphone: could not load ${url}`, e),
    ),
  };
}
