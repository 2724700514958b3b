// The identity demo: two board members (a diagnosis needs two approvals), and seeding again adds nothing twice.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, like } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { person, roleAssignment } from './identity.schema.ts';
import { seedIdentity } from './identity.seed.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ template: 'demo' });
});
after(async () => t.close());

const boardMembers = async () =>
  (
    await t.database.db
      .select({ email: person.email })
      .from(roleAssignment)
      .innerJoin(person, eq(person.id, roleAssignment.personId))
      .where(eq(roleAssignment.role, 'board-member'))
  )
    .map((r) => r.email)
    .sort();

test('the demo has two board members, and seeding again (or after a person is missing) adds no one twice', async () => {
  assert.deepEqual(await boardMembers(), ['board-member-2@coproduce.example', 'board-member@coproduce.example']);
  const demoPeople = async () => (await t.database.db.select({ id: person.id }).from(person).where(like(person.email, '%@coproduce.example'))).length;
  const before = await demoPeople();
  await seedIdentity({ db: t.database.db, log: () => undefined });
  assert.equal(await demoPeople(), before);

  // A demo seeded before the second board member existed gets them at the next start.
  const [second] = await t.database.db.select({ id: person.id }).from(person).where(eq(person.email, 'board-member-2@coproduce.example'));
  await t.database.db.delete(roleAssignment).where(eq(roleAssignment.personId, second!.id));
  await t.database.db.delete(person).where(eq(person.id, second!.id));
  assert.deepEqual(await boardMembers(), ['board-member@coproduce.example']);
  await seedIdentity({ db: t.database.db, log: () => undefined });
  assert.deepEqual(await boardMembers(), ['board-member-2@coproduce.example', 'board-member@coproduce.example']);
  assert.equal(await demoPeople(), before);
});
