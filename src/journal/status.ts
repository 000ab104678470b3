/** The journal's part of the phone's status (getStatus): what a CRM asks after a downtime. */
export interface SinkStatus {
  readonly name: string;
  /** Journaled events this sink has not acknowledged yet. */
  readonly pending: number;
  /** The last seq it acknowledged (0: none yet). */
  readonly lastAckSeq: number;
  /** Events it refused for good: kept, replayable (`replayDeadLetters`). */
  readonly deadLetters: number;
  /** Which tab delivers this sink (one at a time per sink; the others only write). */
  readonly delivery: 'this-tab' | 'another-tab';
  /** This tab's view when it delivers; `idle` when another tab does. */
  readonly state: 'idle' | 'delivering' | 'retrying';
  readonly lastError?: string;
  /** Epoch ms of the next attempt while retrying. */
  readonly retryAt?: number;
}

export interface JournalStatus {
  /** off: disabled by config; opening; ok; failing: writes fail (events kept in memory); unavailable: no IndexedDB. */
  readonly state: 'off' | 'opening' | 'ok' | 'failing' | 'unavailable';
  readonly error?: string;
  /** This browser's id at the receivers (per origin and profile). */
  readonly device?: string;
  /** The seq the next event gets. */
  readonly nextSeq?: number;
  /** Events seen but not yet on disk. */
  readonly backlog: number;
  /** Records that did not parse, set aside (never delivered, never dropped). */
  readonly quarantined: number;
  readonly storage: {
    /** The browser's answer to navigator.storage.persist() (undefined: not asked or no answer). */
    readonly persisted?: boolean;
    readonly usageBytes?: number;
    readonly quotaBytes?: number;
  };
  readonly sinks: readonly SinkStatus[];
}

export const journalOff: JournalStatus = { state: 'off', backlog: 0, quarantined: 0, storage: {}, sinks: [] };
