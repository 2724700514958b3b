// Plans on the portal: a way in to the territory's published plans and their follow-up, and on a person's
// desk the plans pages their roles open (drafting, recommendations to services).
import { allowedTools, type DeskContribution, type PortalContribution, type ToolPage } from '../../platform/portal.ts';
import { listPublishedPlans } from './plan.service.ts';

export const plansPortal: PortalContribution = {
  async entries({ db, territory, t, locale }) {
    if (territory.kind !== 'municipality') return [];
    const plans = await listPublishedPlans(db, territory.id);
    if (plans.length === 0) return [];
    return [
      {
        key: 'plans',
        order: 80,
        href: `/${locale}/t/${territory.slug}/plans`,
        title: t('plans.portal.title'),
        description: t('plans.portal.body', { count: plans.length }),
      },
    ];
  },
};

const toolPages: ToolPage[] = [
  ['staff', '/plans/staff', 'plans.plan.view'],
  ['recommendations', '/recommendations', 'plans.plan.view'],
];

export const plansDesk: DeskContribution = async ({ actor, t, locale, territories }) => ({
  tasks: [],
  tools: territories.filter((te) => te.kind === 'municipality').flatMap((te) => allowedTools(actor, te, locale, toolPages, 'plans', (key) => t(`plans.desk.${key}`))),
});
