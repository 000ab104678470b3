/**
 * Cache service benchmark: `npx tsx bench/cache/run.ts`.
 * 50 connections, POST/GET/DELETE mix, against the Fastify service on the
 * memory and the Redis store, and the seed-style Express + Redis baseline, each
 * in its own process. Goal: >= 2x the baseline's req/s with p99 <= 10 ms.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { RedisServer } from '../../test/server/helpers/redis-server.ts';
import { runMix } from './load.ts';

const WARMUP_S = 3;
const MEASURE_S = Number(process.env['BENCH_SECONDS'] ?? 10);
const TARGETS = [
  { name: 'express + redis (baseline)', kind: 'express-redis' },
  { name: 'fastify + memory', kind: 'fastify-memory' },
  { name: 'fastify + redis', kind: 'fastify-redis' },
] as const;

async function startTarget(kind: string, redisUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/cache/serve.ts', kind, redisUrl], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.stdout === null) throw new Error('no stdout');
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith('READY ')) return { child, url: line.slice(6) };
  }
  throw new Error(`${kind} exited before it was ready`);
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  bad: number;
  statuses: string;
}

const redis = await RedisServer.start();
const rows: Row[] = [];
try {
  for (const target of TARGETS) {
    const { child, url } = await startTarget(target.kind, redis.url);
    try {
      await runMix(url, WARMUP_S);
      const r = await runMix(url, MEASURE_S);
      rows.push({
        name: target.name,
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        bad: r.non2xx + r.errors + r.timeouts,
        statuses: Object.entries(r.statusCodeStats)
          .map(([code, { count }]) => `${code}: ${count}`)
          .join(', '),
      });
      process.stderr.write(`${target.name}: done\n`);
    } finally {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  }
} finally {
  await redis.kill();
}

const baseline = rows[0]?.rps ?? 1;
console.log(
  `\ncache service, 50 connections, POST/GET/DELETE mix, ${MEASURE_S} s each (${WARMUP_S} s warm-up)\n`,
);
console.log('| target | req/s | p50 ms | p99 ms | non-2xx/errors | vs baseline |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.bad} | ${(r.rps / baseline).toFixed(2)}x |`,
  );
}
const ours = rows.slice(1);
const met = ours.every((r) => r.rps >= 2 * baseline && r.p99 <= 10);
console.log(`\ngoal (>= 2x baseline req/s, p99 <= 10 ms): ${met ? 'met' : 'NOT met'}`);
if (rows.some((r) => r.bad > 0)) {
  console.error('some requests failed: the figures above are not valid');
  for (const r of rows) console.error(`  ${r.name}: ${r.statuses}, other errors/timeouts in non-2xx/errors`);
  process.exitCode = 1;
}
