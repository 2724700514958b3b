// Commitments per language through HTTP: a version that changes only the Catalan text warns the editor and asks
// what readers of the other languages should see; readers are told which version their text belongs to; the
// versions page lists every version and what changed per language.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { actorHeader, createTestApp, csrfFrom, type TestApp } from '../../../../test/support/app.ts';
import { findTerritory } from '../../territories/territory.service.ts';
import { barcelonaCommitments } from '../agreement.seed.ts';

let t: TestApp;
let group: Record<string, string>;
let csrf: { token: string; cookie: string };
before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  const barcelonaId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  const header = actorHeader({ personId: '00000000-0000-4000-8000-0000000000f2', displayName: 'Pau Ferrer', grants: [{ role: 'promoting-group-member', scope: { kind: 'territory', id: barcelonaId } }] });
  csrf = csrfFrom(await t.app.inject({ url: '/ca/t/barcelona/agreement/commitments', headers: header }));
  group = { ...header, cookie: csrf.cookie };
});
after(async () => t.close());

const post = (payload: Record<string, string>, locale = 'ca') =>
  t.app.inject({ method: 'POST', url: `/${locale}/t/barcelona/agreement/commitments`, headers: { ...group, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...payload, _csrf: csrf.token }).toString() });
const texts = (ca: string) => ({ 'text.ca': ca, 'text.es': barcelonaCommitments.es!, 'text.en': barcelonaCommitments.en!, 'text.ar': barcelonaCommitments.ar! });
const newLine = 'Fer servir un llenguatge planer en tot el que publiquem';

test('publishing only the Catalan text warns of the untranslated languages and asks; nothing is published until the editor chooses', async () => {
  const warned = await post(texts(`${barcelonaCommitments.ca}\n${newLine}`));
  assert.equal(warned.statusCode, 200);
  assert.match(warned.body, /Algunes llengües no estan traduïdes/);
  assert.match(warned.body, /Heu canviat el text en català\. El text en espanyol, anglès i àrab és el mateix que a la versió 1\./);
  assert.ok(warned.body.includes(newLine), 'what was typed is kept');
  assert.equal((await t.app.inject('/api/v1/territories/barcelona/agreement')).json().commitments.version, 1, 'not published yet');

  // Submitted again without a choice: an error beside the choice.
  const noChoice = await post({ ...texts(`${barcelonaCommitments.ca}\n${newLine}`), warned: 'yes' });
  assert.equal(noChoice.statusCode, 400);
  assert.match(noChoice.body, /Trieu què han de veure les persones que llegeixen en les llengües no traduïdes/);

  const published = await post({ ...texts(`${barcelonaCommitments.ca}\n${newLine}`), warned: 'yes', untranslated: 'keep' });
  assert.equal(published.statusCode, 303);
  assert.match(published.headers.location as string, /notice=publishedUntranslated/);
});

test('readers see the version their text belongs to, and the editor sees which texts are behind', async () => {
  const agreement = (await t.app.inject('/api/v1/territories/barcelona/agreement')).json();
  assert.equal(agreement.commitments.version, 2);
  assert.deepEqual(agreement.commitments.textVersions, { ca: 2, es: 1, en: 1, ar: 1 });

  const catalan = (await t.app.inject('/ca/t/barcelona/agreement')).body;
  assert.ok(catalan.includes(newLine));
  assert.doesNotMatch(catalan, /data-text-version/, 'the Catalan text is the current one');
  const spanish = (await t.app.inject('/es/t/barcelona/agreement')).body;
  assert.match(spanish, /Este texto en español es de la versión 1\. La versión 2 solo cambió el texto en catalán/);
  const arabic = (await t.app.inject('/ar/t/barcelona/agreement')).body;
  assert.match(arabic, /data-text-version="1"/);
  assert.match(arabic, /غيّر الإصدار 2 النص باللغة الكتالانية فقط/);

  const editor = (await t.app.inject({ url: '/ca/t/barcelona/agreement/commitments', headers: group })).body;
  assert.match(editor, /Aquest text encara és de la versió 1: no es va traduir a la versió 2\./);
});

test('the versions page lists every version and what changed in each language', async () => {
  const page = await t.app.inject('/ca/t/barcelona/agreement/versions');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Versió 2 · vigent/);
  assert.match(page.body, /Text actualitzat en català\./);
  assert.match(page.body, /No actualitzada en espanyol, anglès i àrab\./);
  assert.match(page.body, /Què ha canviat en català/);
  assert.match(page.body, new RegExp(`<ins><span class="visually-hidden" lang="ca">Afegit: </span>${newLine}</ins>`));
  assert.match(page.body, /Primera versió, escrita en català, espanyol, anglès i àrab\./);
  assert.match((await t.app.inject('/ca/t/barcelona/agreement')).body, /La versió anterior i què ha canviat/);

  // Translating Spanish later: Spanish belongs to version 3, Arabic and English still to version 1.
  const spanishTranslated = `${barcelonaCommitments.es}\nUsar un lenguaje llano en todo lo que publicamos`;
  const third = await post({ 'text.ca': `${barcelonaCommitments.ca}\n${newLine}`, 'text.es': spanishTranslated, 'text.en': barcelonaCommitments.en!, 'text.ar': barcelonaCommitments.ar!, warned: 'yes', untranslated: 'keep' });
  assert.equal(third.statusCode, 303);
  assert.deepEqual((await t.app.inject('/api/v1/territories/barcelona/agreement')).json().commitments.textVersions, { ca: 2, es: 3, en: 1, ar: 1 });
  assert.doesNotMatch((await t.app.inject('/es/t/barcelona/agreement')).body, /data-text-version/);
  assert.match((await t.app.inject('/en/t/barcelona/agreement')).body, /This English text is from version 1\. Version 3 changed only the text in Catalan and Spanish/);
});

test('an editor who says the change needs no translation publishes every language as the new version', async () => {
  const ca = `${barcelonaCommitments.ca}\n${newLine}.`;
  const outcome = await post({ 'text.ca': ca, 'text.es': `${barcelonaCommitments.es}\nUsar un lenguaje llano en todo lo que publicamos`, 'text.en': barcelonaCommitments.en!, 'text.ar': barcelonaCommitments.ar!, warned: 'yes', untranslated: 'holds' });
  assert.equal(outcome.statusCode, 303);
  assert.match(outcome.headers.location as string, /notice=published(&|$)/);
  assert.deepEqual((await t.app.inject('/api/v1/territories/barcelona/agreement')).json().commitments.textVersions, { ca: 4, es: 4, en: 4, ar: 4 });
});
