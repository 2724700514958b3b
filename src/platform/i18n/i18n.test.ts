import { test } from 'node:test';
import assert from 'node:assert/strict';
import { manifests } from '../../app.ts';
import fs from 'node:fs';
import path from 'node:path';
import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { translator } from './i18n.ts';
import { coreLocales, direction, locales, negotiate } from './locales.ts';

function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.select || e.type === TYPE.plural) into.add(e.value);
    if (e.type === TYPE.select || e.type === TYPE.plural) for (const option of Object.values(e.options)) placeholders(option.value, into);
  }
  return into;
}

function readCatalogue(dir: string, locale: string): Record<string, string> | null {
  const file = path.join(dir, `${locale}.json`);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
}

test('every context is complete in its languages, with the same placeholders as English', () => {
  for (const manifest of manifests) {
    const english = readCatalogue(manifest.localesDir, 'en');
    assert.ok(english, `${manifest.name} has an English catalogue`);
    const required = manifest.languages === 'all' ? locales : coreLocales;
    for (const locale of required) {
      const catalogue = readCatalogue(manifest.localesDir, locale) ?? {};
      const missing: string[] = Object.keys(english).filter((k) => !(k in catalogue));
      assert.deepEqual(missing, [], `${manifest.name}: missing in ${locale}`);
      for (const [key, message] of Object.entries(catalogue)) {
        assert.ok(key in english, `${manifest.name}: ${key} (${locale}) is not in English`);
        assert.deepEqual([...placeholders(parse(message))].sort(), [...placeholders(parse(english[key]!))].sort(), `${key} (${locale}) placeholders`);
      }
    }
  }
});

/** Keys of the English catalogue that a locale of the context does not have yet. */
function missingKeys(localesDir: string, locale: string): string[] {
  const english = readCatalogue(localesDir, 'en') ?? {};
  const catalogue = readCatalogue(localesDir, locale) ?? {};
  return Object.keys(english).filter((k) => !(k in catalogue));
}

test('beyond the languages a context declares: what is still to translate is listed; what is translated is valid', (t) => {
  const lines: string[] = [];
  for (const manifest of manifests) {
    if (manifest.languages === 'all') continue;
    const english = readCatalogue(manifest.localesDir, 'en')!;
    const extra = locales.filter((l) => !(coreLocales as readonly string[]).includes(l));
    lines.push(`${manifest.name}: still to translate ${extra.map((l) => `${l} ${missingKeys(manifest.localesDir, l).length}`).join(', ')}`);
    // A catalogue begun ahead of its context's declaration already follows English, key and placeholders.
    for (const locale of extra) {
      for (const [key, message] of Object.entries(readCatalogue(manifest.localesDir, locale) ?? {})) {
        assert.ok(key in english, `${manifest.name}: ${key} (${locale}) is not in English`);
        assert.deepEqual([...placeholders(parse(message))].sort(), [...placeholders(parse(english[key]!))].sort(), `${key} (${locale}) placeholders`);
      }
    }
  }
  // `I18N_MISSING=<context>` prints the keys themselves.
  const wanted = process.env.I18N_MISSING;
  const manifest = manifests.find((m) => m.name === wanted);
  if (manifest) for (const l of locales) for (const key of missingKeys(manifest.localesDir, l)) lines.push(`${manifest.name} ${l} ${key}`);
  for (const line of lines) t.diagnostic(line);
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
  assert.equal(negotiate('de-DE,de;q=0.9,es;q=0.5,ca;q=0.7'), 'ca');
  assert.equal(negotiate('ur-PK'), 'ur');
  assert.equal(negotiate('de'), 'en');
  assert.equal(negotiate(undefined), 'en');
  assert.equal(negotiate('es;q=0,en;q=0.1'), 'en');
});

test('Arabic and Urdu are right-to-left', () => {
  assert.equal(direction('ar'), 'rtl');
  assert.equal(direction('ur'), 'rtl');
  assert.equal(direction('ca'), 'ltr');
});
