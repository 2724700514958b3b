// Reading a question to the directory: stop words, district and area names as filters, highlighted words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highlight, stopWords, tokens, understandQuery } from './directory.query.ts';

const districts = [
  { key: 'nb', names: ['Nou Barris'] },
  { key: 'sm', names: ['Sant Martí'] },
  { key: 'sa', names: ['Sant Andreu'] },
  { key: 'sg', names: ['Sarrià-Sant Gervasi'] },
];
const areas = [
  { key: 'housing', names: ['Habitatge', 'Vivienda', 'Housing', 'السكن'] },
  { key: 'older-people', names: ['Gent gran', 'Personas mayores', 'Older people', 'كبار السن'] },
];
const read = (q: string, chosen = { districtChosen: false, areaChosen: false }) => understandQuery(q, { districts, areas, ...chosen });

test('a question in Catalan names an area and a district: both are filters, the question words are dropped', () => {
  assert.deepEqual(read('Qui treballa en habitatge a Nou Barris?'), { terms: [], district: 'nb', area: 'housing' });
  assert.deepEqual(read('¿Quién trabaja en vivienda en Sant Martí?'), { terms: [], district: 'sm', area: 'housing' });
  assert.deepEqual(read('Who works with older people in Sarrià-Sant Gervasi?'), { terms: [], district: 'sg', area: 'older-people' });
  assert.deepEqual(read('من يعمل في السكن؟'), { terms: [], district: null, area: 'housing' });
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
  for (const word of ['associacio', 'habitatge', 'casa', 'fundacio', 'menjador', 'ajuda']) assert.ok(!stopWords.has(word), word);
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
