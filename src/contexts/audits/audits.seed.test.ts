// The demo audit speaks every language the site does: auditors and residents read its questionnaire, the score
// card's criteria and the diagnosis's patterns in theirs, not in a language marked as foreign.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { locales } from '../../platform/i18n/locales.ts';
import type { Translations } from '../../platform/i18n/translations.ts';
import { frontDeskVisit } from './instruments/instrument.demo.ts';
import { checkDefinition } from './instruments/instrument.ts';
import { demoBarriers, demoScoreCriteria } from './audits.seed.ts';

/** Every text of the demo instrument a person reads: its title, section titles, item prompts and help, choices. */
const instrumentTexts: { where: string; texts: Translations }[] = [
  { where: 'title', texts: frontDeskVisit.title },
  ...frontDeskVisit.sections.flatMap((section) => [
    { where: `section ${section.name}`, texts: section.title },
    ...section.items.flatMap((item) => [
      { where: `item ${item.name}`, texts: item.label },
      ...(Object.keys(item.hint).length > 0 ? [{ where: `hint of ${item.name}`, texts: item.hint }] : []),
      ...item.choices.map((choice) => ({ where: `choice ${item.name}.${choice.value}`, texts: choice.label })),
    ]),
  ]),
];

/** Spanish identity papers, named by their acronyms on the council's forms: outside Spain's languages, in brackets after the expansion. */
const acronyms = ['DNI', 'NIE'];
const ownLanguages = ['es', 'ca'];

test('every text of the demo instrument is in each of the ten languages, translated rather than copied', () => {
  assert.deepEqual([...frontDeskVisit.languages].sort(), [...locales].sort());
  assert.ok(instrumentTexts.length >= 40, `${instrumentTexts.length} texts`);
  for (const { where, texts } of instrumentTexts) {
    for (const locale of locales) {
      const text = texts[locale];
      assert.ok(text && text.trim() === text, `${where} has a ${locale} text`);
      if (locale !== 'es') assert.notEqual(text, texts.es, `${where} is translated into ${locale}, not copied from Spanish`);
    }
  }
  assert.deepEqual(checkDefinition(frontDeskVisit), {});
});

test('an acronym in the instrument keeps its letters in every language, in brackets after the expansion outside Spain’s own', () => {
  for (const { where, texts } of instrumentTexts) {
    for (const acronym of acronyms.filter((a) => new RegExp(`\\b${a}\\b`).test(texts.es!))) {
      for (const locale of locales.filter((l) => !ownLanguages.includes(l))) {
        assert.ok(texts[locale]!.includes(`(${acronym})`), `${where} ${locale}: "${texts[locale]}" explains ${acronym}`);
      }
    }
  }
});

test('every criterion of the demo score card has its label in each of the ten languages', () => {
  assert.ok(demoScoreCriteria.length >= 4);
  for (const criterion of demoScoreCriteria) {
    const translations: Translations = criterion.labelTranslations;
    for (const locale of locales) {
      // Written by Barcelona's users in Catalan, the territory's language: that is the label itself.
      if (locale === 'ca') {
        assert.equal(translations.ca, undefined, `"${criterion.label}" is itself the Catalan label`);
        continue;
      }
      const label = translations[locale];
      assert.ok(label && label.trim() === label, `"${criterion.label}" has a ${locale} label`);
      assert.notEqual(label, criterion.label, `"${criterion.label}" is translated into ${locale}`);
    }
  }
});

test('every barrier the demo findings name has its words in each of the ten languages, for the diagnosis’s patterns', () => {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../diagnosis/locales');
  for (const locale of locales) {
    const messages = JSON.parse(fs.readFileSync(path.join(dir, `${locale}.json`), 'utf8')) as Record<string, string>;
    for (const barrier of demoBarriers) assert.ok(messages[`diagnosis.barrier.${barrier}`]?.trim(), `${barrier} in ${locale}`);
  }
});
