// Without Redis, a used proof of work is remembered in the database: refused by another instance on the
// same database, and after a restart; and the antenna's counters are shared the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createTestApp } from '../../../test/support/app.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { solveChallenge } from './guards.ts';

test('without Redis a used proof of work is refused by a second instance and after a restart', async () => {
  const first = await createTestApp({ template: 'demo' });
  const config = loadConfig({ NODE_ENV: 'test' });
  const second = await buildApp({ config, database: first.database });
  let restarted: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    const barcelona = (await findTerritory(first.database.db, 'barcelona'))!.id;
    const challenge = first.app.antennaGuards.pow.issue(barcelona);
    const solution = solveChallenge(challenge);
    const other = first.app.antennaGuards.pow.issue(barcelona);
    const otherSolution = solveChallenge(other);

    // Two instances race for one challenge: exactly one accepts it.
    const raced = await Promise.all([first.app.antennaGuards.pow.verify(barcelona, challenge, solution), second.antennaGuards.pow.verify(barcelona, challenge, solution)]);
    assert.deepEqual(raced.sort(), [false, true]);

    assert.equal(await first.app.antennaGuards.pow.verify(barcelona, other, otherSolution), true);
    // Both instances stop; a new one starts on the same database.
    await first.app.close();
    await second.close();
    restarted = await buildApp({ config, database: first.database });
    assert.equal(await restarted.antennaGuards.pow.verify(barcelona, other, otherSolution), false, 'used before the restart');
    assert.equal(await restarted.antennaGuards.pow.verify(barcelona, challenge, solution), false);
    const fresh = restarted.antennaGuards.pow.issue(barcelona);
    assert.equal(await restarted.antennaGuards.pow.verify(barcelona, fresh, solveChallenge(fresh)), true, 'a new challenge still works');

    // Wrong receipts counted before the restart still count after it.
    for (let i = 0; i < 5; i++) assert.equal(await restarted.antennaGuards.receiptFailuresPerClient.hit('client-x'), true);
    const again = await buildApp({ config, database: first.database });
    assert.equal(await again.antennaGuards.receiptFailuresPerClient.blocked('client-x'), true);
    await again.close();
  } finally {
    await restarted?.close();
    await first.database.close();
  }
});
