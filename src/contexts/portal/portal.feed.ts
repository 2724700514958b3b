// A territory's public news as an Atom feed (RFC 4287), for feed readers and for following it without an account.
import { newsKindText, type PortalNews } from '../../platform/portal.ts';
import { escapeXml } from '../../platform/atom/atom.ts';

export function atomFeed(input: { id: string; title: string; selfUrl: string; pageUrl: string; publicUrl: string; news: PortalNews[] }): string {
  const updated = (input.news[0]?.at ?? new Date(0)).toISOString();
  const entries = input.news.map(
    (item) => `  <entry>
    <id>${escapeXml(`${input.id}:${item.id}`)}</id>
    <title>${escapeXml(`${newsKindText(item)}: ${item.title}`)}</title>
    <updated>${item.at.toISOString()}</updated>
    <link rel="alternate" href="${escapeXml(new URL(item.href, input.publicUrl).toString())}"/>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(input.id)}</id>
  <title>${escapeXml(input.title)}</title>
  <updated>${updated}</updated>
  <link rel="self" href="${escapeXml(input.selfUrl)}"/>
  <link rel="alternate" href="${escapeXml(input.pageUrl)}"/>
  <author><name>${escapeXml(input.title)}</name></author>
${entries.join('\n')}
</feed>
`;
}
