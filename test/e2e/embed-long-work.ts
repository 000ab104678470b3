// Long work on the main thread while the script tag loads, seen from the test page (a same-origin
// plain page shares its event loop): Long Tasks over 50 ms run for the frame (everything in that
// frame is the load's), and, for the log, Long Animation Frames with the script runs in them
// (source URL, duration; a timer that resolves a promise has no source URL). Chromium only.

/** The part of a Long Animation Frame's script entry read here (not in TypeScript's DOM lib yet). */
interface ScriptTiming {
  readonly sourceURL: string;
  readonly invoker: string;
  readonly duration: number;
}
interface LongFrame extends PerformanceEntry {
  readonly scripts: readonly ScriptTiming[];
}
interface LongTask extends PerformanceEntry {
  readonly attribution: readonly { readonly containerType: string }[];
}

export interface LongWork {
  /** Long tasks of the plain page (the frame): the load's, since nothing else runs there. */
  readonly frameTasksOver50ms: readonly number[];
  /** Everything seen, for the log. */
  describe(): string;
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

/** Watches from now until `stop()`; `origin` is where the script tag's files come from. */
export function watchLongWork(origin: string): { stop(): LongWork } {
  const tasks: LongTask[] = [];
  const frames: LongFrame[] = [];
  const taskObserver = new PerformanceObserver((l) => tasks.push(...(l.getEntries() as LongTask[])));
  const frameObserver = new PerformanceObserver((l) => frames.push(...(l.getEntries() as LongFrame[])));
  taskObserver.observe({ type: 'longtask' });
  frameObserver.observe({ type: 'long-animation-frame' });
  return {
    stop() {
      taskObserver.disconnect();
      frameObserver.disconnect();
      const scripts = frames
        .flatMap((f) => f.scripts)
        .map((s) => `${s.sourceURL.replace(origin, '') || '?'} (${s.invoker}) ${ms(s.duration)}`);
      const frameTasks = tasks.filter((t) => t.attribution.some((a) => a.containerType === 'iframe'));
      return {
        frameTasksOver50ms: frameTasks.map((t) => t.duration).filter((d) => d > 50),
        describe: () =>
          [
            `long tasks ${tasks.map((t) => `${ms(t.duration)} (${t.name})`).join(', ') || 'none'}`,
            `long animation frames ${frames.map((f) => ms(f.duration)).join(', ') || 'none'}`,
            `script runs in them: ${scripts.join(', ') || 'none'}`,
          ].join('; '),
      };
    },
  };
}
