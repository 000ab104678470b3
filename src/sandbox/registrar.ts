/**
 * In-memory location service: AOR user → contact bindings with expiry.
 * A binding also remembers the WebSocket connection it arrived on, since a
 * browser's Contact (`sip:x@y.invalid;transport=ws`) is not reachable otherwise.
 * No forking: a call goes to the most recently created binding of the user.
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

export class Registrar {
  readonly #byUser = new Map<string, Map<string, Binding>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Add or refresh a binding; returns the granted expiry in seconds. */
  upsert(user: string, contact: string, connId: number, requestedExpires: number): number {
    const granted = Math.min(MAX_EXPIRES_S, Math.max(1, Math.floor(requestedExpires)));
    const contacts = this.#byUser.get(user) ?? new Map<string, Binding>();
    const previous = contacts.get(contact);
    const now = this.now();
    // A refresh from another connection (the tab reconnected) counts as new.
    const createdAt = previous && previous.connId === connId ? previous.createdAt : now;
    contacts.set(contact, { user, contact, connId, createdAt, expiresAt: now + granted * 1000 });
    this.#byUser.set(user, contacts);
    return granted;
  }

  remove(user: string, contact?: string): void {
    if (contact === undefined) this.#byUser.delete(user);
    else this.#byUser.get(user)?.delete(contact);
  }

  /** Drop every binding learnt on a connection that closed. */
  removeConnection(connId: number): void {
    for (const contacts of this.#byUser.values()) {
      for (const [contact, binding] of contacts) if (binding.connId === connId) contacts.delete(contact);
    }
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

  /** Seconds left on a binding (for the Contact `expires` of a 200). */
  remaining(binding: Binding): number {
    return Math.max(0, Math.round((binding.expiresAt - this.now()) / 1000));
  }
}
