// Frameworks on the portal: the way in from a territory's front page, news when a version is agreed, and on a
// coordinator's desk the frameworks whose amendments wait for a decision.
import type { DeskContribution, DeskTask, PortalContribution, PortalNews } from '../../platform/portal.ts';
import { listFrameworks, pendingDecisions } from './framework.service.ts';

export const frameworksPortal: PortalContribution = {
  async entries({ territory, t, locale }) {
    if (!territory.programmes.includes('agreement')) return [];
    return [{ key: 'frameworks', order: 45, href: `/${locale}/t/${territory.slug}/frameworks`, title: t('frameworks.portal.title'), description: t('frameworks.portal.body') }];
  },
  async news({ db, territory, t, locale }, limit) {
    if (!territory.programmes.includes('agreement')) return [];
    const news: PortalNews[] = [];
    for (const s of await listFrameworks(db, null, territory.id)) {
      if (s.agreed?.agreedAt) news.push({ id: `framework:${s.agreed.id}`, at: s.agreed.agreedAt, kind: t('frameworks.portal.news.agreed'), title: s.agreed.title, titleLang: s.framework.locale, href: `/${locale}/t/${territory.slug}/frameworks/${s.framework.id}` });
    }
    return news.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
  },
};

export const frameworksDesk: DeskContribution = async ({ db, actor, t, locale, territories }) => {
  const tasks: DeskTask[] = [];
  for (const territory of territories) {
    if (!territory.programmes.includes('agreement')) continue;
    for (const p of await pendingDecisions(db, actor, territory.id)) {
      tasks.push({ key: `frameworks.amendments.${p.framework.id}`, territory: territory.name, count: p.pending, label: t('frameworks.desk.pending', { framework: p.version.title }), href: `/${locale}/t/${territory.slug}/frameworks/${p.framework.id}/amendments` });
    }
  }
  return { tasks, tools: [] };
};
