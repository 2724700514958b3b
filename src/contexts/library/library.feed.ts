// A territory's library as an Atom feed: its newest items, for feed readers and for following it without an account.
// The feed's own texts are in the reader's language; each item's title and summary are marked with the item's first
// language (else the territory's), as the pages mark them. Addresses are absolute, from the public address.
import type { Db } from '../../platform/db/client.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';
import { writeAtom } from '../../platform/atom/atom.ts';
import { territoryName, type Territory } from '../territories/territory.service.ts';
import { latestItems } from './library.service.ts';

export const feedLength = 30;

export async function libraryFeed(db: Db, territory: Territory, view: { locale: string; t: Translate; publicUrl: string }): Promise<string> {
  const { locale, t } = view;
  const page = new URL(`/${locale}/t/${territory.slug}/library`, view.publicUrl).toString();
  const items = await latestItems(db, territory.id, feedLength);
  const name = territoryName(territory, locale).text;
  return writeAtom({
    id: page,
    lang: locale,
    title: t('library.list.title', { territory: name }),
    subtitle: t('library.list.lead'),
    selfUrl: `${page}/feed.atom`,
    pageUrl: page,
    author: name,
    entries: items.map((i) => {
      const lang = i.languages[0] ?? territory.settings.languages[0];
      const url = `${page}/${i.id}`;
      return {
        id: url,
        title: { text: i.title, lang },
        summary: { text: i.summary, lang },
        url,
        published: i.publishedAt,
        updated: i.updatedAt,
        author: i.publisherName,
        category: { term: i.kind, label: t(`library.kind.${i.kind}`) },
        rights: t(`library.licence.${i.licence}`),
      };
    }),
  });
}
