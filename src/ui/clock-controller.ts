import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The current time for call timers, re-rendering the host once a second, but only while
 * `isRunning()` says a timer is on screen: an idle phone sets no interval at all.
 */
export class ClockController implements ReactiveController {
  now: number;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly isRunning: () => boolean,
    private readonly clock: () => number,
    private readonly periodMs = 1000,
  ) {
    this.now = clock();
    host.addController(this);
  }

  hostUpdate(): void {
    this.now = this.clock();
  }

  /** Starts or stops the interval after each render, once the host's state is known. */
  hostUpdated(): void {
    if (this.isRunning()) this.#start();
    else this.#stop();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => this.host.requestUpdate(), this.periodMs);
  }

  #stop(): void {
    if (this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
