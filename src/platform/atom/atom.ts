// An Atom 1.0 feed (RFC 4287) written as text. Every text and attribute goes through escapeXml, which also drops
// the characters XML 1.0 cannot carry at all (control characters, lone surrogates): a title pasted with one must
// not make the whole feed unreadable. Language-marked texts carry xml:lang, so a reader knows how to say them.

/** Text escaped for XML content and attribute values, without the characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A text and, when it is not in the feed's language, the language it is written in. */
export interface AtomText {
  text: string;
  lang?: string | undefined;
}

export interface AtomEntry {
  /** A permanent IRI: the entry's absolute page address, or a tag: or urn:uuid: IRI. */
  id: string;
  title: AtomText;
  summary?: AtomText;
  /** The absolute address of the entry's page. */
  url: string;
  published?: Date;
  updated: Date;
  author: string;
  /** A category: its term (a stable code) and its label in the feed's language. */
  category?: { term: string; label: string };
  rights?: string;
}

export interface AtomFeed {
  id: string;
  /** The language of the feed's own texts (the page's locale). */
  lang: string;
  title: string;
  subtitle?: string;
  /** The absolute address of the feed itself and of the page it follows. */
  selfUrl: string;
  pageUrl: string;
  author: string;
  entries: AtomEntry[];
}

const text = (name: string, value: AtomText, indent: string) => `${indent}<${name}${value.lang ? ` xml:lang="${escapeXml(value.lang)}"` : ''}>${escapeXml(value.text)}</${name}>`;

/** The feed's updated time is its newest entry's (the epoch when it has none: Atom requires one). */
export function writeAtom(feed: AtomFeed): string {
  const updated = feed.entries.reduce((newest, e) => (e.updated > newest ? e.updated : newest), new Date(0));
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.lang)}">`,
    `  <id>${escapeXml(feed.id)}</id>`,
    text('title', { text: feed.title }, '  '),
    ...(feed.subtitle ? [text('subtitle', { text: feed.subtitle }, '  ')] : []),
    `  <updated>${updated.toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.pageUrl)}"/>`,
    `  <author><name>${escapeXml(feed.author)}</name></author>`,
  ];
  for (const e of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${escapeXml(e.id)}</id>`,
      text('title', e.title, '    '),
      `    <link rel="alternate" type="text/html" href="${escapeXml(e.url)}"/>`,
      ...(e.published ? [`    <published>${e.published.toISOString()}</published>`] : []),
      `    <updated>${e.updated.toISOString()}</updated>`,
      `    <author><name>${escapeXml(e.author)}</name></author>`,
      ...(e.category ? [`    <category term="${escapeXml(e.category.term)}" label="${escapeXml(e.category.label)}"/>`] : []),
      ...(e.summary ? [text('summary', e.summary, '    ')] : []),
      ...(e.rights ? [text('rights', { text: e.rights }, '    ')] : []),
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
