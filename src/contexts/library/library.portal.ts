// The library on the portal: its way in, its public news (items shared), on a desk the way to share for people
// who may, and on an organisation's public page what it shared.
import type { DeskContribution, DeskTool, PortalContribution, PortalNews } from '../../platform/portal.ts';
import { findTerritoryById } from '../territories/territory.service.ts';
import { latestItems, publishersFor, sharedBy } from './library.service.ts';

/** An item's title is in its first language (as its pages show it), else in the territory's first. */
const titleLang = (item: readonly string[], territory: readonly string[]): string => item[0] ?? territory[0] ?? 'ca';

export const libraryPortal: PortalContribution = {
  async entries({ territory, t, locale }) {
    if (!territory.programmes.includes('agreement')) return [];
    return [{ key: 'library', order: 45, href: `/${locale}/t/${territory.slug}/library`, title: t('library.portal.title'), description: t('library.portal.body') }];
  },
  async news({ db, territory, t, locale }, limit) {
    if (!territory.programmes.includes('agreement')) return [];
    const items = await latestItems(db, territory.id, limit);
    return items.map((i): PortalNews => ({ id: `library:${i.id}`, at: i.publishedAt, kind: t(`library.portal.news.${i.kind}`), title: i.title, titleLang: titleLang(i.languages, territory.languages), href: `/${locale}/t/${territory.slug}/library/${i.id}` }));
  },
  async organisationSection({ db, organisationId, t, locale }) {
    const items = await sharedBy(db, organisationId);
    if (items.length === 0) return null;
    const slugs = new Map<string, string>();
    for (const id of new Set(items.map((i) => i.territoryId))) {
      const territory = await findTerritoryById(db, id);
      if (territory) slugs.set(id, territory.slug);
    }
    return {
      key: 'library',
      title: t('library.organisation.title'),
      items: items.filter((i) => slugs.has(i.territoryId)).map((i) => ({ title: i.title, ...(i.languages[0] ? { lang: i.languages[0] } : {}), meta: t(`library.kind.${i.kind}`), at: i.publishedAt, href: `/${locale}/t/${slugs.get(i.territoryId)}/library/${i.id}` })),
    };
  },
};

export const libraryDesk: DeskContribution = async ({ db, actor, t, locale, territories }) => {
  const tools: DeskTool[] = [];
  for (const territory of territories) {
    if (!territory.programmes.includes('agreement')) continue;
    if ((await publishersFor(db, actor, territory, locale)).length === 0) continue;
    tools.push({ key: `library.share.${territory.slug}`, territory: territory.name, label: t('library.desk.share'), href: `/${locale}/t/${territory.slug}/library/new` });
  }
  return { tasks: [], tools };
};
