// The directory's natural questions over 10,000 generated member organisations (the bench's fixture) besides the
// demo's: a question reads as its filters, the same in every language, and a typo in the district changes nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { findTerritory } from '../../territories/territory.service.ts';
import { generateOrganisations } from './organisation.generate.ts';
import { searchDirectory } from './directory.service.ts';
import { districtNames } from './organisation.service.ts';

let t: TestApp;
let barcelona: string;
let nouBarris: string;
before(async () => {
  t = await createTestApp({ template: 'demo' });
  barcelona = (await findTerritory(t.database.db, 'barcelona'))!.id;
  nouBarris = [...(await districtNames(t.database.db, barcelona))].find(([, name]) => name === 'Nou Barris')![0];
  await generateOrganisations(t.database.db, barcelona, 10_000);
});
after(async () => t.close());

test('over 10,000 organisations, "Qui treballa en habitatge a Nou Barris?" lists exactly the housing organisations of Nou Barris', async () => {
  const db = t.database.db;
  const filtered = await searchDirectory(db, barcelona, { area: 'housing', district: nouBarris });
  assert.ok(filtered.total > 100, `the fixture has housing organisations in Nou Barris (${filtered.total})`);
  for (const q of ['Qui treballa en habitatge a Nou Barris?', '¿Quién trabaja en vivienda en Nou Baris?', 'Who works on housing in Nou Barris?', 'Qui travaille dans le logement à Nou Barris ?', 'من يعمل في السكن في Nou Barris؟']) {
    const asked = await searchDirectory(db, barcelona, { q });
    assert.equal(asked.total, filtered.total, q);
    assert.equal(asked.understood.area, 'housing', q);
    assert.equal(asked.understood.district, nouBarris, q);
    assert.ok(asked.organisations.every((o) => o.areas.includes('housing') && o.districtIds.includes(nouBarris)), q);
  }
  // A word beside the filters narrows them: "Roquetes" is a word of the generated names and descriptions.
  const narrowed = await searchDirectory(db, barcelona, { q: 'habitatge a Nou Barris de Roquetes' });
  assert.ok(narrowed.total > 0 && narrowed.total < filtered.total, `${narrowed.total} of ${filtered.total}`);
  assert.ok(narrowed.organisations.every((o) => /Roquetes/.test(o.name + o.description)));
});
