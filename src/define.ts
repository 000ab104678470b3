import { CtiSoftphone } from './element.ts';

/** Registers `<cti-softphone>` once: a second copy of the script on a CRM page must not throw. */
export function defineSoftphone(tag = 'cti-softphone'): void {
  if (!customElements.get(tag)) customElements.define(tag, class extends CtiSoftphone {});
}

defineSoftphone();

declare global {
  interface HTMLElementTagNameMap {
    'cti-softphone': CtiSoftphone;
  }
}
