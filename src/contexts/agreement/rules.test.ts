// Pure rules of the Agreement: challenge lifecycle, search words, profile validation, the search document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextStatuses } from './challenges/challenge.service.ts';
import { searchTerms, searchWords } from './organisations/directory.service.ts';
import { searchDocument, validateOrganisation, type OrganisationInput } from './organisations/organisation.service.ts';
import { pick, pickedLocale } from '../../platform/i18n/translations.ts';

test('a challenge moves proposed → prioritised → being addressed → addressed, and can be declined only before work starts', () => {
  assert.deepEqual(nextStatuses('proposed'), ['prioritised', 'declined']);
  assert.deepEqual(nextStatuses('prioritised'), ['being-addressed', 'declined']);
  assert.deepEqual(nextStatuses('being-addressed'), ['addressed']);
  assert.deepEqual(nextStatuses('addressed'), []);
  assert.deepEqual(nextStatuses('declined'), []);
});

test('search words: at most six, at least three letters each, punctuation ignored', () => {
  assert.deepEqual(searchWords('Qui treballa en habitatge a Nou Barris?'), ['Qui', 'treballa', 'habitatge', 'Nou', 'Barris']);
  assert.deepEqual(searchWords('  '), []);
  assert.deepEqual(searchWords(undefined), []);
  assert.equal(searchWords('uno dos tres cuatro cinco seis siete ocho').length, 6);
  assert.deepEqual(searchWords('¿vivienda, (Sants)?'), ['vivienda', 'Sants']);
});

test('search terms are cut like the documents: letters and digits, without accents, in lower case', () => {
  assert.deepEqual(searchTerms('Empresa d’Inserció'), ['empresa', 'insercio']);
  assert.deepEqual(searchTerms('Col·lectiu SARRIÀ-Sant Gervasi'), ['col', 'lectiu', 'sarria', 'sant', 'gervasi']);
  assert.deepEqual(searchTerms('d’a l’u'), []);
  assert.deepEqual(searchTerms('habitatge Habitatge HABITATGE'), ['habitatge']);
});

const valid: OrganisationInput = { name: 'Associació X', type: 'association', description: '', areas: ['housing'], districtIds: [], languages: ['ca'], website: '', publicEmail: '', publicPhone: '' };

test('a profile needs a name, a known type and at least one area; contact details must look right', () => {
  assert.deepEqual(validateOrganisation(valid, new Set()), {});
  assert.deepEqual(validateOrganisation({ ...valid, name: '  ', type: 'club', areas: [] }, new Set()), {
    name: 'agreement.organisation.errors.nameRequired',
    type: 'agreement.organisation.errors.typeRequired',
    areas: 'agreement.organisation.errors.areasRequired',
  });
  assert.deepEqual(validateOrganisation({ ...valid, website: 'javascript:alert(1)', publicEmail: 'nobody', publicPhone: 'call me' }, new Set()), {
    website: 'agreement.organisation.errors.website',
    publicEmail: 'agreement.organisation.errors.email',
    publicPhone: 'agreement.organisation.errors.phone',
  });
  assert.deepEqual(validateOrganisation({ ...valid, districtIds: ['d1', 'd9'], languages: ['xx'] }, new Set(['d1'])), { districtIds: 'platform.validation.invalid', languages: 'platform.validation.invalid' });
});

test('the search document carries the areas in every core language and the district names', () => {
  const document = searchDocument({ name: 'Casal', description: 'Fem deures', areas: ['housing'] }, ['Nou Barris']);
  for (const word of ['Casal', 'Habitatge', 'Vivienda', 'Housing', 'السكن', 'Nou Barris']) assert.ok(document.includes(word), word);
});

test('a translated text falls back to another language and says which one it is in', () => {
  assert.equal(pick({ ca: 'Xarxa', es: 'Red' }, 'es'), 'Red');
  assert.equal(pick({ ca: 'Xarxa' }, 'ar'), 'Xarxa');
  assert.equal(pickedLocale({ ca: 'Xarxa', en: 'Network' }, 'ar'), 'en');
  assert.equal(pick(null, 'ca'), '');
});
