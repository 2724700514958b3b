// The library's service on the demo: who may share for whom, the directory's kind of search over the library's
// own words, and what a person's data download and account deletion do with what they shared and wrote.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { cloneTestDatabase } from '../../../test/support/database.ts';
import type { Database } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/auth/permissions.ts';
import { diskFileStore } from '../../platform/files/file-store.ts';
import { registerPolicy } from '../../platform/auth/permissions.ts';
import { findTerritory, type Territory } from '../territories/territory.service.ts';
import { listMembers } from '../agreement/adhesion/adhesion.service.ts';
import { findNetwork } from '../agreement/networks/network.service.ts';
import { libraryPolicy } from './permissions.ts';
import { addComment, itemDetail, publishersFor, searchLibrary, shareItem } from './library.service.ts';
import { libraryPersonalData } from './personal-data.ts';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';

let database: Database;
let barcelona: Territory;
let forum: Territory;
const files = diskFileStore(fs.mkdtempSync(path.join(os.tmpdir(), 'library-files-')));
const member = (organisationId: string): Actor => ({ personId: randomUUID(), displayName: 'Núria Camps', locale: 'ca', twoFactorVerified: false, grants: [{ role: 'organisation-member', scope: { kind: 'organisation', id: organisationId } }] });

before(async () => {
  registerPolicy(libraryPolicy);
  database = await cloneTestDatabase('demo');
  barcelona = (await findTerritory(database.db, 'barcelona'))!;
  forum = (await findTerritory(database.db, 'metropolitan-social-forum'))!;
});
after(async () => database.close());

test('publishers: the organisations that adhere in this territory, the networks one coordinates, the council for its staff', async () => {
  const db = database.db;
  const [org] = await listMembers(db, barcelona.id);
  const network = (await findNetwork(db, barcelona.id, 'homeless-people'))!;
  const person: Actor = { ...member(org!.organisationId), grants: [...member(org!.organisationId).grants, { role: 'network-coordinator', scope: { kind: 'network', id: network.id } }, { role: 'territory-admin', scope: { kind: 'territory', id: forum.id } }] };
  const here = await publishersFor(db, person, barcelona, 'ca');
  assert.deepEqual(here.map((p) => p.key).sort(), [`network:${network.id}`, `organisation:${org!.organisationId}`].sort());
  const there = await publishersFor(db, person, forum, 'ca');
  assert.ok(there.some((p) => p.key === 'council'));
  assert.ok(!there.some((p) => p.key === `network:${network.id}`));
  assert.deepEqual(await publishersFor(db, null, barcelona, 'ca'), []);
});

test('search: accents ignored, a misspelt word found through the library’s words, every word first then any', async () => {
  const db = database.db;
  const accents = await searchLibrary(db, barcelona.id, { q: 'GUIA DESNONAMENT' });
  assert.ok(accents.items.some((i) => i.title.startsWith('Guia per aturar un desnonament')));
  const typo = await searchLibrary(db, barcelona.id, { q: 'habitatje' });
  assert.ok(typo.matchedWords.includes('habitatge'));
  assert.ok(typo.items.length >= 2);
  const anyWord = await searchLibrary(db, barcelona.id, { q: 'rebost zzzzqqq' });
  assert.ok(anyWord.items.some((i) => i.title.startsWith('Rebost de tria lliure')));
  assert.equal((await searchLibrary(db, barcelona.id, { q: '?? !' })).total, 0);
  assert.equal((await searchLibrary(db, barcelona.id, { q: "' | & ! :* \\" })).total, 0);
  // The forum's items are not Barcelona's.
  assert.ok(!(await searchLibrary(db, barcelona.id, { q: 'arrelament calculadora' })).items.some((i) => i.title.includes('Calculadora')));
});

test('a person’s data: what they shared and wrote is in their download; on deletion their name goes and the text stays', async () => {
  const db = database.db;
  const [org] = await listMembers(db, barcelona.id);
  const sharer = member(org!.organisationId);
  const shared = await shareItem(db, files, sharer, barcelona, { publisher: `organisation:${org!.organisationId}`, kind: 'tool', title: 'Plantilla de pressupost', summary: 'Un full per fer el pressupost d’un projecte.', body: 'Ompliu les columnes.', links: '', areas: ['participation'], districtIds: [], languages: ['ca'], licence: 'cc0', uploads: [] }, 'ca');
  assert.ok(shared.ok);
  assert.ok((await addComment(db, sharer, barcelona.id, shared.value.id, { organisationId: org!.organisationId, body: 'L’hem actualitzada.' })).ok);
  assert.ok((await addComment(db, sharer, barcelona.id, shared.value.id, { organisationId: org!.organisationId, body: 'Nos sirve mucho.', lang: 'es' }, new Date(Date.now() + 1000))).ok);
  const download = (await libraryPersonalData.export(db, sharer.personId)) as { libraryItemsShared: { title: string }[]; libraryComments: { body: string; lang: string }[] };
  assert.deepEqual(download.libraryItemsShared.map((i) => i.title), ['Plantilla de pressupost']);
  // Each comment with the language it was written in.
  assert.deepEqual(
    download.libraryComments.map((c) => [c.body, c.lang]).sort(),
    [
      ['L’hem actualitzada.', 'ca'],
      ['Nos sirve mucho.', 'es'],
    ].sort(),
  );
  await db.transaction((tx) => libraryPersonalData.erase(tx, sharer.personId));
  const after = (await itemDetail(db, barcelona.id, shared.value.id))!;
  assert.equal(after.item.sharedBy, null);
  assert.equal(after.item.sharedByName, '');
  assert.equal(after.item.publisherName, org!.name);
  assert.ok(after.comments.every((c) => c.authorName === '' && c.personId === null));
  assert.ok(after.comments.some((c) => c.body === 'L’hem actualitzada.'));
  const empty = (await libraryPersonalData.export(db, sharer.personId)) as { libraryItemsShared: unknown[]; libraryComments: unknown[] };
  assert.equal(empty.libraryItemsShared.length + empty.libraryComments.length, 0);
});
