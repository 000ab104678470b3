import { Registerer, RegistererState, type Core, type UserAgent } from 'sip.js';
import { backoffDelay } from '../core/backoff.ts';
import type { EventDraft, RegistrationState } from '../core/events.ts';
import type { PhoneConfig } from '../config.ts';
import { after, deadline } from './deadline.ts';
import type { TelephonyContext } from './platform.ts';
import { abandonIfWaiting, grantedExpires, isWaiting, stopRegistererTimers } from './registerer-quirks.ts';

type Outcome =
  | { kind: 'registered'; expiresS: number }
  | { kind: 'no-answer' }
  | { kind: 'rejected'; code: number; reason: string };
const rejected = (code: number, reason: string): Outcome => ({
  kind: 'rejected',
  code,
  reason: reason.slice(0, 200),
});
const failure = (e: unknown): Outcome => rejected(0, e instanceof Error ? e.message : 'REGISTER failed');
const noop = () => undefined;

/** What the connection does about a REGISTER's outcome. */
export interface RegistrationHooks {
  /** No answer at all: the socket is dead even if it looks open. */
  onNoAnswer(): void;
  /** Registered: the reconnect backoff may start over. */
  onRegistered(): void;
}

/**
 * Keeps the binding at the registrar. Refreshes are ours, not sip.js's (its timers are stopped
 * whenever we send): so the credential provider is called before every REGISTER, and a refresh
 * that gets no answer is noticed within `registerAnswerMs`, not after Timer F (32 s).
 */
export class Registration {
  private registerer: Registerer;
  private registering = false;
  private attempt = 0;
  private cancelRetry: () => void = noop;
  private cancelRefresh: () => void = noop;
  private answerPending: (outcome: Outcome) => void = noop;
  private last = '';

  constructor(
    private readonly ua: UserAgent,
    private readonly config: PhoneConfig,
    private readonly ctx: TelephonyContext,
    private readonly emit: (draft: EventDraft) => void,
    private readonly hooks: RegistrationHooks,
  ) {
    this.registerer = this.makeRegisterer();
  }

  private makeRegisterer(): Registerer {
    const r = new Registerer(this.ua, { expires: this.config.registerExpiresS, refreshFrequency: 99 });
    r.stateChange.addListener((s) => {
      if (r !== this.registerer) return; // an abandoned one
      if (s === RegistererState.Registered) this.report('registered');
      if (s !== RegistererState.Unregistered) return;
      // sip.js drops a 200 without our Contact (or its expiry) without telling the request delegate;
      // for a rejection it goes Unregistered just before onReject, which should win: wait a microtask.
      const dropped = rejected(0, 'The registrar did not keep our contact');
      if (this.registering) queueMicrotask(() => this.answerPending(dropped));
      // The binding ended outside a REGISTER of ours: report it and register again.
      else if (!this.ctx.signal.aborted && this.ua.isConnected()) {
        this.report('unregistered', 'registration lapsed');
        this.retry();
      }
    });
    return r;
  }

  /**
   * Sends a REGISTER and settles the outcome: registered; a rejection retried with backoff (a
   * wrong static password is not retried: it would only lock the account); no answer at all is
   * handed to the connection. A rejected refresh means the registration lapsed.
   */
  async register(refresh = false): Promise<void> {
    this.cancelRetry();
    this.cancelRefresh();
    await this.refreshCredentials();
    if (this.ctx.signal.aborted || this.registering) return;
    this.registering = true;
    if (!refresh) this.report('registering');
    const outcome = await this.send();
    this.registering = false;
    if (this.ctx.signal.aborted) return;
    if (outcome.kind === 'registered') {
      this.attempt = 0;
      this.report('registered');
      this.hooks.onRegistered();
      const refreshInMs = outcome.expiresS * this.config.refreshAtPercent * 10;
      this.cancelRefresh = after(refreshInMs, this.ctx.signal, () => void this.register(true));
    } else if (outcome.kind === 'no-answer') {
      this.report('failed', 'The registrar did not answer');
      this.hooks.onNoAnswer();
    } else if (refresh) {
      this.report('unregistered', 'registration lapsed');
      this.retry();
    } else {
      this.report('failed', outcome.reason);
      const badPassword = (outcome.code === 401 || outcome.code === 403) && !this.config.credentials;
      if (!badPassword) this.retry();
    }
  }

