import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_BINDINGS_PER_CONNECTION,
  MAX_BINDINGS_PER_USER,
  Registrar,
} from '../../src/sandbox/registrar.ts';

/** A registrar on a clock the test moves. */
function registrar() {
  const clock = { now: 1_000_000 };
  return { clock, reg: new Registrar(() => clock.now) };
}

describe('sandbox registrar limits', () => {
  it(`keeps at most ${MAX_BINDINGS_PER_USER} bindings per user, dropping the oldest`, () => {
    const { clock, reg } = registrar();
    const total = MAX_BINDINGS_PER_USER + 3;
    for (let i = 0; i < total; i++) {
      reg.upsert('1001', `sip:c${i}@x.invalid`, 100 + i, 600);
      clock.now += 1;
    }
    const contacts = reg.bindings('1001').map((b) => b.contact);
    assert.equal(contacts.length, MAX_BINDINGS_PER_USER);
    assert.equal(contacts[0], `sip:c${total - 1}@x.invalid`, 'newest first');
    assert.ok(!contacts.includes('sip:c0@x.invalid') && !contacts.includes('sip:c2@x.invalid'));
    assert.ok(contacts.includes('sip:c3@x.invalid'));
  });

  it('never evicts the binding just made, even within the same millisecond', () => {
    const { reg } = registrar();
    for (let i = 0; i <= MAX_BINDINGS_PER_USER; i++) reg.upsert('1001', `sip:c${i}@x.invalid`, 1, 600);
    assert.ok(reg.bindings('1001').some((b) => b.contact === `sip:c${MAX_BINDINGS_PER_USER}@x.invalid`));
  });

  it(`keeps at most ${MAX_BINDINGS_PER_CONNECTION} bindings per connection`, () => {
    const { clock, reg } = registrar();
    for (let i = 0; i < MAX_BINDINGS_PER_CONNECTION + 5; i++) {
      reg.upsert(`u${i}`, `sip:c${i}@x.invalid`, 7, 600);
      clock.now += 1;
    }
    reg.upsert('other', 'sip:o@y.invalid', 8, 600);
    assert.equal(reg.size(), MAX_BINDINGS_PER_CONNECTION + 1);
    assert.deepEqual(reg.bindings('u0'), []);
    assert.equal(reg.bindings(`u${MAX_BINDINGS_PER_CONNECTION + 4}`).length, 1);
  });

  it('purges expired bindings of other users on the next REGISTER, and on demand', () => {
    const { clock, reg } = registrar();
    for (let i = 0; i < 5; i++) reg.upsert(`gone${i}`, `sip:g${i}@x.invalid`, i, 60);
    clock.now += 61_000;
    assert.equal(reg.size(), 5, 'still held until something purges');
    reg.upsert('1001', 'sip:a@x.invalid', 9, 600);
    assert.equal(reg.size(), 1, 'the REGISTER purged the expired bindings');
    reg.upsert('1002', 'sip:b@x.invalid', 9, 60);
    clock.now += 60_000;
    assert.equal(reg.purgeExpired(), 1);
    assert.deepEqual(reg.users(), ['1001']);
  });
});
