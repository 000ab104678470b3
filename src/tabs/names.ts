/** The names the tabs of one agent share (kept apart so the page's first code stays small). */

/** The BroadcastChannel of one agent's tabs. */
export const channelName = (aor: string): string => `cti-softphone-tabs:${aor}`;

/** The Web Lock whose holder is the agent's leader tab (the one that registers). */
export const leaderLockName = (aor: string): string => `cti-softphone-leader:${aor}`;