  private send(): Promise<Outcome> {
    if (abandonIfWaiting(this.registerer)) this.registerer = this.makeRegisterer(); // the last one got no answer
    const { registerAnswerMs } = this.ctx.timings;
    return deadline<Outcome>(registerAnswerMs, { kind: 'no-answer' }, this.ctx.signal, (answer) => {
      this.answerPending = answer;
      // sip.js's own refresh (and expiry) timers would fire into our pending REGISTER and reject
      // unhandled ("REGISTER request already in progress"): the refresh is ours, so stop them.
      stopRegistererTimers(this.registerer);
      const expiresS = (r: Core.IncomingResponse) =>
        grantedExpires(r, this.ua) ?? this.config.registerExpiresS;
      try {
        this.registerer
          .register({
            requestDelegate: {
              onAccept: (r) => answer({ kind: 'registered', expiresS: expiresS(r) }),
              onReject: ({ message: m }) =>
                answer(rejected(m.statusCode ?? 0, `${m.statusCode} ${m.reasonPhrase}`)),
            },
          })
          .catch((e: unknown) => answer(failure(e)));
      } catch (e) {
        answer(failure(e));
      }
    });
  }

  private retry(): void {
    this.cancelRetry();
    const { reconnectBaseMs: baseMs, reconnectMaxMs: maxMs } = this.config;
    const delay = backoffDelay(this.attempt++, Math.random(), { baseMs, maxMs });
    this.cancelRetry = after(delay, this.ctx.signal, () => void this.register());
  }

  /** Short-lived credentials: fetched before every REGISTER, so each digest answer uses fresh ones. */
  private async refreshCredentials(): Promise<void> {
    if (!this.config.credentials) return;
    try {
      const c = await this.config.credentials();
      this.ua.configuration.authorizationUsername = c.username;
      this.ua.configuration.authorizationPassword = c.password;
    } catch {
      this.emit({
        type: 'error',
        code: 'credentials-unavailable',
        message: 'The credential provider failed',
      });
    }
  }

  /** The transport is gone: the binding is as good as lost, and no REGISTER of ours may be retried on it. */
  lost(reason: string): void {
    this.cancelRetry();
    this.cancelRefresh();
    stopRegistererTimers(this.registerer);
    this.report('unregistered', reason);
  }

  /** Unregisters if it can, bounded by `unregisterAnswerMs`; never waits for a REGISTER in flight. */
  async stop(): Promise<void> {
    this.cancelRetry();
    this.cancelRefresh();
    const r = this.registerer;
    if (this.ua.isConnected() && r.state === RegistererState.Registered && !isWaiting(r)) {
      const { unregisterAnswerMs } = this.ctx.timings;
      // The phone's signal is already aborted: this last wait has only its own bound.
      await deadline(unregisterAnswerMs, undefined, new AbortController().signal, (answer) => {
        const done = () => answer(undefined);
        r.unregister({ requestDelegate: { onAccept: done, onReject: done } }).catch(done);
      });
    }
    if (!abandonIfWaiting(r)) await r.dispose().catch(noop);
    this.report('unregistered');
  }

  /** Reports a registration state once: sip.js's stateChange and our REGISTER delegate may both see it. */
  report(state: RegistrationState, reason?: string): void {
    const key = `${state}|${reason ?? ''}`;
    if (key === this.last) return;
    this.last = key;
    this.emit(
      reason === undefined ? { type: 'registration', state } : { type: 'registration', state, reason },
    );
  }
}
