// The typed text of a framework, and the word diff between versions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffDocuments, formatDocument, keyed, parseDocument } from './document.ts';

test('a typed text becomes sections of paragraphs, and is typed back the same', () => {
  const parsed = parseDocument('# Purpose\nWe act\ntogether.\n\n\nSecond one.\r\n# Commitments\n\nNo eviction without an alternative.');
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.sections, [
    { heading: 'Purpose', paragraphs: ['We act together.', 'Second one.'] },
    { heading: 'Commitments', paragraphs: ['No eviction without an alternative.'] },
  ]);
  const again = parseDocument(formatDocument(parsed.sections.map((s) => ({ heading: s.heading, paragraphs: s.paragraphs.map((body) => ({ body })) }))));
  assert.deepEqual(again, parsed);
});

test('a text without a heading first, an empty section or nothing at all is refused with a reason', () => {
  assert.deepEqual(parseDocument('Text first\n# Heading\nx'), { ok: false, error: 'frameworks.errors.headingFirst' });
  assert.deepEqual(parseDocument('# Heading\n\n# Other\nx'), { ok: false, error: 'frameworks.errors.sectionEmpty' });
  assert.deepEqual(parseDocument('#\nx'), { ok: false, error: 'frameworks.errors.headingEmpty' });
  assert.deepEqual(parseDocument('  \n\n'), { ok: false, error: 'frameworks.errors.textRequired' });
  assert.deepEqual(parseDocument(`# H\n${'x'.repeat(7000)}`), { ok: false, error: 'frameworks.errors.tooLong' });
});

test('keys carry over by position, so an edited paragraph is a change in the diff, a new one an addition', () => {
  let n = 0;
  const key = () => `k${++n}`;
  const v1 = keyed([{ heading: 'Purpose', paragraphs: ['We act together.', 'Old paragraph.'] }], [], key);
  const v2 = keyed([{ heading: 'Purpose', paragraphs: ['We act together now.', 'Old paragraph.', 'A new one.'] }, { heading: 'Follow-up', paragraphs: ['Each year.'] }], v1, key);
  assert.equal(v2[0]!.paragraphs[0]!.key, v1[0]!.paragraphs[0]!.key);
  const diff = diffDocuments(v1, v2);
  assert.deepEqual(
    diff.map((s) => [s.change, s.paragraphs.map((p) => p.change)]),
    [
      ['changed', ['changed', 'same', 'added']],
      ['added', ['added']],
    ],
  );
  assert.equal(diff[0]!.paragraphs[0]!.parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join(''), 'We act together now.');
  assert.equal(diff[0]!.paragraphs[0]!.parts.filter((p) => p.kind !== 'added').map((p) => p.text).join(''), 'We act together.');
  assert.ok(diff[0]!.paragraphs[0]!.parts.some((p) => p.kind === 'added' && p.text.includes('now')));
  // A removed section comes back in the place it had.
  const back = diffDocuments(v2, [v2[1]!]);
  assert.deepEqual(back.map((s) => [s.heading.map((h) => h.text).join(''), s.change]), [
    ['Purpose', 'removed'],
    ['Follow-up', 'same'],
  ]);
});
