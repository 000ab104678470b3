import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { electLeader, leaderLockName } from '../../src/tabs/leader.ts';
import { FakeLocks, until } from './fakes.ts';

const AOR = 'sip:1001@example.com';

describe('tabs: leader election', () => {
  it('one leader per AOR; the next in line takes over when it goes, in order', async () => {
    const locks = new FakeLocks();
    const elected: string[] = [];
    const tabs = ['a', 'b', 'c'].map((id) => {
      const e = electLeader(AOR, locks.for(id));
      void e.elected.then(() => elected.push(id));
      return e;
    });
    const other = electLeader('sip:1002@example.com', locks.for('b'));
    await until(() => elected.length === 1, 'a leader');
    await other.elected;
    assert.deepEqual(elected, ['a']);
    assert.equal(locks.holder(leaderLockName(AOR)), 'a');
    locks.kill('a'); // its page closed
    await until(() => elected.length === 2, 'the second leader');
    assert.deepEqual(elected, ['a', 'b']);
    await tabs[2]?.resign(); // c stops while in line: it never leads
    let stopped = false;
    await tabs[1]?.resign(async () => {
      assert.equal(locks.holder(leaderLockName(AOR)), 'b', 'the lock is kept while the leader stops');
      stopped = true;
    });
    assert.ok(stopped);
    assert.equal(locks.holder(leaderLockName(AOR)), undefined);
    assert.deepEqual(elected, ['a', 'b']);
    await other.resign();
  });

  it('lets go of the lock even if the leader stop fails', async () => {
    const locks = new FakeLocks();
    const e = electLeader(AOR, locks.for('a'));
    await e.elected;
    await assert.rejects(e.resign(() => Promise.reject(new Error('unregister failed'))));
    assert.equal(locks.holder(leaderLockName(AOR)), undefined);
  });
});
