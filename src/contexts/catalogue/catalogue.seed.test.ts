// The demo catalogue speaks every language the site does: residents read its names in the antenna and the diagnosis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locales } from '../../platform/i18n/locales.ts';
import { demoCatalogues } from './catalogue.seed.ts';

/** Names written the same in a language as in the council's: the word is the same (Catalan, Spanish and Portuguese "Cultura"). */
const sameInLanguage: Record<string, string[]> = { Cultura: ['es', 'pt'] };

/** Acronyms on the council's doors (facility names like "CSS Ciutat Vella"), kept in brackets after the expansion. */
const acronyms = ['OAC', 'SAIER'];

const entries = demoCatalogues.flatMap(({ slug, lang, departments }) =>
  departments.flatMap((d) => [{ slug, lang, ...d }, ...d.services.map((s) => ({ slug, lang, ...s }))]),
);

test('every department and service of the demo catalogue has a name in each of the ten languages', () => {
  assert.ok(entries.length >= 10);
  for (const entry of entries) {
    for (const locale of locales) {
      if (locale === entry.lang) {
        assert.equal(entry.t[locale], undefined, `${entry.slug}: "${entry.name}" is itself the ${locale} name`);
        continue;
      }
      const name = entry.t[locale];
      assert.ok(name && name.trim() === name && name.length > 0, `${entry.slug}: "${entry.name}" has a ${locale} name`);
      if (name === entry.name) assert.ok(sameInLanguage[name]?.includes(locale), `${entry.slug}: "${entry.name}" is translated into ${locale}, not copied`);
    }
  }
});

test('a name with an acronym keeps it in every language, in brackets after the expansion unless it leads', () => {
  for (const entry of entries) {
    for (const acronym of acronyms.filter((a) => new RegExp(`\\b${a}\\b`).test(entry.name))) {
      for (const locale of locales.filter((l) => l !== entry.lang)) {
        const name = entry.t[locale]!;
        assert.ok(name.endsWith(`(${acronym})`) || name.startsWith(`${acronym} – `), `${entry.slug} ${locale}: "${name}" explains ${acronym}`);
      }
    }
  }
});
