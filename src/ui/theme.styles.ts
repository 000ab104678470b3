import { css } from 'lit';

/**
 * The widget's theme: every colour, the radius and the spacing a --cti-* custom property with an
 * AA-contrast default, read through a private --_* name. One place for every shadow root that
 * draws with them (the view, the call history).
 */
export const themeTokens = css`
  :host {
    --_accent: var(--cti-accent, #0b5cad);
    --_accent-fg: var(--cti-accent-fg, #ffffff);
    --_success: var(--cti-success, #116329);
    --_danger: var(--cti-danger, #b42318);
    --_bg: var(--cti-bg, #ffffff);
    --_fg: var(--cti-fg, #1f2328);
    --_muted: var(--cti-muted, #57606a);
    --_border: var(--cti-border, #d0d7de);
    --_surface: var(--cti-surface, #f6f8fa);
    --_radius: var(--cti-radius, 6px);
    --_gap: var(--cti-gap, 8px);
  }
`;
