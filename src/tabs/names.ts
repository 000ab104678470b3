/** The names the tabs of one agent share (kept apart so the page's first code stays small). */

/**
 * One agent, one key, however the AOR was written: scheme and host are case-insensitive
 * (RFC 3261 §19.1.4) and URI parameters do not name another agent, so `SIP:1001@PBX.example;transport=ws`
 * and `sip:1001@pbx.example` share a leader (two keys would mean two registrations).
 */
export function agentKey(aor: string): string {
  const m = /^(sips?):([^@;?]+)@([^;?]+)/i.exec(aor.trim());
  return m ? `${(m[1] ?? '').toLowerCase()}:${m[2] ?? ''}@${(m[3] ?? '').toLowerCase()}` : aor;
}

/** The BroadcastChannel of one agent's tabs. */
export const channelName = (aor: string): string => `cti-softphone-tabs:${agentKey(aor)}`;

/** The Web Lock whose holder is the agent's leader tab (the one that registers). */
export const leaderLockName = (aor: string): string => `cti-softphone-leader:${agentKey(aor)}`;
