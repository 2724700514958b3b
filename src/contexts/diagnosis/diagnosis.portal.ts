// The diagnosis on the portal: the published diagnoses and maps, news when one is published, and on a
// board member's desk the drafts waiting for their vote.
import { requirePermission } from '../../platform/auth/permissions.ts';
import { allowedTools, type DeskContribution, type DeskTask, type DeskTool, type PortalContribution, type ToolPage } from '../../platform/portal.ts';
import { listInReview, listPublished, reviewDiagnosis } from './diagnosis.service.ts';

export const diagnosisPortal: PortalContribution = {
  async entries({ db, territory, t, locale }) {
    if (territory.kind !== 'municipality') return [];
    // Shown before the first publication too: people learn that it is coming and who approves it.
    const published = await listPublished(db, territory.id);
    return [
      {
        key: 'diagnosis',
        order: 70,
        href: `/${locale}/t/${territory.slug}/diagnosis`,
        title: t('diagnosis.portal.title'),
        description: published.length > 0 ? t('diagnosis.portal.body', { count: published.length }) : t('diagnosis.portal.none'),
      },
    ];
  },
  async news({ db, territory, t, locale }, limit) {
    if (territory.kind !== 'municipality') return [];
    const published = await listPublished(db, territory.id);
    return published.slice(0, limit).map((d) => ({
      id: `diagnosis:${d.id}`,
      at: d.publishedAt,
      kind: t('diagnosis.portal.news'),
      title: d.title,
      // Typed by staff without a recorded language: taken to be in the territory's first.
      titleLang: territory.languages[0],
      href: `/${locale}/t/${territory.slug}/diagnosis/${d.number}`,
    }));
  },
};

const toolPages: ToolPage[] = [
  ['staff', '/diagnosis/staff', 'diagnosis.staff.view'],
  ['drafts', '/diagnosis/drafts', 'diagnosis.draft.review'],
  ['research', '/diagnosis/research', 'diagnosis.extract.download'],
];

export const diagnosisDesk: DeskContribution = async ({ db, actor, t, locale, territories }) => {
  const tasks: DeskTask[] = [];
  const tools: DeskTool[] = [];
  for (const territory of territories) {
    if (territory.kind !== 'municipality') continue;
    const base = `/${locale}/t/${territory.slug}`;
    tools.push(...allowedTools(actor, territory, locale, toolPages, 'diagnosis', (key) => t(`diagnosis.desk.tools.${key}`)));
    if (!requirePermission(actor, 'diagnosis.draft.vote', { territoryId: territory.id }).ok) continue;
    const drafts = await listInReview(db, actor, territory.id);
    if (!drafts.ok) continue;
    let waiting = 0;
    for (const draft of drafts.value) {
      const review = await reviewDiagnosis(db, actor, territory.id, draft.id);
      if (review.ok && !review.value.votes.some((v) => v.personId === actor.personId)) waiting += 1;
    }
    tasks.push({ key: 'diagnosis.votes', territory: territory.name, count: waiting, label: t('diagnosis.desk.votes'), href: `${base}/diagnosis/drafts` });
  }
  return { tasks, tools };
};
