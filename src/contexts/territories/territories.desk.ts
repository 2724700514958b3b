// On a territory admin's desk: the territory's security settings.
import { requirePermission } from '../../platform/auth/permissions.ts';
import type { DeskContribution, DeskTool } from '../../platform/portal.ts';

export const territoriesDesk: DeskContribution = async ({ actor, t, locale, territories }) => {
  const tools: DeskTool[] = [];
  for (const territory of territories) {
    const allowed = requirePermission(actor, 'territories.settings.manage', { territoryId: territory.id });
    if (allowed.ok || allowed.reason === 'two-factor-required') {
      tools.push({ key: 'territories.security', territory: territory.name, label: t('territories.security.title'), href: `/${locale}/t/${territory.slug}/admin/security` });
    }
  }
  return { tasks: [], tools };
};
