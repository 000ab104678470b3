// Reads a Chrome trace (devtools.timeline + v8 CPU profiler + user-timing marks) and tells where the
// time between each 'bench:invite' mark and the following 'bench:popup' mark went: sampled CPU by
// function (self time) and main-thread trace slices (inclusive), overlapped with those windows only.
import { z } from 'zod';

const TraceEvent = z.object({
  name: z.string(),
  ph: z.string(),
  ts: z.number().optional(),
  dur: z.number().optional(),
  pid: z.number(),
  tid: z.number(),
  id: z.string().optional(),
  args: z.record(z.string(), z.unknown()).optional(),
});
type TraceEvent = z.infer<typeof TraceEvent>;
const Trace = z.object({ traceEvents: z.array(z.unknown()) });

const ProfileStart = z.object({ data: z.object({ startTime: z.number() }) });
const ProfileChunk = z.object({
  data: z.object({
    cpuProfile: z.object({
      nodes: z
        .array(
          z.object({
            id: z.number(),
            callFrame: z.object({
              functionName: z.string(),
              url: z.string().optional(),
              lineNumber: z.number().optional(),
            }),
          }),
        )
        .optional(),
      samples: z.array(z.number()).optional(),
    }),
    timeDeltas: z.array(z.number()).optional(),
  }),
});

export interface Window {
  readonly start: number;
  readonly end: number;
}

export interface Breakdown {
  readonly windows: number;
  readonly windowMs: number;
  /** Sampled self time (ms) per function, '(idle)' included: idle inside a window is waiting. */
  readonly cpu: ReadonlyMap<string, number>;
  /** Inclusive main-thread slice time (ms) per trace event name. */
  readonly slices: ReadonlyMap<string, number>;
}

const add = (m: Map<string, number>, k: string, v: number): void => {
  m.set(k, (m.get(k) ?? 0) + v);
};

/**
 * Windows from mark pairs: from the last invite mark before each popup mark to that popup mark (the
 * page may receive INVITEs that raise no popup, e.g. for a bare UA in the same page).
 */
export function markWindows(
  events: readonly TraceEvent[],
): { thread: { pid: number; tid: number }; windows: Window[] } | undefined {
  const marks = events
    .filter((e) => (e.name === 'bench:invite' || e.name === 'bench:popup') && e.ts !== undefined)
    .sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0));
  const first = marks[0];
  if (!first) return undefined;
  const windows: Window[] = [];
  let start: number | undefined;
  for (const m of marks) {
    if (m.name === 'bench:invite') start = m.ts;
    else if (start !== undefined && m.ts !== undefined) {
      windows.push({ start, end: m.ts });
      start = undefined;
    }
  }
  return { thread: { pid: first.pid, tid: first.tid }, windows };
}

function overlap(a: number, b: number, windows: readonly Window[]): number {
  let total = 0;
  for (const w of windows) total += Math.max(0, Math.min(b, w.end) - Math.max(a, w.start));
  return total;
}

export function parseTrace(json: string): TraceEvent[] {
  return Trace.parse(JSON.parse(json)).traceEvents.flatMap((e) => {
    const r = TraceEvent.safeParse(e);
    return r.success ? [r.data] : [];
  });
}

/** Where the time inside `windows` went, on the thread `thread` (the callee page's main thread). */
export function breakdown(
  events: readonly TraceEvent[],
  thread: { pid: number; tid: number },
  windows: readonly Window[],
): Breakdown {
  const slices = new Map<string, number>();
  for (const e of events) {
    if (
      e.ph !== 'X' ||
      e.pid !== thread.pid ||
      e.tid !== thread.tid ||
      e.ts === undefined ||
      e.dur === undefined
    )
      continue;
    const t = overlap(e.ts, e.ts + e.dur, windows);
    if (t > 0) add(slices, e.name, t / 1000);
  }
  const cpu = new Map<string, number>();
  const names = new Map<string, Map<number, string>>();
  const clock = new Map<string, number>();
  for (const e of events) {
    if (e.pid !== thread.pid || e.id === undefined) continue;
    if (e.name === 'Profile') {
      const start = ProfileStart.safeParse(e.args);
      if (start.success) clock.set(e.id, start.data.data.startTime);
    } else if (e.name === 'ProfileChunk') {
      const chunk = ProfileChunk.safeParse(e.args);
      if (!chunk.success) continue;
      const nodeNames = names.get(e.id) ?? new Map<number, string>();
      names.set(e.id, nodeNames);
      for (const n of chunk.data.data.cpuProfile.nodes ?? []) {
        const file = n.callFrame.url?.split('/').pop() ?? '';
        nodeNames.set(
          n.id,
          `${n.callFrame.functionName || '(anonymous)'}${file ? ` ${file}:${(n.callFrame.lineNumber ?? 0) + 1}` : ''}`,
        );
      }
      let t = clock.get(e.id) ?? 0;
      const samples = chunk.data.data.cpuProfile.samples ?? [];
      const deltas = chunk.data.data.timeDeltas ?? [];
      samples.forEach((node, i) => {
        const delta = deltas[i] ?? 0;
        t += delta;
        // A sample stands for the interval up to the next one; charge the interval since the previous.
        const inside = overlap(t - delta, t, windows);
        if (inside > 0) add(cpu, nodeNames.get(node) ?? `node ${node}`, inside / 1000);
      });
      clock.set(e.id, t);
    }
  }
  const windowMs = windows.reduce((s, w) => s + (w.end - w.start), 0) / 1000;
  return { windows: windows.length, windowMs, cpu, slices };
}

export function top(m: ReadonlyMap<string, number>, n: number, total: number): string[] {
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${v.toFixed(1).padStart(8)} ms ${((100 * v) / total).toFixed(0).padStart(3)}%  ${k}`);
}
