import { css } from 'lit';

/**
 * A small card fixed at the bottom right; minimised, only its title bar is left. The page moves
 * or resizes it with plain CSS on `cti-floating-phone` (`right`, `bottom`, `width`, `z-index`).
 */
export const floatingShellStyles = css`
  :host {
    position: fixed;
    right: 16px;
    bottom: 16px;
    z-index: 2147483000;
    width: 320px;
    max-width: calc(100vw - 32px);
    max-height: calc(100vh - 32px);
    overflow: auto;
    font:
      14px system-ui,
      sans-serif;
    color: var(--cti-fg, #1f2328);
    background: var(--cti-bg, #fff);
    border: 1px solid var(--cti-border, #d0d7de);
    border-radius: var(--cti-radius, 6px);
    box-shadow: 0 4px 16px #0003;
  }
  :host([minimised]) {
    width: auto;
  }
  header {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 4px 4px 4px 10px;
    font-weight: 600;
  }
  button {
    margin-left: auto;
    min-width: 32px;
    min-height: 32px;
    font: inherit;
    color: inherit;
    background: var(--cti-surface, #f6f8fa);
    border: 1px solid var(--cti-border, #d0d7de);
    border-radius: var(--cti-radius, 6px);
    cursor: pointer;
  }
  button:focus-visible {
    outline: 2px solid var(--cti-accent, #0b5cad);
    outline-offset: 1px;
  }
  p {
    margin: 8px 10px;
    color: var(--cti-danger, #b42318);
  }
`;
