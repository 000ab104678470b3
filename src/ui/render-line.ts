import { html, nothing, type TemplateResult } from 'lit';
import { mergeCallData } from '../core/call-data-view.ts';
import type { PhoneCommand } from '../core/commands.ts';
import { allowedCallCommands } from '../core/commands.ts';
import type { CallView } from '../core/phone-state.ts';
import { callStateLabels, formatDuration, partyLabel } from './labels.ts';
import { renderCallData } from './render-call-data.ts';

export interface LineProps {
  readonly call: CallView;
  /** 0-based line number, used for labels and element ids. */
  readonly index: number;
  readonly now: number;
  readonly transferOpen: boolean;
  readonly transferTarget: string;
}

export interface LineHandlers {
  readonly run: (command: PhoneCommand) => void;
  readonly toggleTransfer: (callId: string) => void;
  readonly transferInput: (value: string) => void;
  readonly submitTransfer: (callId: string) => void;
}

const timed = new Set<CallView['state']>(['connected', 'held', 'transferring']);

/** Whether a call shows a running timer (the view's clock ticks only while one does). */
export const showsTimer = (call: CallView): boolean =>
  call.connectedAt !== undefined && timed.has(call.state);

/** One call: remote party, state, timer, the caller's data (it stays after the popup) and exactly the controls its state allows. */
export function renderLine(p: LineProps, h: LineHandlers): TemplateResult {
  const { call, index } = p;
  const name = `Line ${index + 1}`;
  const state =
    call.state === 'transferring' && call.transferTarget
      ? `Transferring to ${call.transferTarget}…`
      : callStateLabels[call.state];
  return html`<li part="line" class="line" data-state=${call.state} aria-label=${name}>
    <div class="line-head">
      <span part="party" class="party">${partyLabel(call.remote)}</span>
      ${
        showsTimer(call)
          ? html`<span part="timer" class="timer"
              >${formatDuration(p.now - (call.connectedAt ?? p.now))}</span
            >`
          : nothing
      }
    </div>
    <div part="call-state" class="call-state">${state}${call.muted ? ' · muted' : ''}</div>
    ${call.callData ? renderCallData(mergeCallData(call.callData)) : nothing}
    <div part="controls" class="controls" role="group" aria-label=${`${name} controls`}>
      ${renderControls(p, h)}
    </div>
    ${p.transferOpen && allowedCallCommands[call.state].includes('transfer') ? renderTransfer(p, h) : nothing}
  </li>`;
}

function renderControls(p: LineProps, h: LineHandlers): TemplateResult[] {
  const { call } = p;
  const callId = call.callId;
  const allowed = allowedCallCommands[call.state];
  const buttons: TemplateResult[] = [];
  if (allowed.includes('answer')) {
    buttons.push(button('answer', 'Answer', () => h.run({ type: 'answer', callId }), 'success'));
  }
  if (allowed.includes('reject')) {
    // For a ringing call "hang up" and "reject" are the same gesture: one Reject button.
    buttons.push(button('reject', 'Reject', () => h.run({ type: 'reject', callId }), 'danger'));
  }
  if (allowed.includes('hold')) buttons.push(button('hold', 'Hold', () => h.run({ type: 'hold', callId })));
  if (allowed.includes('resume'))
    buttons.push(button('resume', 'Resume', () => h.run({ type: 'resume', callId })));
  if (allowed.includes('mute')) {
    buttons.push(
      html`<button
        type="button"
        part="button mute-button"
        aria-pressed=${call.muted ? 'true' : 'false'}
        @click=${() => h.run({ type: 'mute', callId, muted: !call.muted })}
      >
        Mute
      </button>`,
    );
  }
  if (allowed.includes('transfer')) {
    buttons.push(
      html`<button
        type="button"
        part="button transfer-button"
        aria-expanded=${p.transferOpen ? 'true' : 'false'}
        aria-controls=${`transfer-${p.index}`}
        @click=${() => h.toggleTransfer(callId)}
      >
        Transfer
      </button>`,
    );
  }
  if (allowed.includes('hangup') && !allowed.includes('reject')) {
    buttons.push(button('hangup', 'Hang up', () => h.run({ type: 'hangup', callId }), 'danger'));
  }
  return buttons;
}

function button(name: string, label: string, onClick: () => void, tone = ''): TemplateResult {
  return html`<button type="button" part=${`button ${name}-button`} class=${tone} @click=${onClick}>
    ${label}
  </button>`;
}

/** Blind transfer: target input + Send. Enter in the input sends, Escape closes (the view's keydown). */
function renderTransfer(p: LineProps, h: LineHandlers): TemplateResult {
  return html`<div id=${`transfer-${p.index}`} part="transfer" class="transfer">
    <input
      part="input transfer-input"
      class="transfer-input"
      type="tel"
      autocomplete="off"
      aria-label=${`Transfer line ${p.index + 1} to`}
      placeholder="Transfer to"
      .value=${p.transferTarget}
      @input=${(e: Event) => h.transferInput((e.target as HTMLInputElement).value)}
    />
    <button
      type="button"
      part="button transfer-send"
      class="primary"
      @click=${() => h.submitTransfer(p.call.callId)}
    >
      Send
    </button>
  </div>`;
}
