/**
 * Where the reconnect loop learns that trying again now is worthwhile. Injected so the
 * telephony adapter runs (and is tested) outside a browser.
 */
export interface WakeSource {
  /** Calls `cb` when the network comes back; returns the unsubscribe function. */
  onOnline(cb: () => void): () => void;
  /** Calls `cb` when the page becomes visible again; returns the unsubscribe function. */
  onVisible(cb: () => void): () => void;
}

/** The browser's `online` and `visibilitychange` events; window and document are touched only when subscribing. */
export const browserWakeSource: WakeSource = {
  onOnline(cb) {
    window.addEventListener('online', cb);
    return () => window.removeEventListener('online', cb);
  },
  onVisible(cb) {
    const listener = () => {
      if (document.visibilityState === 'visible') cb();
    };
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
};
