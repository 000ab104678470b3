import { CtiSoftphone } from './element.ts';
import { VERSION } from './version.ts';

/**
 * Registers `<cti-softphone>` once: a second copy of the script on a CRM page must not throw.
 * If another version got there first, that one stays and the console says which two met.
 */
export function defineSoftphone(tag = 'cti-softphone'): void {
  const existing = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, class extends CtiSoftphone {});
    return;
  }
  const theirs: unknown = (existing as { version?: unknown }).version;
  if (theirs !== VERSION) {
    console.warn(
      `cti-softphone: <${tag}> is already defined by version ${typeof theirs === 'string' ? theirs : 'unknown'}; this copy (version ${VERSION}) is not registered`,
    );
  }
}

defineSoftphone();

declare global {
  interface HTMLElementTagNameMap {
    'cti-softphone': CtiSoftphone;
  }
}
