// Reading a question to the directory: stop words, district and area names as filters, highlighted words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, highlight, stopWords, tokens, understandQuery } from './directory.query.ts';
import { districtFilter } from './directory.service.ts';
import { areaLabelsEverywhere } from './organisation.service.ts';
import { areasOfWork } from '../agreement.settings.ts';

const districts = [
  districtFilter('nb', 'Nou Barris'),
  districtFilter('sm', 'Sant Martí'),
  districtFilter('sa', 'Sant Andreu'),
  districtFilter('sg', 'Sarrià-Sant Gervasi'),
  districtFilter('hg', 'Horta-Guinardó'),
  districtFilter('st', 'Sants-Montjuïc'),
];
// The areas of work as the directory reads them: their labels in every language of the platform.
const areas = areasOfWork.map((key) => ({ key, names: areaLabelsEverywhere(key) }));
const understanding = (q: string, chosen = { districtChosen: false, areaChosen: false }) => understandQuery(q, { districts, areas, ...chosen });
/** What a question is read as, without the questions left once a filter is removed. */
const read = (q: string, chosen = { districtChosen: false, areaChosen: false }) => {
  const { terms, district, area } = understanding(q, chosen);
  return { terms, district, area };
};

test('a question in Catalan names an area and a district: both are filters, the question words are dropped', () => {
  assert.deepEqual(read('Qui treballa en habitatge a Nou Barris?'), { terms: [], district: 'nb', area: 'housing' });
  assert.deepEqual(read('¿Quién trabaja en vivienda en Sant Martí?'), { terms: [], district: 'sm', area: 'housing' });
  assert.deepEqual(read('Who works with older people in Sarrià-Sant Gervasi?'), { terms: [], district: 'sg', area: 'older-people' });
  assert.deepEqual(read('من يعمل في السكن؟'), { terms: [], district: null, area: 'housing' });
});

test('a question in any language of the platform: its stop words are dropped, its area label and district are filters', () => {
  const housingInNouBarris = { terms: [], district: 'nb', area: 'housing' };
  assert.deepEqual(read('Qui travaille dans le logement à Nou Barris ?'), housingInNouBarris);
  assert.deepEqual(read('Quem trabalha em habitação em Nou Barris?'), housingInNouBarris);
  assert.deepEqual(read('Cine lucrează cu locuințe în Nou Barris?'), housingInNouBarris);
  assert.deepEqual(read('Хто працює з житло в Nou Barris?'), housingInNouBarris);
  assert.deepEqual(read('谁在Nou Barris从事住房工作？'), housingInNouBarris);
  assert.deepEqual(read('Nou Barris میں رہائش پر کون کام کرتا ہے؟'), housingInNouBarris);
});

test('a district or an area named with a typo is still recognised; short names only as written', () => {
  assert.deepEqual(read('habitatge a Nou Baris'), { terms: [], district: 'nb', area: 'housing' });
  assert.deepEqual(read('habitatje Nou Barris'), { terms: [], district: 'nb', area: 'housing' });
  assert.deepEqual(read('Sarria Sant Gervais'), { terms: [], district: 'sg', area: null });
  // Each part of a double name is the district too.
  assert.deepEqual(read('menjador a Horta'), { terms: ['menjador'], district: 'hg', area: null });
  assert.deepEqual(read('Guinardo gent gran'), { terms: [], district: 'hg', area: 'older-people' });
  // "Santa" is not "Sants": a short name has no typo allowed.
  assert.deepEqual(read('Fundació Santa Eulàlia'), { terms: ['fundacio', 'santa', 'eulalia'], district: null, area: null });
  assert.equal(editDistance('barris', 'baris', 2), 1);
  assert.equal(editDistance('gervasi', 'gervais', 2), 1, 'two letters swapped are one typo');
  assert.equal(editDistance('habitatge', 'sense', 2), 3, 'past the limit, one more than the limit');
});

test('removing a filter read from the question takes its words out of the question, and nothing else', () => {
  const q = 'Qui treballa en habitatge a Nou Barris?';
  const understood = understanding(q);
  assert.equal(understood.withoutDistrict, 'Qui treballa en habitatge a?');
  assert.equal(understood.withoutArea, 'Qui treballa en a Nou Barris?');
  assert.deepEqual(read(understood.withoutDistrict!), { terms: [], district: null, area: 'housing' });
  assert.deepEqual(read(understood.withoutArea!), { terms: [], district: 'nb', area: null });
  assert.equal(understanding('menjador social').withoutDistrict, null);
});

test('words that are not a filter stay as search terms; a chosen filter is not read again from the words', () => {
  assert.deepEqual(read('menjador social a Sant Andreu'), { terms: ['menjador', 'social'], district: 'sa', area: null });
  assert.deepEqual(read('habitatge Nou Barris', { districtChosen: true, areaChosen: true }), { terms: ['habitatge', 'nou', 'barris'], district: null, area: null });
  // "Sant" alone names no district.
  assert.deepEqual(read('Sant Joan de Déu'), { terms: ['sant', 'joan', 'deu'], district: null, area: null });
  assert.deepEqual(read('qui? on?'), { terms: [], district: null, area: null });
});

test('stop words are words of questions, never words organisations are found by', () => {
  for (const word of ['qui', 'treballa', 'quien', 'trabaja', 'who', 'works', 'يعمل']) assert.ok(stopWords.has(tokens(word)[0]!), word);
  for (const word of ['associacio', 'habitatge', 'casa', 'fundacio', 'menjador', 'ajuda', 'home', 'help', 'nova']) assert.ok(!stopWords.has(word), word);
  // From the general lists, in every language: French, Portuguese, Romanian, Ukrainian, Chinese, Urdu.
  for (const word of ['dans', 'quem', 'cine', 'працює', '哪些', 'کون']) assert.ok(stopWords.has(tokens(word)[0]!), word);
  // "work" and "care" are in the general lists but are words of areas' labels: a question keeps them.
  assert.deepEqual(read('care home'), { terms: ['care', 'home'], district: null, area: null });
});

test('the words that made a text match are marked, accents and case aside, and words a term begins', () => {
  const parts = highlight('Habitatge digne per a famílies de Nou Barris', new Set(['habitatge', 'families']), ['famil']);
  assert.deepEqual(
    parts.filter((p) => p.mark).map((p) => p.text),
    ['Habitatge', 'famílies'],
  );
  assert.equal(parts.map((p) => p.text).join(''), 'Habitatge digne per a famílies de Nou Barris', 'nothing of the text is lost');
  assert.deepEqual(highlight('Sense Barreres', new Set(['sensellar']), ['sensellar']), [{ text: 'Sense Barreres', mark: false }]);
});
