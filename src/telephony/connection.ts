import { UserAgent, type UserAgentOptions } from 'sip.js';
import { backoffDelay } from '../core/backoff.ts';
import type { EventDraft } from '../core/events.ts';
import type { PhoneConfig } from '../config.ts';
import { after } from './deadline.ts';
import type { TelephonyContext } from './platform.ts';
import { Registration } from './registration.ts';

const noop = () => undefined;

/**
 * Keeps one agent connected: connects the WebSocket, has the Registration register, and when the
 * transport drops, reconnects with exponential backoff and jitter, forever, and at once when the
 * network comes back or the page becomes visible again. Health follows the transport: sip.js's
 * Registerer keeps saying "Registered" after the socket is gone.
 */
export class Connection {
  readonly ua: UserAgent;
  private readonly registration: Registration;
  private attempt = 0;
  private cancelRetry: () => void = noop;
  private readonly unsubscribe: (() => void)[] = [];
  private started = false;
  private connecting = false;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly config: PhoneConfig,
    options: UserAgentOptions,
    private readonly ctx: TelephonyContext,
    private readonly emit: (draft: EventDraft) => void,
  ) {
    this.ua = new UserAgent({
      ...options,
      delegate: {
        ...options.delegate,
        onConnect: () => this.onConnected(),
        onDisconnect: () => this.onDisconnected(),
      },
    });
    this.registration = new Registration(this.ua, config, ctx, emit, {
      onNoAnswer: () => void this.ua.transport.disconnect().catch(noop),
      // `attempt` is reset only once a REGISTER succeeds: a server that accepts the socket and
      // drops it again must still see the backoff grow.
      onRegistered: () => (this.attempt = 0),
    });
  }

  private get stopped(): boolean {
    return this.ctx.signal.aborted;
  }

  async start(): Promise<void> {
    if (this.started || this.stopped) return; // single use: a stopped phone is replaced, not restarted
    this.started = true;
    const wake = () => this.reconnectNow();
    this.unsubscribe.push(this.ctx.environment.onOnline(wake), this.ctx.environment.onVisible(wake));
    this.emit({ type: 'transport', state: 'connecting' });
    try {
      await this.ua.start();
    } catch {
      this.scheduleReconnect();
      return;
    }
    await this.registration.register();
  }

  /** Unregisters and disconnects; calling it again returns the same promise. The signal must be aborted first. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    this.cancelRetry();
    for (const off of this.unsubscribe.splice(0)) off();
    await this.registration.stop();
    await this.ua.stop().catch(noop);
    this.emit({ type: 'transport', state: 'disconnected' });
  }

  private onConnected(): void {
    this.emit({ type: 'transport', state: 'connected' });
  }

  private onDisconnected(): void {
    if (this.stopped) return;
    this.registration.lost('connection lost');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.connecting) return;
    this.cancelRetry();
    const delay = backoffDelay(this.attempt, Math.random(), {
      baseMs: this.config.reconnectBaseMs,
      maxMs: this.config.reconnectMaxMs,
    });
    this.emit({ type: 'transport', state: 'disconnected', attempt: this.attempt, retryInMs: delay });
    this.attempt++;
    this.cancelRetry = after(delay, this.ctx.signal, () => void this.reconnect());
  }

  private reconnectNow(): void {
    if (!this.started || this.stopped || this.connecting || this.ua.isConnected()) return;
    this.cancelRetry();
    void this.reconnect();
  }

  private async reconnect(): Promise<void> {
    if (this.stopped || this.connecting) return;
    this.connecting = true;
    this.emit({ type: 'transport', state: 'connecting' });
    try {
      await this.ua.reconnect();
    } catch {
      this.connecting = false;
      this.scheduleReconnect();
      return;
    }
    this.connecting = false;
    await this.registration.register();
  }
}
