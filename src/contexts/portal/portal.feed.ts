// A territory's public news as an Atom feed (RFC 4287), for feed readers and for following it without an account.
// Written by the platform's Atom writer: the feed says its language, and a title written in another language (a
// challenge's, as its organisation typed it) is marked with that one.
import { newsKindText, type PortalNews } from '../../platform/portal.ts';
import { writeAtom } from '../../platform/atom/atom.ts';

export function atomFeed(input: { id: string; lang: string; title: string; selfUrl: string; pageUrl: string; publicUrl: string; news: PortalNews[] }): string {
  return writeAtom({
    id: input.id,
    lang: input.lang,
    title: input.title,
    selfUrl: input.selfUrl,
    pageUrl: input.pageUrl,
    author: input.title,
    entries: input.news.map((item) => ({
      // The ids the feed has always given its entries, so a reader does not show old news as new.
      id: `${input.id}:${item.id}`,
      title: { text: item.title, lang: item.titleLang && item.titleLang !== input.lang ? item.titleLang : undefined },
      summary: { text: newsKindText(item) },
      url: new URL(item.href, input.publicUrl).toString(),
      updated: item.at,
      author: input.title,
      // What kind of news it is (challenge, meeting, diagnosis…), for readers that sort by category.
      category: { term: item.id.split(':')[0]!, label: newsKindText(item) },
    })),
  });
}
