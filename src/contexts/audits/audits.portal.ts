// The citizen audit on the portal: join the audit network, the audits' home, the services; and on a desk,
// visits to do, findings to validate or to answer, and the audit pages the person may use.
import { requirePermission } from '../../platform/auth/permissions.ts';
import { allowedTools, type DeskContribution, type DeskTask, type DeskTool, type PortalContribution, type ToolPage } from '../../platform/portal.ts';
import { myVisits } from './fieldwork/fieldwork.service.ts';
import { listFindings } from './findings/finding.service.ts';
import { myApplications } from './network/application.service.ts';
import { openStaffSheets } from './self-assessment/self-assessment.service.ts';
import { findTerritoryById } from '../territories/territory.service.ts';

export const auditsPortal: PortalContribution = {
  async entries({ territory, t, locale }) {
    if (territory.kind !== 'municipality') return [];
    const base = `/${locale}/t/${territory.slug}`;
    return [
      { key: 'audits-join', order: 50, href: `${base}/audits/join`, title: t('audits.portal.join.title'), description: t('audits.portal.join.body') },
      { key: 'audits', order: 60, href: `${base}/audits`, title: t('audits.portal.audits.title'), description: t('audits.portal.audits.body') },
    ];
  },
};

/** Pages of the audits and the action that opens each (checked against the territory). */
const toolPages: ToolPage[] = [
  ['visits', '/audits/visits', 'audits.fieldwork.fill'],
  ['findings', '/audits/findings', 'audits.finding.view'],
  ['campaigns', '/audits/campaigns', 'audits.results.view'],
  ['self-assessments', '/audits/self-assessments', 'audits.selfAssessment.view'],
  ['instruments', '/audits/instruments', 'audits.instrument.manage'],
  ['auditors', '/audits/auditors', 'audits.auditor.read'],
  ['catalogue', '/audits/catalogue', 'catalogue.manage'],
];

export const auditsDesk: DeskContribution = async ({ db, actor, t, locale, territories }) => {
  const tasks: DeskTask[] = [];
  const tools: DeskTool[] = [];
  for (const territory of territories) {
    if (territory.kind !== 'municipality') continue;
    const base = `/${locale}/t/${territory.slug}`;
    tools.push(...allowedTools(actor, territory, locale, toolPages, 'audits', (key) => t(`audits.home.links.${key}`)));
    const visits = await myVisits(db, actor, territory.id);
    if (visits.ok) {
      const open = visits.value.filter((v) => v.status !== 'submitted');
      const next = open[0];
      tasks.push({
        key: 'audits.visits',
        territory: territory.name,
        count: open.length,
        label: t('audits.desk.visits'),
        href: next ? `${base}/audits/visits/${next.id}/sections/1` : `${base}/audits/visits`,
      });
    }
    // Coordinators validate what was proposed; service managers answer what was validated about their services.
    if (requirePermission(actor, 'audits.finding.manage', { territoryId: territory.id }).ok) {
      const proposed = await listFindings(db, actor, territory.id, { status: 'proposed' });
      if (proposed.ok) tasks.push({ key: 'audits.findingsToValidate', territory: territory.name, count: proposed.value.length, label: t('audits.desk.findingsToValidate'), href: `${base}/audits/findings?status=proposed` });
    }
    if (requirePermission(actor, 'audits.finding.respond', { territoryId: territory.id }).ok) {
      const validated = await listFindings(db, actor, territory.id, { status: 'validated' });
      if (validated.ok) tasks.push({ key: 'audits.findingsToAnswer', territory: territory.name, count: validated.value.length, label: t('audits.desk.findingsToAnswer'), href: `${base}/audits/findings?status=validated` });
      // The questionnaires their own services still have to send in a self-assessment.
      const open = await openStaffSheets(db, actor, territory.id);
      if (open.ok && open.value.firstId)
        tasks.push({ key: 'audits.selfAssessments', territory: territory.name, count: open.value.count, label: t('audits.desk.selfAssessments'), href: `${base}/audits/self-assessments/${open.value.firstId}` });
    }
  }
  // The person's own applications to the audit network until accepted: the state, and the reason or question
  // to read. Any territory, not only those where they hold a role (an applicant holds none yet).
  const applications = await myApplications(db, actor);
  if (applications.ok) {
    for (const application of applications.value.filter((a) => a.status !== 'accepted' && a.status !== 'left')) {
      const territory = await findTerritoryById(db, application.territoryId);
      if (!territory) continue;
      tasks.push({
        key: `audits.application.${application.status}`,
        territory: territory.name,
        count: 1,
        label: t(`audits.desk.application.${application.status}`),
        href: `/${locale}/t/${territory.slug}/audits/application`,
      });
    }
  }
  return { tasks, tools };
};
