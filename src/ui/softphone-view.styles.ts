import { css, type CSSResultGroup } from 'lit';
import { callStyles } from './call.styles.ts';
import { themeTokens } from './theme.styles.ts';

/** Compact (a ~320 px CRM sidebar); colours, radius and spacing from the theme (theme.styles.ts). */
const baseStyles = css`
  :host {
    display: block;
    max-width: 100%;
    box-sizing: border-box;
    font-family: var(--cti-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--cti-font-size, 14px);
    line-height: 1.4;
    color: var(--_fg);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    padding: var(--_gap);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  p {
    margin: 0;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .status {
    display: flex;
    align-items: center;
    gap: 6px;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .dot {
    flex: none;
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--_muted);
  }
  .status[data-tone='ok'] .dot {
    background: var(--_success);
  }
  .status[data-tone='busy'] .dot {
    background: #9a6700;
  }
  .status[data-tone='error'] {
    color: var(--_danger);
  }
  .status[data-tone='error'] .dot {
    background: var(--_danger);
  }
  .alerts {
    align-self: flex-start;
    font-size: 0.85em;
  }
  button,
  input {
    font: inherit;
    color: inherit;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    min-height: 32px;
  }
  button {
    background: var(--_surface);
    padding: 4px 10px;
    cursor: pointer;
  }
  button:hover {
    border-color: var(--_muted);
  }
  button:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  button[aria-pressed='true'] {
    background: var(--_fg);
    color: var(--_bg);
  }
  .primary,
  .success,
  .danger {
    color: var(--_accent-fg);
    border-color: transparent;
    font-weight: 600;
  }
  .primary {
    background: var(--_accent);
  }
  .success {
    background: var(--_success);
  }
  .danger {
    background: var(--_danger);
  }
  input {
    min-width: 0;
    flex: 1;
    padding: 4px 8px;
    background: var(--_bg);
  }
  .dial-row,
  .transfer {
    display: flex;
    gap: 6px;
  }
  .dialpad {
    display: grid;
    grid-template-columns: repeat(3, 1fr);
    gap: 4px;
    margin-top: 6px;
  }
  .key {
    font-size: 1.1em;
    font-variant-numeric: tabular-nums;
  }
`;

export const softphoneViewStyles: CSSResultGroup = [themeTokens, baseStyles, callStyles];
