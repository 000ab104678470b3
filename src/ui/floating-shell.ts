import { html, LitElement } from 'lit';
import { floatingShellStyles } from './floating-shell.styles.ts';

/** sessionStorage (the tab's session only, no secret): `1` while the agent keeps the phone minimised. */
const KEY = 'cti-softphone-minimised';

/** Reads (no value) or writes the remembered state; storage refused (a sandboxed frame): null. */
function remember(value?: string): string | null {
  try {
    return value === undefined ? sessionStorage.getItem(KEY) : (sessionStorage.setItem(KEY, value), value);
  } catch {
    return null;
  }
}

/**
 * @summary `<cti-floating-phone>`: the script tag's floating phone, a small card fixed at the
 * bottom right of the page around its child `<cti-softphone>`, with a minimise/restore button.
 * The choice lasts for the tab's session; an incoming call (`cti-offer`) restores the card.
 * The script tag's module loads it in a chunk, after mounting the phone inside (see embed-module.ts).
 *
 * @slot - The `<cti-softphone>`.
 * @csspart header - The title bar with the button.
 * @csspart toggle - The minimise/restore button (`aria-expanded`).
 * @csspart error - Why no phone could be set up (a configuration error).
 */
export class CtiFloatingPhone extends LitElement {
  static override styles = floatingShellStyles;
  static override properties = { minimised: { type: Boolean, reflect: true }, error: {} };

  declare minimised: boolean;
  /** Shown instead of a phone: what stopped it from being set up. */
  declare error: string | undefined;

  constructor() {
    super();
    this.minimised = remember() === '1';
    this.error = undefined;
    this.addEventListener('cti-offer', () => this.toggle(false));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Defined after its phone (the card's code comes in a chunk): a call may be ringing already.
    const calls = this.querySelector('cti-softphone')?.phone?.state.calls ?? [];
    if (calls.some((c) => c.state === 'ringing-in')) this.toggle(false);
  }

  /** Minimises (true) or restores (false) the card, remembered for the tab's session. */
  toggle(minimised = !this.minimised): void {
    this.minimised = minimised;
    remember(minimised ? '1' : '0');
  }

  protected override render() {
    return html`<header part="header">
        Phone
        <button
          part="toggle"
          aria-label=${this.minimised ? 'Restore phone' : 'Minimise phone'}
          aria-expanded=${!this.minimised}
          aria-controls="body"
          @click=${() => this.toggle()}
        >
          ${this.minimised ? '▴' : '▾'}
        </button>
      </header>
      <div id="body" ?hidden=${this.minimised}>
        ${this.error ? html`<p part="error" role="alert">${this.error}</p>` : ''}<slot></slot>
      </div>`;
  }
}

/** Registers `<cti-floating-phone>` once (a second copy on the page leaves the first). */
export function defineFloatingPhone(): void {
  if (!customElements.get('cti-floating-phone'))
    customElements.define('cti-floating-phone', CtiFloatingPhone);
}

declare global {
  interface HTMLElementTagNameMap {
    'cti-floating-phone': CtiFloatingPhone;
  }
}
