import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay } from '../../src/core/backoff.ts';

describe('backoffDelay', () => {
  it('starts about 1 s, doubles, caps at 30 s and never gives up', () => {
    assert.ok(backoffDelay(0, 0) >= 500 && backoffDelay(0, 0.999) <= 1000);
    assert.ok(backoffDelay(1, 0) === 1000 && backoffDelay(1, 0.999) <= 2000);
    assert.equal(backoffDelay(3, 0), 4000);
    assert.ok(backoffDelay(20, 0.999) <= 30_000 && backoffDelay(20, 0.999) > 29_000);
    assert.equal(backoffDelay(10_000, 0), 15_000);
  });
  it('spreads clients apart with jitter', () => {
    assert.notEqual(backoffDelay(4, 0.1), backoffDelay(4, 0.9));
  });
});
