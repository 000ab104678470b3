import { EmitterImpl, TransportState, type Core, type Transport } from 'sip.js';
import { buildResponse, parseSip, type Extra, type SipMessage } from './sip-message.ts';

type Match = string | ((m: SipMessage) => boolean);
interface Waiter {
  readonly match: (m: SipMessage) => boolean;
  readonly resolve: (m: SipMessage) => void;
}

/**
 * The far side of a scripted transport, in the style of SIP.js's own tests: the test sees every
 * message the UserAgent sends (`next`) and scripts what comes back (`reply`, `deliver`, `drop`).
 * Nothing touches the network.
 */
export class Wire {
  /** Sent by the UA and not yet taken by `next`. */
  private readonly queue: SipMessage[] = [];
  private readonly waiters: Waiter[] = [];
  readonly sent: SipMessage[] = [];
  transport: FakeTransport | undefined;
  connects = 0;
  disconnects = 0;
  refuseConnect = false;

  /** A Transport class bound to this wire, for `transportConstructor`. */
  readonly transportConstructor = boundTransport(this);

  /** The next message the UA sends that matches (a method name, "1xx-for-METHOD" or a predicate). */
  next(match: Match, timeoutMs = 5000): Promise<SipMessage> {
    const pred = typeof match === 'string' ? (m: SipMessage) => m.method === match : match;
    const i = this.queue.findIndex(pred);
    if (i >= 0) return Promise.resolve(this.queue.splice(i, 1)[0] as SipMessage);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`nothing matching ${String(match)} was sent`)),
        timeoutMs,
      );
      this.waiters.push({ match: pred, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  /** Messages sent so far that match, whether or not `next` took them. */
  count(match: Match): number {
    const pred = typeof match === 'string' ? (m: SipMessage) => m.method === match : match;
    return this.sent.filter(pred).length;
  }

  /** Hands text to the UA as received from the server, on a later turn (never inside its send()). */
  deliver(text: string): void {
    setImmediate(() => this.transport?.receive(text));
  }

  reply(req: SipMessage, status: number, reason: string, extra?: Extra & { toTag?: string }): void {
    this.deliver(buildResponse(req, status, reason, extra));
  }

  /** The server closes the socket. */
  drop(): void {
    this.transport?.lose(new Error('connection dropped by the test'));
  }

  /** @internal called by the transport */
  onSend(text: string): void {
    const m = parseSip(text);
    this.sent.push(m);
    const i = this.waiters.findIndex((w) => w.match(m));
    if (i >= 0) this.waiters.splice(i, 1)[0]?.resolve(m);
    else this.queue.push(m);
  }
}

function boundTransport(wire: Wire) {
  return class extends FakeTransport {
    constructor(_logger: Core.Logger, _options: unknown) {
      super(wire);
    }
  };
}

/** sip.js's Transport contract (see its transport.d.ts), with the wire on the other end. */
export class FakeTransport implements Transport {
  readonly protocol = 'WSS';
  readonly stateChange = new EmitterImpl<TransportState>();
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;
  private current: TransportState = TransportState.Disconnected;

  constructor(private readonly wire: Wire) {
    wire.transport = this;
  }

  get state(): TransportState {
    return this.current;
  }

  isConnected(): boolean {
    return this.current === TransportState.Connected;
  }

  async connect(): Promise<void> {
    if (this.isConnected()) return;
    this.transition(TransportState.Connecting);
    await Promise.resolve();
    if (this.wire.refuseConnect) {
      this.transition(TransportState.Disconnected);
      throw new Error('connection refused by the test');
    }
    this.wire.connects++;
    this.transition(TransportState.Connected);
  }

  async disconnect(): Promise<void> {
    if (this.current === TransportState.Disconnected) return;
    this.transition(TransportState.Disconnecting);
    await Promise.resolve();
    this.transition(TransportState.Disconnected);
  }

  dispose(): Promise<void> {
    return this.disconnect();
  }

  send(message: string): Promise<void> {
    if (!this.isConnected()) return Promise.reject(new Error('not connected'));
    this.wire.onSend(message);
    return Promise.resolve();
  }

  receive(text: string): void {
    if (this.isConnected()) this.onMessage?.(text);
  }

  lose(error: Error): void {
    if (this.isConnected()) this.transition(TransportState.Disconnected, error);
  }

  private transition(next: TransportState, error?: Error): void {
    const was = this.current;
    this.current = next;
    this.stateChange.emit(next);
    if (next === TransportState.Connected) this.onConnect?.();
    if (was === TransportState.Connected && next !== TransportState.Connected) {
      this.wire.disconnects++;
      this.onDisconnect?.(error);
    }
  }
}
