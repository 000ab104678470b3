import { css, type CSSResultGroup } from 'lit';
import { themeTokens } from './theme.styles.ts';

/** The call history: the view's --cti-* properties (they inherit into this shadow root), compact rows. */
const historyStyles = css`
  :host {
    display: block;
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
    box-sizing: border-box;
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
  .toolbar {
    display: flex;
    gap: 6px;
    justify-content: flex-end;
    margin-bottom: 6px;
  }
  button {
    font: inherit;
    color: inherit;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    min-height: 32px;
    padding: 4px 10px;
    cursor: pointer;
  }
  button:hover {
    border-color: var(--_muted);
  }
  button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  .empty {
    margin: 0;
    color: var(--_muted);
  }
  .list {
    /* Not 'none': WebKit then drops the list semantics. A zero-width marker keeps them. */
    list-style-type: '\\200B';
    margin: 0;
    padding: 0;
    max-height: 320px;
    overflow-y: auto;
  }
  .row {
    display: grid;
    grid-template-columns: 1.5em minmax(0, 1fr) auto;
    align-items: center;
    gap: 0 var(--_gap);
    padding: 6px 0;
    border-top: 1px solid var(--_border);
  }
  .row:first-child {
    border-top: none;
  }
  .direction {
    color: var(--_muted);
    text-align: center;
  }
  .row[data-outcome='missed'] .direction,
  .row[data-outcome='missed'] .outcome,
  .row[data-outcome='failed'] .outcome {
    color: var(--_danger);
  }
  .who {
    display: flex;
    gap: 6px;
    min-width: 0;
  }
  .name,
  .number,
  .summary {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .name {
    font-weight: 600;
  }
  .number,
  .summary,
  .meta {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .summary {
    margin: 0;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 6px;
    font-variant-numeric: tabular-nums;
  }
`;

export const callHistoryStyles: CSSResultGroup = [themeTokens, historyStyles];
