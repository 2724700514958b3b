// Co-production on the portal: its ways in (events, debates), its public news (events scheduled, debates
// opened), and on a desk the events a person organises.
import type { DeskContribution, DeskTask, PortalContribution, PortalNews } from '../../platform/portal.ts';
import { listEvents, mayOrganise } from './events/event.service.ts';
import { listDebates } from './debates/debate.service.ts';

export const coproductionPortal: PortalContribution = {
  async entries({ territory, t, locale }) {
    if (!territory.programmes.includes('agreement')) return [];
    const base = `/${locale}/t/${territory.slug}`;
    return [
      { key: 'events', order: 50, href: `${base}/events`, title: t('coproduction.portal.events.title'), description: t('coproduction.portal.events.body') },
      { key: 'statements', order: 52, href: `${base}/statements`, title: t('coproduction.portal.statements.title'), description: t('coproduction.portal.statements.body') },
      { key: 'analyses', order: 53, href: `${base}/analyses`, title: t('coproduction.portal.analyses.title'), description: t('coproduction.portal.analyses.body') },
      { key: 'debates', order: 55, href: `${base}/debates`, title: t('coproduction.portal.debates.title'), description: t('coproduction.portal.debates.body') },
    ];
  },
  async news({ db, territory, t, locale }, limit) {
    if (!territory.programmes.includes('agreement')) return [];
    const events = await listEvents(db, territory.id, { when: 'all' });
    const debates = await listDebates(db, territory.id);
    // Titles are typed without a recorded language: taken to be in the territory's first.
    const titleLang = territory.languages[0];
    const news: PortalNews[] = [
      ...events.map((e) => ({ id: `event:${e.id}`, at: e.createdAt, kind: t('coproduction.portal.news.event'), title: e.title, titleLang, href: `/${locale}/events/${e.id}` })),
      ...debates.map((d) => ({ id: `debate:${d.id}`, at: d.createdAt, kind: t('coproduction.portal.news.debate'), title: d.title, titleLang, href: `/${locale}/debates/${d.id}` })),
    ];
    return news.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
  },
};

export const coproductionDesk: DeskContribution = async ({ db, actor, t, locale, territories }) => {
  const tasks: DeskTask[] = [];
  for (const territory of territories) {
    if (!territory.programmes.includes('agreement')) continue;
    for (const event of await listEvents(db, territory.id, { when: 'upcoming' })) {
      if (!mayOrganise(actor, event)) continue;
      tasks.push({ key: `coproduction.event.${event.id}`, territory: territory.name, count: event.registered + event.waiting, label: t('coproduction.desk.event', { event: event.title }), href: `/${locale}/events/${event.id}/manage` });
    }
  }
  return { tasks, tools: [] };
};
