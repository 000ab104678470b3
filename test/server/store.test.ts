/** PoolCursor: rotates through a pool, and does not keep pools it was given alive; one Result type. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { z } from 'zod';
import { PoolCursor } from '../../src/server/store.ts';

/** V8's gc(), without a node flag: expose it, then take it from a fresh context. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  return z.custom<() => void>((f) => typeof f === 'function').parse(gc);
}

describe('PoolCursor', () => {
  it('starts each call one further through the same pool, per pool', () => {
    const cursor = new PoolCursor();
    const a = ['1', '2', '3'];
    const b = ['7', '8'];
    assert.deepEqual([cursor.start(a), cursor.start(a), cursor.start(b), cursor.start(a)], [0, 1, 0, 2]);
    assert.deepEqual([cursor.start(a), cursor.start(b), cursor.start(b)], [0, 1, 0]);
  });

  it('lets a pool it has seen be garbage-collected (weakly keyed)', async () => {
    const gc = exposeGc();
    const cursor = new PoolCursor();
    let pool: string[] | undefined = Array.from({ length: 1000 }, (_, i) => String(i));
    const ref = new WeakRef(pool);
    cursor.start(pool);
    pool = undefined;
    // A WeakRef target survives the job that created it; collect over a few turns.
    for (let i = 0; i < 10 && ref.deref() !== undefined; i++) {
      await nextTurn();
      gc();
    }
    assert.equal(ref.deref(), undefined, 'the cursor keeps every pool array it was given alive');
  });
});

describe('one Result type for the whole project', () => {
  it('src/server uses src/core/result.ts and has no copy of its own', () => {
    const dir = new URL('../../src/server/', import.meta.url);
    assert.equal(existsSync(new URL('result.ts', dir)), false, 'src/server/result.ts is back');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(new URL(name, dir), 'utf8');
      assert.doesNotMatch(text, /from '\.\/result\.ts'/, `${name} imports a local result.ts`);
    }
  });
});
