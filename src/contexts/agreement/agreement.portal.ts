// The Agreement on the portal: its ways in (Agreement, networks, directory, challenges), its public news
// (new challenges, network meetings), and what waits on a desk (adhesions to review, renewals, network requests).
import { requirePermission } from '../../platform/auth/permissions.ts';
import { newsNameMark, type DeskContribution, type DeskTask, type DeskTool, type PortalContribution, type PortalNews } from '../../platform/portal.ts';
import { currentCommitments, memberAdhesionsOf, pendingAdhesions } from './adhesion/adhesion.service.ts';
import { listChallenges } from './challenges/challenge.service.ts';
import { coordinationQueue, findNetworkById, listNetworks, meetings } from './networks/network.service.ts';
import { organisationsOf } from './organisations/organisation.service.ts';
import { organisationNames, pendingRequestCounts } from './organisations/membership.service.ts';
import { findTerritoryById } from '../territories/territory.service.ts';
import { pick, pickedLocale } from '../../platform/i18n/translations.ts';

export const agreementPortal: PortalContribution = {
  scopeNames: {
    async organisation(db, ids) {
      return new Map([...(await organisationNames(db, ids))].map(([id, name]) => [id, { name, path: `/organisations/${id}` }]));
    },
    async network(db, ids, locale) {
      const out = new Map<string, { name: string; path: string }>();
      for (const id of ids) {
        const found = await findNetworkById(db, id);
        const territory = found ? await findTerritoryById(db, found.territoryId) : null;
        if (found && territory) out.set(id, { name: pick(found.name, locale), path: `/t/${territory.slug}/networks/${found.slug}` });
      }
      return out;
    },
  },
  async entries({ db, territory, t, locale }) {
    if (!territory.programmes.includes('agreement')) return [];
    const base = `/${locale}/t/${territory.slug}`;
    const networks = await listNetworks(db, territory.id);
    return [
      { key: 'agreement', order: 20, href: `${base}/agreement`, title: t('agreement.portal.agreement.title'), description: t('agreement.portal.agreement.body', { networks: networks.length }) },
      { key: 'directory', order: 30, href: `${base}/directory`, title: t('agreement.portal.directory.title'), description: t('agreement.portal.directory.body') },
      { key: 'challenges', order: 40, href: `${base}/challenges`, title: t('agreement.portal.challenges.title'), description: t('agreement.portal.challenges.body') },
    ];
  },
  async news({ db, territory, t, locale }, limit) {
    if (!territory.programmes.includes('agreement')) return [];
    const base = `/${locale}/t/${territory.slug}`;
    const challenges = (await listChallenges(db, territory.id)).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, limit);
    // Titles are typed without a recorded language: taken to be in the territory's first.
    const titleLang = territory.languages[0];
    const news: PortalNews[] = challenges.map((c) => ({ id: `challenge:${c.id}`, at: c.createdAt, kind: t('agreement.portal.news.challenge'), title: c.title, titleLang, href: `/${locale}/challenges/${c.id}` }));
    for (const network of await listNetworks(db, territory.id)) {
      for (const m of await meetings(db, network.id)) {
        news.push({ id: `meeting:${m.id}`, at: m.heldOn, kind: t('agreement.portal.news.meeting', { network: newsNameMark }), kindName: { text: pick(network.name, locale), lang: pickedLocale(network.name, locale) }, title: m.title, titleLang, href: `${base}/networks/${network.slug}` });
      }
    }
    return news.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
  },
};

