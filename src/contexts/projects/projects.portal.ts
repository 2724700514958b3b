// Projects and mutual aid on the portal: their ways in, their news (projects started), and on a desk the
// projects a person's organisations take part in (with milestones past due) and conversations waiting for them.
import { newsNameMark, type DeskContribution, type DeskTask, type PortalContribution, type PortalNews } from '../../platform/portal.ts';
import { listProjects, projectsOfActor } from './projects/project.service.ts';
import { matchesOfActor } from './volunteering/aid.service.ts';

export const projectsPortal: PortalContribution = {
  async entries({ territory, t, locale }) {
    if (!territory.programmes.includes('agreement')) return [];
    const base = `/${locale}/t/${territory.slug}`;
    return [
      { key: 'projects', order: 45, href: `${base}/projects`, title: t('projects.portal.projects.title'), description: t('projects.portal.projects.body') },
      { key: 'volunteering', order: 46, href: `${base}/volunteering`, title: t('projects.portal.volunteering.title'), description: t('projects.portal.volunteering.body') },
    ];
  },
  async news({ db, territory, t, locale }, limit) {
    if (!territory.programmes.includes('agreement')) return [];
    const news: PortalNews[] = (await listProjects(db, territory.id)).map((p) => ({ id: `project:${p.id}`, at: p.createdAt, kind: t('projects.portal.news.project'), title: p.title, titleLang: p.locale, href: `/${locale}/projects/${p.id}` }));
    return news.slice(0, limit);
  },
};

export const projectsDesk: DeskContribution = async ({ db, actor, t, locale, territories }) => {
  const tasks: DeskTask[] = [];
  for (const territory of territories) {
    if (!territory.programmes.includes('agreement')) continue;
    for (const { project, overdue } of await projectsOfActor(db, actor, territory.id)) {
      tasks.push({ key: `projects.project.${project.id}`, territory: territory.name, count: overdue, label: t('projects.desk.project', { project: newsNameMark }), labelName: { text: project.title, lang: project.locale }, href: `/${locale}/projects/${project.id}` });
    }
    for (const m of await matchesOfActor(db, actor, territory.id)) {
      if (m.match.fulfilledAt) continue;
      tasks.push({ key: `projects.match.${m.match.id}`, territory: territory.name, count: m.waitingForMe ? 1 : 0, label: t('projects.desk.match', { title: newsNameMark }), labelName: { text: m.title, lang: territory.languages[0] ?? locale }, href: `/${locale}/volunteering/matches/${m.match.id}` });
    }
  }
  return { tasks, tools: [] };
};
