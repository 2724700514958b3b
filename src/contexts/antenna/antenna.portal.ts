// The antenna on the portal: "report discrimination", prominent and in the visitor's language; following a
// report with its receipt; and on a case handler's desk the cases to triage and the cases assigned to them.
// The desk shows counts only: never a reference, a narrative or who reported.
import { requirePermission } from '../../platform/auth/permissions.ts';
import type { DeskContribution, DeskTask, DeskTool, PortalContribution } from '../../platform/portal.ts';
import { listCases, unreadMessageCount } from './triage.service.ts';

export const antennaPortal: PortalContribution = {
  async entries({ territory, t, locale }) {
    if (territory.kind !== 'municipality') return [];
    const base = `/${locale}/t/${territory.slug}/antenna`;
    return [
      { key: 'antenna', order: 0, prominent: true, href: base, title: t('antenna.portal.report.title'), description: t('antenna.portal.report.body') },
      { key: 'antenna-follow', order: 10, href: `${base}/follow`, title: t('antenna.portal.follow.title'), description: t('antenna.portal.follow.body') },
    ];
  },
};

export const antennaDesk: DeskContribution = async ({ db, actor, t, locale, territories }) => {
  const tasks: DeskTask[] = [];
  const tools: DeskTool[] = [];
  for (const territory of territories) {
    if (territory.kind !== 'municipality') continue;
    const base = `/${locale}/t/${territory.slug}/antenna`;
    const list = requirePermission(actor, 'antenna.case.list', { territoryId: territory.id });
    if (list.ok) {
      // Counts only: one row a page is enough, the queue counts every status.
      const counting = { q: '', sort: 'updated' as const, dir: 'desc' as const, page: 1, perPage: 1 };
      const [all, assigned, unread] = await Promise.all([listCases(db, actor, territory.id, {}, counting), listCases(db, actor, territory.id, { mine: true }, counting), unreadMessageCount(db, actor, territory.id)]);
      if (all.ok && assigned.ok && unread.ok) {
        const fresh = all.value.byStatus.new;
        const mine = assigned.value.allStatuses - assigned.value.byStatus.closed;
        tasks.push({ key: 'antenna.new', territory: territory.name, count: fresh, label: t('antenna.desk.new'), href: `${base}/cases?status=new` });
        tasks.push({ key: 'antenna.mine', territory: territory.name, count: mine, label: t('antenna.desk.mine'), href: `${base}/cases?mine=1` });
        // Messages, not cases: each message from a reporter this handler has not yet read.
        tasks.push({ key: 'antenna.unread', territory: territory.name, count: unread.value, label: t('antenna.desk.unread'), href: `${base}/cases?sort=updated&dir=desc` });
      }
    } else if (list.reason === 'two-factor-required') {
      // The count itself is behind the second factor.
      tasks.push({ key: 'antenna.new', territory: territory.name, count: null, label: t('antenna.desk.new'), href: `${base}/cases?status=new` });
      tasks.push({ key: 'antenna.unread', territory: territory.name, count: null, label: t('antenna.desk.unread'), href: `${base}/cases?sort=updated&dir=desc` });
    }
    if (list.ok || list.reason === 'two-factor-required') tools.push({ key: 'antenna.cases', territory: territory.name, label: t('antenna.desk.cases'), href: `${base}/cases` });
    const recovery = requirePermission(actor, 'antenna.recovery.manage', { territoryId: territory.id });
    if (recovery.ok || recovery.reason === 'two-factor-required') tools.push({ key: 'antenna.recovery', territory: territory.name, label: t('antenna.desk.recovery'), href: `${base}/recovery` });
  }
  if (actor.grants.some((g) => g.role === 'organisation-member')) {
    for (const territory of territories.filter((x) => x.kind === 'municipality')) {
      tools.push({ key: 'antenna.onBehalf', territory: territory.name, label: t('antenna.desk.onBehalf'), href: `/${locale}/t/${territory.slug}/antenna/on-behalf` });
    }
  }
  return { tasks, tools };
};
