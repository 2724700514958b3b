import { test } from 'node:test';
import assert from 'node:assert/strict';
import { manifests } from '../../app.ts';
import { catalogueKeys, translator } from './i18n.ts';
import { direction, locales, negotiate } from './locales.ts';

test('every message exists in every language, with the same placeholders', () => {
  void manifests; // importing the app loads every context's catalogue
  const english = catalogueKeys('en');
  assert.ok(english.length > 50);
  for (const locale of locales) {
    const keys = new Set(catalogueKeys(locale));
    const missing = english.filter((k) => !keys.has(k));
    assert.deepEqual(missing, [], `missing in ${locale}`);
  }
});

test('ICU plurals follow each language’s rules', () => {
  assert.equal(translator('en')('territories.home.districts', { count: 1 }), '1 district');
  assert.equal(translator('ca')('territories.home.districts', { count: 10 }), '10 districtes');
  assert.equal(translator('ar')('territories.home.districts', { count: 2 }), 'حيّان');
  assert.equal(translator('ar')('territories.home.districts', { count: 3 }), '3 أحياء');
});

test('a missing key shows itself instead of a blank', () => {
  assert.equal(translator('es')('no.such.key'), 'no.such.key');
});

test('Accept-Language negotiation honours quality values and falls back to English', () => {
  assert.equal(negotiate('ar-MA,ar;q=0.9,fr;q=0.8'), 'ar');
  assert.equal(negotiate('fr-FR,fr;q=0.9,es;q=0.5,ca;q=0.7'), 'ca');
  assert.equal(negotiate('de'), 'en');
  assert.equal(negotiate(undefined), 'en');
  assert.equal(negotiate('es;q=0,en;q=0.1'), 'en');
});

test('Arabic and Urdu are right-to-left', () => {
  assert.equal(direction('ar'), 'rtl');
  assert.equal(direction('ur'), 'rtl');
  assert.equal(direction('ca'), 'ltr');
});
