import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the controller needs of the view: its shadow root, and which call rings now. */
export interface AnswerFocusHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * Moves focus to the Answer button when a new call starts ringing, once per call. Focus forces
 * style and layout: it happens after the task that puts the popup on screen. It never steals
 * focus from the CRM (an agent typing notes would answer with the next Enter): only when focus is
 * in the widget (outside the popup) or nowhere in particular.
 */
export class AnswerFocusController implements ReactiveController {
  #focusedFor: string | undefined;

  constructor(
    private readonly host: AnswerFocusHost,
    private readonly ringing: () => string | undefined,
  ) {
    host.addController(this);
  }

  /** The popup brought to the agent now (a notification was clicked): its Answer button takes focus. */
  focusNow(): void {
    const answer = (this.host.renderRoot as ShadowRoot).querySelector<HTMLButtonElement>('#answer');
    answer?.scrollIntoView({ block: 'nearest' });
    answer?.focus();
  }

  hostUpdated(): void {
    const ringing = this.ringing();
    if (ringing !== undefined && ringing !== this.#focusedFor) {
      setTimeout(() => {
        const root = this.host.renderRoot as ShadowRoot;
        const free = document.activeElement === document.body || this.host.matches(':focus-within');
        if (free && !root.activeElement?.closest('[part~="popup"]'))
          root.querySelector<HTMLButtonElement>('#answer')?.focus();
      });
    }
    this.#focusedFor = ringing;
  }
}
