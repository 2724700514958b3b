import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asciiDigits, parseTypedNumber } from './digits.ts';

test('digits of every script become ASCII digits', () => {
  assert.equal(asciiDigits('٠١٢٣٤٥٦٧٨٩'), '0123456789', 'Arabic-Indic');
  assert.equal(asciiDigits('۰۱۲۳۴۵۶۷۸۹'), '0123456789', 'Extended Arabic-Indic (Urdu, Persian)');
  assert.equal(asciiDigits('０１２３４５６７８９'), '0123456789', 'full-width');
  assert.equal(asciiDigits('०१२३४५६७८९'), '0123456789', 'Devanagari');
  assert.equal(asciiDigits('০১২৩৪৫৬৭৮৯'), '0123456789', 'Bengali');
  assert.equal(asciiDigits('𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗𝟘𝟙'), '012345678901', 'mathematical digits, several runs of ten in a row');
});

test('everything that is not a decimal digit is kept as it is', () => {
  assert.equal(asciiDigits('+34 ۶۱۲-۳۴۵ (٦٧٨)'), '+34 612-345 (678)');
  assert.equal(asciiDigits('قسم ٣، 第三'), 'قسم 3، 第三', 'Chinese numerals are words, not decimal digits');
  assert.equal(asciiDigits('Ⅻ ½ ²'), 'Ⅻ ½ ²', 'Roman numerals, fractions and superscripts are not decimal digits');
});

test('a typed number accepts the separators people use', () => {
  assert.equal(parseTypedNumber('٧٥'), 75);
  assert.equal(parseTypedNumber('۳٫۵'), 3.5);
  assert.equal(parseTypedNumber('41,38'), 41.38);
  assert.equal(parseTypedNumber('−2.17'), -2.17);
  assert.equal(parseTypedNumber(' ８０ '), 80);
  assert.ok(Number.isNaN(parseTypedNumber('seventy')));
  assert.ok(Number.isNaN(parseTypedNumber('')));
  assert.ok(Number.isNaN(parseTypedNumber('1.2.3')));
});
