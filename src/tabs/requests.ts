import type { ReplyBody, RequestBody } from './messages.ts';

/** Why a request got no answer: none came in time, the leader changed, or this tab stopped. */
export type Unanswered = { readonly unanswered: 'timeout' | 'leader-changed' | 'stopped' };
export type Answer<B extends RequestBody = RequestBody> = Extract<ReplyBody, { op: B['op'] }> | Unanswered;

export const isUnanswered = (a: ReplyBody | Unanswered): a is Unanswered => 'unanswered' in a;

/** How long a follower waits for the leader (a transfer waits up to ~10 s for the far end's NOTIFY). */
export const REQUEST_TIMEOUT_MS = 30_000;

interface Pending {
  readonly op: RequestBody['op'];
  readonly settle: (a: ReplyBody | Unanswered) => void;
}

/**
 * A follower's requests to the leader, by id, each waiting for its reply. Every wait ends: with
 * the reply, after `timeoutMs`, when a new leader is announced (the old one will never answer),
 * or when the tab stops (the signal aborts).
 */
export class PendingRequests {
  readonly #pending = new Map<string, Pending>();

  constructor(
    private readonly signal: AbortSignal,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {
    signal.addEventListener('abort', () => this.failAll('stopped'), { once: true });
  }

  get size(): number {
    return this.#pending.size;
  }

  /** Registers `id` (then the caller sends the request) and resolves with what came of it. */
  wait<B extends RequestBody>(id: string, body: B): Promise<Answer<B>> {
    if (this.signal.aborted) return Promise.resolve({ unanswered: 'stopped' });
    return new Promise((resolve) => {
      const timer = setTimeout(() => done({ unanswered: 'timeout' }), this.timeoutMs);
      const done = (a: ReplyBody | Unanswered) => {
        clearTimeout(timer);
        this.#pending.delete(id);
        resolve(a as Answer<B>);
      };
      this.#pending.set(id, { op: body.op, settle: done });
    });
  }

  /** A reply came: settles its request if it is ours and of the op asked (else ignored). */
  answer(id: string, body: ReplyBody): void {
    const p = this.#pending.get(id);
    if (p && p.op === body.op) p.settle(body);
  }

  failAll(why: Unanswered['unanswered']): void {
    for (const p of [...this.#pending.values()]) p.settle({ unanswered: why });
  }
}
