import { css } from 'lit';
import type { NotificationEnv } from './host/call-notifications.ts';
import type { PhoneApi } from './phone-api.ts';
import type { TabsView } from './tabs/roles.ts';

/**
 * How `<cti-softphone>` presents a phone shared by several tabs (docs/decisions/0010): every tab
 * shows the same state and lines, but an incoming call is presented once, in the tab the agent
 * is looking at (or looked at last): the popup there only, and a desktop notification only
 * from there and only while it is hidden (no tab of the agent is in front). Elsewhere the
 * element carries `data-cti-background-tab` and its popup is not shown.
 */
export const BACKGROUND_TAB_ATTRIBUTE = 'data-cti-background-tab';

export const backgroundTabStyles = css`
  :host([data-cti-background-tab]) [part~='popup'] {
    display: none;
  }
`;

/** The tabs view of a phone shared across tabs, or undefined for a single-tab phone. */
export function tabsOf(phone: PhoneApi): TabsView | undefined {
  const tabs = (phone as { readonly tabs?: unknown }).tabs;
  return typeof tabs === 'object' && tabs !== null && 'attention' in tabs && 'onChange' in tabs
    ? (tabs as TabsView)
    : undefined;
}

/** Keeps the background-tab attribute of `host` in step with the attention; returns the disposer. */
export function showAttention(host: HTMLElement, tabs: TabsView | undefined): () => void {
  if (!tabs) return () => undefined;
  const apply = () => host.toggleAttribute(BACKGROUND_TAB_ATTRIBUTE, !tabs.attention);
  apply();
  const off = tabs.onChange(apply);
  return () => {
    off();
    host.removeAttribute(BACKGROUND_TAB_ATTRIBUTE);
  };
}

/** The notifications of one tab of a shared phone: "hidden" only where the attention is. */
export function attentionEnv(env: NotificationEnv, tabs: TabsView | undefined): NotificationEnv {
  if (!tabs) return env;
  return {
    permission: () => env.permission(),
    requestPermission: () => env.requestPermission(),
    show: (title, options, onClick) => env.show(title, options, onClick),
    hidden: () => tabs.attention && env.hidden(),
    onVisibilityChange(listener) {
      const offs = [env.onVisibilityChange(listener), tabs.onChange(listener)];
      return () => offs.forEach((off) => off());
    },
  };
}
