// Node stand-ins for the browser parts the tabs use: Web Locks (a FIFO lock manager whose holders
// can "die"), a BroadcastChannel bus (structured clone, no echo to the sender), a sighting source.
import type { ChannelPort } from '../../src/tabs/channel.ts';
import type { TabLocks } from '../../src/tabs/leader.ts';
import type { SightingSource } from '../../src/tabs/attention.ts';

interface Waiter {
  readonly owner: string;
  readonly callback: () => Promise<void>;
  readonly done: (v: unknown) => void;
  readonly fail: (e: unknown) => void;
}

/**
 * Web Locks for several "tabs" (owners) in one process: exclusive, granted in request order.
 * `kill(owner)` drops every lock the owner holds or waits for, as the browser does for a page
 * that closed or crashed.
 */
export class FakeLocks {
  readonly #held = new Map<string, Waiter>();
  readonly #queues = new Map<string, Waiter[]>();
  readonly #dead = new Set<string>();

  /** The lock manager one tab sees. */
  for(owner: string): TabLocks {
    const request = (name: string, a: unknown, b?: unknown): Promise<unknown> => {
      const options = (typeof a === 'function' ? {} : a) as { signal?: AbortSignal };
      const callback = (typeof a === 'function' ? a : b) as () => Promise<void>;
      return this.#request(owner, name, options.signal, callback);
    };
    return {
      request: request as TabLocks['request'],
      query: async () => ({ held: [...this.#held.keys()].map((name) => ({ name })) }),
    };
  }

  holder(name: string): string | undefined {
    return this.#held.get(name)?.owner;
  }

  kill(owner: string): void {
    this.#dead.add(owner);
    const gone = () => new DOMException('the page is gone', 'AbortError');
    for (const [name, queue] of this.#queues) {
      queue.filter((w) => w.owner === owner).forEach((w) => w.fail(gone()));
      this.#queues.set(
        name,
        queue.filter((w) => w.owner !== owner),
      );
    }
    for (const [name, w] of [...this.#held])
      if (w.owner === owner) {
        this.#release(name);
        w.fail(gone());
      }
  }

  #request(owner: string, name: string, signal: AbortSignal | undefined, callback: () => Promise<void>) {
    return new Promise<unknown>((done, fail) => {
      if (signal?.aborted || this.#dead.has(owner)) return fail(new DOMException('aborted', 'AbortError'));
      const w: Waiter = { owner, callback, done, fail };
      const queue = this.#queues.get(name) ?? [];
      this.#queues.set(name, [...queue, w]);
      signal?.addEventListener('abort', () => {
        const q = this.#queues.get(name) ?? [];
        if (!q.includes(w)) return;
        this.#queues.set(
          name,
          q.filter((x) => x !== w),
        );
        fail(new DOMException('aborted', 'AbortError'));
      });
      this.#grant(name);
    });
  }

  #grant(name: string): void {
    if (this.#held.has(name)) return;
    const [next, ...rest] = this.#queues.get(name) ?? [];
    if (!next) return;
    this.#queues.set(name, rest);
    this.#held.set(name, next);
    void Promise.resolve()
      .then(() => next.callback())
      .then(
        (v) => (this.#held.get(name) === next ? (this.#release(name), next.done(v)) : undefined),
        (e: unknown) => (this.#held.get(name) === next ? (this.#release(name), next.fail(e)) : undefined),
      );
  }

  #release(name: string): void {
    this.#held.delete(name);
    queueMicrotask(() => this.#grant(name));
  }
}

/** A BroadcastChannel bus: each port gets what the others post (cloned), never its own messages. */
export class FakeBus {
  readonly #ports = new Set<FakePort>();
  /** Posted by anyone (raw, before parsing): what a hostile script could also post. */
  readonly posted: unknown[] = [];

  port(): FakePort {
    const p = new FakePort(this);
    this.#ports.add(p);
    return p;
  }

  deliver(from: FakePort | undefined, message: unknown): void {
    this.posted.push(message);
    for (const p of this.#ports) if (p !== from) p.receive(structuredClone(message));
  }

  drop(p: FakePort): void {
    this.#ports.delete(p);
  }
}

export class FakePort implements ChannelPort {
  readonly #listeners = new Set<(e: MessageEvent<unknown>) => void>();
  constructor(private readonly bus: FakeBus) {}
  postMessage(message: unknown): void {
    this.bus.deliver(this, message);
  }
  addEventListener(_t: 'message', l: (e: MessageEvent<unknown>) => void): void {
    this.#listeners.add(l);
  }
  removeEventListener(_t: 'message', l: (e: MessageEvent<unknown>) => void): void {
    this.#listeners.delete(l);
  }
  close(): void {
    this.bus.drop(this);
  }
  /** Delivered asynchronously, as a BroadcastChannel does. */
  receive(data: unknown): void {
    setTimeout(() => this.#listeners.forEach((l) => l({ data } as MessageEvent<unknown>)));
  }
}

/** A tab's visibility and focus, set by the test. */
export class FakeSightings implements SightingSource {
  visible: boolean;
  focused: boolean;
  #changed: (() => void) | undefined;
  constructor(visible = false, focused = false) {
    this.visible = visible;
    this.focused = focused;
  }
  read() {
    return { visible: this.visible, focused: this.focused };
  }
  watch(changed: () => void, signal: AbortSignal): void {
    this.#changed = changed;
    signal.addEventListener('abort', () => (this.#changed = undefined));
  }
  set(visible: boolean, focused = visible): void {
    this.visible = visible;
    this.focused = focused;
    this.#changed?.();
  }
}

/** Polls until `f` is truthy (setTimeout-based; fails after `ms` with `what`). */
export async function until<T>(f: () => T, what: string, ms = 2_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
