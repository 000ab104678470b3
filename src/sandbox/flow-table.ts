/**
 * Which WebSocket connection a Contact (`user@host`) lives on, for routing in-dialog
 * requests to browsers (their Contacts are `*.invalid`). Bounded per connection: when a
 * connection learns more than `perConnection` contacts, its oldest is forgotten.
 *
 * A contact owned by one connection can be taken over by another only with `takeOver`
 * (an accepted REGISTER, e.g. a tab that reconnected): a dialog-creating request merely
 * naming someone else's Contact must not steal that dialog's traffic.
 */
export const MAX_FLOWS_PER_CONNECTION = 32;

export class FlowTable {
  readonly #owner = new Map<string, number>();
  /** Keys per connection, oldest first. */
  readonly #byConn = new Map<number, string[]>();

  constructor(private readonly perConnection = MAX_FLOWS_PER_CONNECTION) {}

  get(key: string): number | undefined {
    return this.#owner.get(key);
  }

  /** Records `key` on `connId`; false when another connection owns it and `takeOver` is not set. */
  learn(key: string, connId: number, takeOver = false): boolean {
    const owner = this.#owner.get(key);
    if (owner !== undefined && owner !== connId) {
      if (!takeOver) return false;
      this.#forget(owner, key);
    }
    const keys = (this.#byConn.get(connId) ?? []).filter((k) => k !== key);
    keys.push(key);
    while (keys.length > this.perConnection) {
      const oldest = keys.shift();
      if (oldest !== undefined) this.#owner.delete(oldest);
    }
    this.#byConn.set(connId, keys);
    this.#owner.set(key, connId);
    return true;
  }

  dropConnection(connId: number): void {
    for (const key of this.#byConn.get(connId) ?? []) this.#owner.delete(key);
    this.#byConn.delete(connId);
  }

  /** Contacts known on a connection (for tests and logs). */
  count(connId?: number): number {
    return connId === undefined ? this.#owner.size : (this.#byConn.get(connId)?.length ?? 0);
  }

  #forget(connId: number, key: string): void {
    const keys = this.#byConn.get(connId)?.filter((k) => k !== key) ?? [];
    if (keys.length > 0) this.#byConn.set(connId, keys);
    else this.#byConn.delete(connId);
    this.#owner.delete(key);
  }
}
