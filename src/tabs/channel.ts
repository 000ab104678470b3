import {
  parseTabMessage,
  TAB_PROTOCOL,
  type Outgoing,
  type TabMessage,
  type TabMessageKind,
  type TabMessageOf,
} from './messages.ts';

/** The part of BroadcastChannel the tabs use (injectable: node tests pass a pair of fakes). */
export interface ChannelPort {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<unknown>) => void): void;
  removeEventListener(type: 'message', listener: (e: MessageEvent<unknown>) => void): void;
  close(): void;
}

type Handler<K extends TabMessageKind> = (message: TabMessageOf<K>) => void;

export { channelName } from './names.ts';

/**
 * One tab's end of its agent's channel: every message in is parsed (see messages.ts) and handed
 * to the handlers of its kind; what does not parse is dropped and counted in `dropped`. A
 * message addressed to another tab (`to`) is dropped too. A handler that throws is reported,
 * never thrown into the page. Sending after close() does nothing.
 */
export class TabChannel {
  readonly #port: ChannelPort;
  readonly #handlers = new Map<TabMessageKind, Set<(m: TabMessage) => void>>();
  #closed = false;
  /** Messages that were not ours (did not parse, or came in another protocol version). */
  dropped = 0;

  constructor(
    /** This tab's id on the channel (a UUID drawn per phone). */
    readonly tab: string,
    port: ChannelPort,
    private readonly onError: (e: unknown) => void = (e) => console.error('cti-softphone tabs:', e),
  ) {
    this.#port = port;
    port.addEventListener('message', this.#receive);
  }

  on<K extends TabMessageKind>(kind: K, handler: Handler<K>): () => void {
    let set = this.#handlers.get(kind);
    if (!set) this.#handlers.set(kind, (set = new Set()));
    const h = handler as (m: TabMessage) => void;
    set.add(h);
    return () => set.delete(h);
  }

  send(message: Outgoing): void {
    if (this.#closed) return;
    try {
      this.#port.postMessage({ ...message, v: TAB_PROTOCOL, from: this.tab });
    } catch (e) {
      this.onError(e); // e.g. a value that cannot be cloned: a bug of ours, reported
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#port.removeEventListener('message', this.#receive);
    this.#handlers.clear();
    this.#port.close();
  }

  readonly #receive = (e: MessageEvent<unknown>): void => {
    const message = parseTabMessage(e.data);
    if (!message || message.from === this.tab) {
      if (!message) this.dropped++;
      return;
    }
    if ('to' in message && message.to !== this.tab && message.to !== '*') return;
    for (const handler of [...(this.#handlers.get(message.kind) ?? [])]) {
      try {
        handler(message);
      } catch (err) {
        this.onError(err);
      }
    }
  };
}
