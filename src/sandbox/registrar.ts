/**
 * In-memory location service: AOR user → contact bindings with expiry.
 * A binding also remembers the WebSocket connection it arrived on, since a
 * browser's Contact (`sip:x@y.invalid;transport=ws`) is not reachable otherwise.
 * No forking: a call goes to the most recently created binding of the user.
 * Bounded: at most MAX_BINDINGS_PER_USER per user and MAX_BINDINGS_PER_CONNECTION per
 * connection (the oldest goes first), and expired bindings are purged on every upsert.
 */
export interface Binding {
  readonly user: string;
  /** Contact URI exactly as the client sent it (inside `<>`). */
  readonly contact: string;
  readonly connId: number;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export const MIN_EXPIRES_S = 10;
export const MAX_EXPIRES_S = 3600;
export const DEFAULT_EXPIRES_S = 600;
export const MAX_BINDINGS_PER_USER = 8;
/** Open registration accepts any user name: this bounds what one socket can add. */
export const MAX_BINDINGS_PER_CONNECTION = 32;

export class Registrar {
  readonly #byUser = new Map<string, Map<string, Binding>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Add or refresh a binding; returns the granted expiry in seconds. */
  upsert(user: string, contact: string, connId: number, requestedExpires: number): number {
    this.purgeExpired();
    const granted = Math.min(MAX_EXPIRES_S, Math.max(1, Math.floor(requestedExpires)));
    const contacts = this.#byUser.get(user) ?? new Map<string, Binding>();
    const previous = contacts.get(contact);
    const now = this.now();
    // A refresh from another connection (the tab reconnected) counts as new.
    const createdAt = previous && previous.connId === connId ? previous.createdAt : now;
    const binding: Binding = { user, contact, connId, createdAt, expiresAt: now + granted * 1000 };
    contacts.set(contact, binding);
    this.#byUser.set(user, contacts);
    // Never evict the binding just made, even when others were created in the same millisecond.
    const others = (all: Iterable<Binding>) => [...all].filter((b) => b !== binding);
    if (contacts.size > MAX_BINDINGS_PER_USER) this.#dropOldest(others(contacts.values()));
    const onConnection = others(this.#all()).filter((b) => b.connId === connId);
    if (onConnection.length >= MAX_BINDINGS_PER_CONNECTION) this.#dropOldest(onConnection);
    return granted;
  }

  /** Drop every expired binding; returns how many went. */
  purgeExpired(): number {
    const now = this.now();
    let purged = 0;
    for (const [user, contacts] of this.#byUser) {
      for (const [contact, binding] of contacts) {
        if (binding.expiresAt <= now) {
          contacts.delete(contact);
          purged++;
        }
      }
      if (contacts.size === 0) this.#byUser.delete(user);
    }
    return purged;
  }

  /** Bindings held in memory, expired or not (for tests and logs). */
  size(): number {
    let total = 0;
    for (const contacts of this.#byUser.values()) total += contacts.size;
    return total;
  }

  remove(user: string, contact?: string): void {
    const contacts = this.#byUser.get(user);
    if (contact !== undefined) contacts?.delete(contact);
    if (contact === undefined || contacts?.size === 0) this.#byUser.delete(user);
  }

  /** Drop every binding learnt on a connection that closed. */
  removeConnection(connId: number): void {
    for (const contacts of this.#byUser.values()) {
      for (const [contact, binding] of contacts) if (binding.connId === connId) contacts.delete(contact);
    }
    for (const [user, contacts] of this.#byUser) if (contacts.size === 0) this.#byUser.delete(user);
  }

  /** Live bindings of a user, newest first. */
  bindings(user: string): Binding[] {
    const contacts = this.#byUser.get(user);
    if (!contacts) return [];
    const now = this.now();
    for (const [contact, binding] of contacts) if (binding.expiresAt <= now) contacts.delete(contact);
    if (contacts.size === 0) this.#byUser.delete(user);
    return [...contacts.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  target(user: string): Binding | undefined {
    return this.bindings(user)[0];
  }

  /** `user` for each user with at least one live binding, sorted. */
  users(): string[] {
    return [...this.#byUser.keys()].filter((user) => this.bindings(user).length > 0).sort();
  }

  *#all(): Generator<Binding> {
    for (const contacts of this.#byUser.values()) yield* contacts.values();
  }

  /** Remove the least recently created binding among `candidates` (the first one on a tie). */
  #dropOldest(candidates: readonly Binding[]): void {
    let oldest: Binding | undefined;
    for (const b of candidates) if (!oldest || b.createdAt < oldest.createdAt) oldest = b;
    if (oldest) this.remove(oldest.user, oldest.contact);
  }

  /** Seconds left on a binding (for the Contact `expires` of a 200). */
  remaining(binding: Binding): number {
    return Math.max(0, Math.round((binding.expiresAt - this.now()) / 1000));
  }
}
