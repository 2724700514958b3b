import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanTexts, diffLines, languageChanges, nextTextVersions, textVersionOf, updatedLanguages } from './commitments.ts';

const v1 = { version: 1, text: { ca: 'Un\nDos', es: 'Uno\nDos', ar: 'واحد' }, textVersions: {} };

test('a new version that changes only Catalan leaves the other languages untranslated, belonging to version 1', () => {
  const text = { ca: 'Un\nDos\nTres', es: 'Uno\nDos', ar: 'واحد' };
  assert.deepEqual(languageChanges(v1, text), { updated: ['ca'], untranslated: ['es', 'ar'] });
  const v2 = { version: 2, text, textVersions: nextTextVersions(v1, text, 2, false) };
  assert.deepEqual(v2.textVersions, { ca: 2, es: 1, ar: 1 });
  assert.deepEqual(updatedLanguages(v2), ['ca']);
  // Version 3 translates Spanish only: Arabic still belongs to version 1.
  const text3 = { ...text, es: 'Uno\nDos\nTres' };
  const v3 = { version: 3, text: text3, textVersions: nextTextVersions(v2, text3, 3, false) };
  assert.deepEqual(v3.textVersions, { ca: 2, es: 3, ar: 1 });
  assert.equal(textVersionOf(v3, 'ar'), 1);
});

test('the editor may say the untranslated texts still hold; the first version and a version with no change warn of nothing', () => {
  const text = { ca: 'Un\nDos.', es: 'Uno\nDos', ar: 'واحد' };
  assert.deepEqual(nextTextVersions(v1, text, 2, true), { ca: 2, es: 2, ar: 2 });
  assert.deepEqual(languageChanges(null, text).untranslated, []);
  assert.deepEqual(languageChanges(v1, v1.text).untranslated, []);
  assert.deepEqual(updatedLanguages(v1), ['ca', 'es', 'ar'], 'a version without recorded text versions wrote every language');
});

test('the line diff says what was added and removed, keeping the order', () => {
  assert.deepEqual(diffLines('A\nB\nC', 'A\nC\nD'), [
    { kind: 'same', text: 'A' },
    { kind: 'removed', text: 'B' },
    { kind: 'same', text: 'C' },
    { kind: 'added', text: 'D' },
  ]);
  assert.deepEqual(diffLines('', 'A'), [{ kind: 'added', text: 'A' }]);
});

test('texts from a browser (line ends "\\r\\n", spaces around) compare equal to the stored ones', () => {
  assert.deepEqual(cleanTexts({ ca: ' Un\r\nDos\r\n', es: '', ar: 'واحد' }), { ca: 'Un\nDos', ar: 'واحد' });
  assert.deepEqual(languageChanges(v1, cleanTexts({ ca: 'Un\r\nDos\r\nTres', es: 'Uno\r\nDos', ar: 'واحد' })).untranslated, ['es', 'ar']);
});
