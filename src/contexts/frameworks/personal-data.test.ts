// A person's part of frameworks in their data download, and what deleting their account leaves: what they wrote
// stays, for its organisation, without their name or id.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { frameworkAmendment, frameworkComment } from './frameworks.schema.ts';
import { frameworksPersonalData } from './personal-data.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => t.close());

test('the demo commenter and proposer finds their comment and amendment in the download; deletion keeps the words, not the name', async () => {
  const db = t.database.db;
  // Marta Soler commented and proposed the declined amendment in the demo (see frameworks.seed.ts).
  const [comment] = await db.select().from(frameworkComment).where(eq(frameworkComment.authorName, 'Marta Soler'));
  assert.ok(comment?.personId);
  const mine = (await frameworksPersonalData.export(db, comment.personId)) as { comments: { lang: string }[]; amendmentsProposed: { lang: string }[] };
  assert.equal(mine.comments.length, 1);
  assert.equal(mine.amendmentsProposed.length, 1);
  // Each with the language it was written in (the demo's, typed in Catalan).
  assert.equal(mine.comments[0]!.lang, 'ca');
  assert.equal(mine.amendmentsProposed[0]!.lang, 'ca');
  // The coordinator who decided both amendments finds each decision with its reason's language.
  const [decision] = await db.select().from(frameworkAmendment).where(eq(frameworkAmendment.status, 'declined'));
  const theirs = (await frameworksPersonalData.export(db, decision!.decidedBy!)) as { amendmentsDecided: { decisionReason: string; decisionLang: string }[] };
  assert.ok(theirs.amendmentsDecided.length >= 2);
  assert.ok(theirs.amendmentsDecided.every((d) => d.decisionReason && d.decisionLang === 'ca'));
  await db.transaction((tx) => frameworksPersonalData.erase(tx, comment.personId!));
  const [after] = await db.select().from(frameworkComment).where(eq(frameworkComment.id, comment.id));
  assert.equal(after!.authorName, '');
  assert.equal(after!.personId, null);
  assert.equal(after!.body, comment.body);
  assert.equal((await db.select().from(frameworkAmendment).where(eq(frameworkAmendment.proposedByName, 'Marta Soler'))).length, 0);
  assert.deepEqual(((await frameworksPersonalData.export(db, comment.personId)) as { comments: unknown[] }).comments, []);
});