export const agreementDesk: DeskContribution = async ({ db, actor, t, locale, territories }) => {
  const tasks: DeskTask[] = [];
  const tools: DeskTool[] = [];
  for (const territory of territories) {
    if (!territory.programmes.includes('agreement')) continue;
    const base = `/${locale}/t/${territory.slug}`;
    const pending = await pendingAdhesions(db, actor, territory.id);
    if (pending.ok) {
      tasks.push({ key: 'agreement.adhesions', territory: territory.name, count: pending.value.length, label: t('agreement.desk.adhesions'), href: `${base}/agreement/review` });
    }
    if (requirePermission(actor, 'agreement.commitments.publish', { territoryId: territory.id }).ok) {
      tools.push({ key: 'agreement.commitments', territory: territory.name, label: t('agreement.desk.commitments'), href: `${base}/agreement/commitments` });
    }
    if (requirePermission(actor, 'agreement.network.create', { territoryId: territory.id }).ok) {
      tools.push({ key: 'agreement.networkNew', territory: territory.name, label: t('agreement.desk.networkNew'), href: `${base}/networks/new` });
    }
    if (requirePermission(actor, 'agreement.organisation.list', { territoryId: territory.id }).ok) {
      tools.push({ key: 'agreement.organisationList', territory: territory.name, label: t('agreement.desk.organisationList'), href: `${base}/organisations` });
    }
    if (requirePermission(actor, 'agreement.organisation.export', { territoryId: territory.id }).ok) {
      tools.push({ key: 'agreement.export', territory: territory.name, label: t('agreement.desk.export'), href: `${base}/organisations.csv` });
    }
    for (const network of await listNetworks(db, territory.id)) {
      const queue = await coordinationQueue(db, actor, { id: network.id, territoryId: territory.id });
      if (!queue.ok) continue;
      tasks.push({
        key: `agreement.networkRequests.${network.slug}`,
        territory: territory.name,
        count: queue.value.length,
        label: t('agreement.desk.networkRequests', { network: pick(network.name, locale) }),
        href: `${base}/networks/${network.slug}/coordinate`,
      });
    }
  }
  // An organisation admin: renewals due, and the organisation's own page (by name, never by id). Read for all
  // their organisations at once: a person in many organisations makes no more queries than one in one.
  const organisations = await organisationsOf(db, actor, ['organisation-admin', 'organisation-member']);
  const managed = organisations.filter((o) => requirePermission(actor, 'agreement.organisation.members.manage', { organisationId: o.id }).ok);
  const signing = organisations.filter((o) => requirePermission(actor, 'agreement.adhesion.sign', { organisationId: o.id }).ok);
  const [pending, adhesions] = await Promise.all([pendingRequestCounts(db, managed.map((o) => o.id)), memberAdhesionsOf(db, signing.map((o) => o.id))]);
  const commitments = new Map<string, Awaited<ReturnType<typeof currentCommitments>>>();
  for (const territoryId of new Set(adhesions.map((a) => a.territoryId))) commitments.set(territoryId, await currentCommitments(db, territoryId));
  for (const organisation of organisations) {
    // The organisation's name is typed in its territory's first language.
    const labelName = { text: organisation.name, lang: territories.find((x) => x.id === organisation.territoryId)?.languages[0] ?? locale };
    tools.push({ key: `agreement.organisation.${organisation.id}`, label: newsNameMark, labelName, href: `/${locale}/organisations/${organisation.id}` });
    tools.push({ key: `agreement.members.${organisation.id}`, label: t('agreement.desk.members', { organisation: newsNameMark }), labelName, href: `/${locale}/organisations/${organisation.id}/members` });
    if (managed.includes(organisation)) {
      tasks.push({
        key: `agreement.joinRequests.${organisation.id}`,
        count: pending.get(organisation.id) ?? 0,
        label: t('agreement.desk.joinRequests', { organisation: newsNameMark }),
        labelName,
        href: `/${locale}/organisations/${organisation.id}/members#requests`,
      });
    }
    for (const adhesion of adhesions.filter((a) => a.organisationId === organisation.id)) {
      const territory = territories.find((x) => x.id === adhesion.territoryId);
      const current = commitments.get(adhesion.territoryId);
      if (!territory || !current || current.version <= adhesion.signedVersion) continue;
      tasks.push({
        key: `agreement.renewal.${organisation.id}`,
        territory: territory.name,
        count: 1,
        label: t('agreement.desk.renewal', { organisation: newsNameMark }),
        labelName,
        href: `/${locale}/t/${territory.slug}/agreement/sign`,
      });
    }
  }
  return { tasks, tools };
};
