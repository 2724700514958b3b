// A person's votes and contributions on plans are in their data download; deleting the account removes
// their name from the votes (the vote stays: the board's decision is a record).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { person } from '../identity/identity.schema.ts';
import { plan, planVote } from './plans.schema.ts';
import { plansPersonalData } from './personal-data.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ template: 'demo' });
});
after(async () => t.close());

test('votes on a plan: exported, then the name removed and the vote kept', async () => {
  const db = t.database.db;
  const [somePlan] = await db.select().from(plan).limit(1);
  assert.ok(somePlan, 'the demo has a plan');
  const [voter] = await db.select().from(person).where(eq(person.email, 'board-member-2@coproduce.example'));
  assert.ok(voter);
  await db.insert(planVote).values({ planId: somePlan.id, version: somePlan.publishedVersion + 1, personId: voter.id, personName: voter.displayName, vote: 'approve' });
  const exported = (await plansPersonalData.export(db, voter.id)) as { votes: { planId: string; vote: string }[] };
  assert.deepEqual(exported.votes.map((v) => [v.planId, v.vote]), [[somePlan.id, 'approve']]);
  await db.transaction((tx) => plansPersonalData.erase(tx, voter.id));
  const [kept] = await db.select().from(planVote).where(eq(planVote.personId, voter.id));
  assert.equal(kept?.vote, 'approve');
  assert.equal(kept?.personName, '');
});
