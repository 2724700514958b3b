// A person's part of projects and mutual aid: in their download (with the contacts they gave); on deletion their
// own offers and needs go with the conversations on them, a post for an organisation stays without their name,
// and a project update stays, by a deleted account.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import type { Actor } from '../../platform/auth/permissions.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { listMembers } from '../agreement/adhesion/adhesion.service.ts';
import { projectsPersonalData } from './personal-data.ts';
import { aidMatch, aidPost, projectUpdate } from './projects.schema.ts';
import { createPost, openMatch, openPosts } from './volunteering/aid.service.ts';
import { listProjects, postUpdate, projectDetail } from './projects/project.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ actAs: true });
});
after(async () => t.close());

test('download and deletion', async () => {
  const db = t.database.db;
  const barcelona = (await findTerritory(db, 'barcelona'))!;
  const org = (await listMembers(db, barcelona.id)).find((m) => m.name === 'Fundació Sostre Obert')!.organisationId;
  const me: Actor = { personId: randomUUID(), displayName: 'Pilar Ortiz', locale: 'ca', twoFactorVerified: true, grants: [{ role: 'organisation-member', scope: { kind: 'organisation', id: org } }] };
  const post = (organisationId: string, title: string) => createPost(db, me, barcelona.id, { side: 'need', kind: 'food', area: '', districtId: '', languages: ['ar'], title, description: '', contact: 'pilar@example.org', fromOn: '', untilOn: '', organisationId });
  const own = await post('', 'Traducció per a mi');
  const forOrg = await post(org, 'Traducció per a l’entitat');
  assert.ok(own.ok && forOrg.ok);
  const offer = (await openPosts(db, barcelona.id, 'offer')).find((o) => o.kind === 'food' && o.organisationId !== org)!;
  assert.ok(offer, 'a demo food offer of another organisation');
  const matched = await openMatch(db, me, offer.id, own.value.id);
  assert.ok(matched.ok);
  const project = (await listProjects(db, barcelona.id))[0]!;
  const partner = (await projectDetail(db, project.id, 'ca'))!.partners.find((p) => p.organisationId === org)!;
  assert.ok((await postUpdate(db, me, project.id, { partnerId: partner.id, body: 'Una novetat de la Pilar' })).ok);

  const download = (await projectsPersonalData.export(db, me.personId)) as { aidPosts: { contact: string }[]; projectUpdates: unknown[] };
  assert.equal(download.aidPosts.length, 2);
  assert.equal(download.aidPosts[0]!.contact, 'pilar@example.org');
  assert.equal(download.projectUpdates.length, 1);

  await db.transaction((tx) => projectsPersonalData.erase(tx, me.personId));
  assert.equal((await db.select().from(aidPost).where(eq(aidPost.id, own.value.id))).length, 0);
  assert.equal((await db.select().from(aidMatch).where(eq(aidMatch.id, matched.value.id))).length, 0);
  const [kept] = await db.select().from(aidPost).where(eq(aidPost.id, forOrg.value.id));
  assert.equal(kept!.postedBy, null);
  assert.equal(kept!.postedByName, '');
  const updates = await db.select().from(projectUpdate).where(eq(projectUpdate.body, 'Una novetat de la Pilar'));
  assert.equal(updates[0]!.authorId, null);
  assert.equal(updates[0]!.authorName, '');
  assert.deepEqual(await projectsPersonalData.export(db, me.personId), { projectsStarted: [], projectUpdates: [], aidPosts: [], aidMessages: [] });
});
