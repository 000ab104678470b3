import { css } from 'lit';

/** The incoming-call popup, the lines with their controls, and the command error. */
export const callStyles = css`
  .popup {
    padding: var(--_gap);
    border: 2px solid var(--_success);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .popup-title {
    font-size: 0.85em;
    color: var(--_muted);
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .caller {
    display: flex;
    flex-direction: column;
    margin: 2px 0 var(--_gap);
    overflow-wrap: anywhere;
  }
  .caller-name {
    font-weight: 600;
    font-size: 1.1em;
  }
  .call-data {
    margin: 0 0 var(--_gap);
    font-size: 0.93em;
  }
  .fields {
    margin: 0;
    display: grid;
    grid-template-columns: minmax(4em, max-content) minmax(0, 1fr);
    gap: 2px var(--_gap);
  }
  .field {
    display: contents;
  }
  .field dt {
    color: var(--_muted);
  }
  .field dd {
    margin: 0;
    min-width: 0;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    unicode-bidi: isolate;
  }
  .record {
    color: var(--_accent);
  }
  .data-status {
    margin: 2px 0 0;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
  }
  .controls button {
    padding: 4px 8px;
  }
  .line .controls button {
    font-size: 0.93em;
  }
  .line .controls .danger {
    margin-left: auto;
  }
  .popup .controls button {
    flex: 1;
  }
  .lines {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
  }
  .line {
    display: flex;
    flex-direction: column;
    gap: 4px;
    padding: 6px var(--_gap);
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_accent);
    border-radius: var(--_radius);
  }
  .line[data-state='held'] {
    border-left-color: var(--_muted);
  }
  .line-head {
    display: flex;
    justify-content: space-between;
    gap: 6px;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .timer {
    font-variant-numeric: tabular-nums;
  }
  .call-state,
  .last-call {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .swap {
    width: 100%;
    margin-top: 6px;
  }
  .error {
    display: flex;
    align-items: start;
    justify-content: space-between;
    gap: 6px;
    padding: 6px var(--_gap);
    color: var(--_danger);
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  .error button {
    min-height: 24px;
    padding: 0 6px;
    border: none;
    background: transparent;
  }
`;
