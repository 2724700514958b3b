import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => t.close());

test("a territory's portal leads to its published plans, and the plans page answers", async () => {
  for (const locale of ['ca', 'ar']) {
    const portal = await t.app.inject(`/${locale}/t/barcelona`);
    assert.equal(portal.statusCode, 200);
    assert.match(portal.body, new RegExp(`data-entry="plans"[\\s\\S]*?href="/${locale}/t/barcelona/plans"`));
    assert.equal((await t.app.inject(`/${locale}/t/barcelona/plans`)).statusCode, 200);
  }
  // A forum has no plans of its own: no entry.
  assert.doesNotMatch((await t.app.inject('/ca/t/metropolitan-social-forum')).body, /data-entry="plans"/);
});
