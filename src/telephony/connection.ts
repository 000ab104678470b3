import { Registerer, RegistererState, UserAgent, type UserAgentOptions } from 'sip.js';
import { backoffDelay } from '../core/backoff.ts';
import type { EventDraft, RegistrationState } from '../core/events.ts';
import type { PhoneConfig } from '../config.ts';

/**
 * Keeps one agent registered: connects the WebSocket, registers, refreshes before expiry, and
 * when the transport drops, reconnects with exponential backoff and jitter, forever, and at once
 * when the browser comes back online or the page becomes visible again. Health follows the
 * transport: sip.js's Registerer keeps saying "Registered" after the socket is gone.
 */
export class Connection {
  readonly ua: UserAgent;
  private readonly registerer: Registerer;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;
  private connecting = false;
  private readonly wake = () => this.reconnectNow();
  private readonly wakeIfVisible = () => {
    if (document.visibilityState === 'visible') this.reconnectNow();
  };

  constructor(
    private readonly config: PhoneConfig,
    options: UserAgentOptions,
    private readonly emit: (draft: EventDraft) => void,
  ) {
    this.ua = new UserAgent({
      ...options,
      delegate: {
        ...options.delegate,
        onConnect: () => this.onConnected(),
        onDisconnect: (error) => this.onDisconnected(error),
      },
    });
    this.registerer = new Registerer(this.ua, {
      expires: config.registerExpiresS,
      refreshFrequency: config.refreshAtPercent,
    });
    this.registerer.stateChange.addListener((s) => {
      if (s === RegistererState.Registered) this.registration('registered');
      // A refresh that failed (e.g. the registrar forgot us): report it and register again.
      if (s === RegistererState.Unregistered && !this.stopped && this.ua.isConnected()) {
        this.registration('unregistered', 'registration lapsed');
        this.retryTimer = setTimeout(() => void this.register(), backoffDelay(0, Math.random()));
      }
    });
  }

  async start(): Promise<void> {
    this.stopped = false;
    window.addEventListener('online', this.wake);
    document.addEventListener('visibilitychange', this.wakeIfVisible);
    this.emit({ type: 'transport', state: 'connecting' });
    try {
      await this.ua.start();
    } catch {
      this.scheduleReconnect();
      return;
    }
    await this.register();
  }

  private stopping: Promise<void> | undefined;

  /** Unregisters and disconnects; calling it again returns the same promise. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    window.removeEventListener('online', this.wake);
    document.removeEventListener('visibilitychange', this.wakeIfVisible);
    if (this.ua.isConnected() && this.registerer.state === RegistererState.Registered) {
      await this.registerer.unregister().catch(() => undefined);
    }
    await this.registerer.dispose().catch(() => undefined);
    await this.ua.stop().catch(() => undefined);
    this.registration('unregistered');
    this.emit({ type: 'transport', state: 'disconnected' });
  }

  /** Sends a REGISTER and resolves once it is answered (either way). */
  private async register(): Promise<void> {
    await this.refreshCredentials();
    this.registration('registering');
    await new Promise<void>((resolve) => {
      this.registerer
        .register({
          requestDelegate: {
            // Emitted here and not only on stateChange: after a reconnect sip.js's Registerer still
            // says Registered, so a successful re-REGISTER changes no state there.
            onAccept: () => {
              this.registration('registered');
              resolve();
            },
            onReject: (res) => {
              const m = res.message;
              this.registration('failed', `${m.statusCode} ${m.reasonPhrase}`.slice(0, 200));
              resolve();
            },
          },
        })
        .catch((e: unknown) => {
          this.registration('failed', e instanceof Error ? e.message : 'REGISTER failed');
          resolve();
        });
    });
  }

  private async refreshCredentials(): Promise<void> {
    if (!this.config.credentials) return;
    try {
      const c = await this.config.credentials();
      this.ua.configuration.authorizationUsername = c.username;
      this.ua.configuration.authorizationPassword = c.password;
    } catch {
      this.emit({ type: 'error', code: 'credentials-unavailable', message: 'The credential provider failed' });
    }
  }

  private lastRegistration = '';

  /** Reports a registration state once: sip.js's stateChange and our REGISTER delegate may both see it. */
  private registration(state: RegistrationState, reason?: string): void {
    const key = `${state}|${reason ?? ''}`;
    if (key === this.lastRegistration) return;
    this.lastRegistration = key;
    this.emit(reason === undefined ? { type: 'registration', state } : { type: 'registration', state, reason });
  }

  private onConnected(): void {
    this.attempt = 0;
    this.emit({ type: 'transport', state: 'connected' });
  }

  private onDisconnected(_error?: Error): void {
    if (this.stopped) return;
    this.registration('unregistered', 'connection lost');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.connecting) return;
    clearTimeout(this.retryTimer);
    const delay = backoffDelay(this.attempt, Math.random(), {
      baseMs: this.config.reconnectBaseMs,
      maxMs: this.config.reconnectMaxMs,
    });
    this.emit({ type: 'transport', state: 'disconnected', attempt: this.attempt, retryInMs: delay });
    this.attempt++;
    this.retryTimer = setTimeout(() => void this.reconnect(), delay);
  }

  private reconnectNow(): void {
    if (this.stopped || this.connecting || this.ua.isConnected()) return;
    clearTimeout(this.retryTimer);
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
    await this.register();
  }
}
