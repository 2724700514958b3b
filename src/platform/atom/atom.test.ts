// The Atom writer: what a conforming XML parser reads back is what was given, whatever the text holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { childNamed, childrenNamed, langOf, parseXml } from '../../../test/support/xml.ts';
import { escapeXml, writeAtom } from './atom.ts';

const atom = 'http://www.w3.org/2005/Atom';

test('markup, quotes and ampersands are escaped; characters XML cannot carry are dropped', () => {
  assert.equal(escapeXml(`<a href="x">&'</a>`), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  assert.equal(escapeXml('a\u0001b\u000bc\u001fd\ufffe\ud800e'), 'abcde');
  assert.equal(escapeXml('tab\tline\nreturn\r😀 ا 中'), 'tab\tline\nreturn\r😀 ا 中');
});

test('a feed reads back with its languages, times, absolute links and every entry', () => {
  const published = new Date('2026-03-01T10:00:00Z');
  const xml = writeAtom({
    id: 'https://example.org/ca/t/x/library',
    lang: 'ca',
    title: 'Biblioteca de "X" & <Y>',
    subtitle: 'Guies',
    selfUrl: 'https://example.org/ca/t/x/library/feed.atom',
    pageUrl: 'https://example.org/ca/t/x/library',
    author: 'X',
    entries: [
      { id: 'https://example.org/ca/t/x/library/1', title: { text: 'Rebost <b>&</b>\u0002', lang: 'es' }, summary: { text: 'Resum', lang: 'es' }, url: 'https://example.org/ca/t/x/library/1?a=1&b=2', published, updated: new Date('2026-03-05T10:00:00Z'), author: 'Entitat', category: { term: 'guide', label: 'Guia' } },
      { id: 'urn:uuid:7f0c1b8e-0000-4000-8000-000000000000', title: { text: 'Sense idioma' }, url: 'https://example.org/2', updated: published, author: 'Altra' },
    ],
  });
  const feed = parseXml(xml);
  assert.equal(feed.name, 'feed');
  assert.equal(feed.uri, atom);
  assert.equal(langOf(feed), 'ca');
  assert.equal(childNamed(feed, 'title')!.text, 'Biblioteca de "X" & <Y>');
  assert.equal(childNamed(feed, 'updated')!.text, '2026-03-05T10:00:00.000Z', 'the newest entry’s time');
  assert.deepEqual(childrenNamed(feed, 'link').map((l) => [l.attributes.rel, l.attributes.href]), [['self', 'https://example.org/ca/t/x/library/feed.atom'], ['alternate', 'https://example.org/ca/t/x/library']]);
  const [first, second] = childrenNamed(feed, 'entry');
  assert.equal(childNamed(first!, 'title')!.text, 'Rebost <b>&</b>');
  assert.equal(langOf(childNamed(first!, 'title')!), 'es');
  assert.equal(childNamed(first!, 'link')!.attributes.href, 'https://example.org/ca/t/x/library/1?a=1&b=2');
  assert.equal(childNamed(first!, 'published')!.text, '2026-03-01T10:00:00.000Z');
  assert.equal(childNamed(first!, 'category')!.attributes.label, 'Guia');
  assert.equal(langOf(childNamed(second!, 'title')!), 'ca', 'a text without its own language is in the feed’s');
  assert.equal(childNamed(second!, 'summary'), undefined);
  for (const entry of [first!, second!]) for (const name of ['id', 'title', 'updated', 'author']) assert.ok(childNamed(entry, name), name);
});

test('an empty feed is still a valid feed, updated at the epoch', () => {
  const feed = parseXml(writeAtom({ id: 'https://example.org/f', lang: 'ar', title: 'مكتبة', selfUrl: 'https://example.org/f.atom', pageUrl: 'https://example.org/f', author: 'X', entries: [] }));
  assert.equal(childrenNamed(feed, 'entry').length, 0);
  assert.equal(childNamed(feed, 'updated')!.text, '1970-01-01T00:00:00.000Z');
  assert.equal(langOf(feed), 'ar');
});
