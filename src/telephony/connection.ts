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
/** A REGISTER with no answer at all within this long means the socket is dead. */
const REGISTER_ANSWER_MS = 10_000;

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
      if (s === RegistererState.Unregistered && !this.stopped && this.ua.isConnected() && !this.registering) {
        this.registration('unregistered', 'registration lapsed');
        this.retryRegister();
      }
    });
  }

  async start(): Promise<void> {
    if (this.stopping) return; // single use: a stopped phone is replaced, not restarted
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
    clearTimeout(this.registerTimer);
    clearTimeout(this.credentialTimer);
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

  private registering = false;
  private registerAttempt = 0;
  private registerTimer: ReturnType<typeof setTimeout> | undefined;
  private credentialTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Sends a REGISTER and settles the outcome: registered; a rejection retried with backoff (a
   * wrong static password is not retried: it would only lock the account); no answer at all means
   * the socket is dead even if it looks open, so it is dropped and the reconnect loop takes over.
   */
  private async register(): Promise<void> {
    clearTimeout(this.registerTimer);
    await this.refreshCredentials();
    if (this.stopped || this.registering) return;
    this.registering = true;
    this.registration('registering');
    const outcome = await this.sendRegister();
    this.registering = false;
    if (this.stopped) return;
    if (outcome === 'registered') {
      this.attempt = 0;
      this.registerAttempt = 0;
      this.registration('registered');
      this.scheduleCredentialRefresh();
    } else if (outcome === 'no-answer') {
      this.registration('failed', 'The registrar did not answer');
      this.ua.transport.disconnect().catch(() => undefined);
    } else {
      this.registration('failed', outcome.reason);
      const badPassword = (outcome.code === 401 || outcome.code === 403) && !this.config.credentials;
      if (!badPassword) this.retryRegister();
    }
  }

  private sendRegister(): Promise<'registered' | 'no-answer' | { code: number; reason: string }> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve('no-answer'), REGISTER_ANSWER_MS);
      const settle = (v: 'registered' | { code: number; reason: string }) => {
        clearTimeout(timer);
        resolve(v);
      };
      try {
        this.registerer
          .register({
            requestDelegate: {
              onAccept: () => settle('registered'),
              onReject: ({ message: m }) => settle({ code: m.statusCode ?? 0, reason: `${m.statusCode} ${m.reasonPhrase}`.slice(0, 200) }),
            },
          })
          .catch((e: unknown) => settle({ code: 0, reason: e instanceof Error ? e.message.slice(0, 200) : 'REGISTER failed' }));
      } catch (e) {
        settle({ code: 0, reason: e instanceof Error ? e.message.slice(0, 200) : 'REGISTER failed' });
      }
    });
  }

  private retryRegister(): void {
    if (this.stopped) return;
    clearTimeout(this.registerTimer);
    const delay = backoffDelay(this.registerAttempt++, Math.random(), this.backoff);
    this.registerTimer = setTimeout(() => void this.register(), delay);
  }

  /** Short-lived credentials: fetch fresh ones before sip.js refreshes the registration on its own. */
  private scheduleCredentialRefresh(): void {
    if (!this.config.credentials) return;
    clearTimeout(this.credentialTimer);
    const refreshInS = (this.config.registerExpiresS * this.config.refreshAtPercent) / 100;
    this.credentialTimer = setTimeout(() => void this.refreshCredentials(), refreshInS * 900);
  }

  private get backoff() {
    return { baseMs: this.config.reconnectBaseMs, maxMs: this.config.reconnectMaxMs };
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
    // `attempt` is reset only once a REGISTER succeeds: a server that accepts the socket and
    // drops it again must still see the backoff grow.
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
    const delay = backoffDelay(this.attempt, Math.random(), this.backoff);
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
