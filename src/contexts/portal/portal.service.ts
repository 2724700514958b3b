// What the portal shows, composed from every context's contribution (platform/portal.ts): a territory's
// ways in and news, a forum's members' offers, and a person's desk. The portal owns no tables.
import type { Db } from '../../platform/db/client.ts';
import { mayEverBeAllowed, roles, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import { isDemoInstallation } from '../../platform/db/first-run.ts';
import { demoPeopleWithRoles } from '../identity/roles.service.ts';
import { territoryOptions } from '../identity/admin.service.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { deskContributions, portalContributions, type DeskTask, type DeskTool, type PortalEntry, type PortalInput, type PortalNews, type PortalTerritory } from '../../platform/portal.ts';
import { findTerritory, findTerritoryById, listTerritories, relatedTerritories, territoryName, type Territory, type TerritorySummary } from '../territories/territory.service.ts';
import { findOrganisation, organisationsByIds } from '../agreement/organisations/organisation.service.ts';
import { findNetworkById } from '../agreement/networks/network.service.ts';

/** The territory as contexts see it on a page in `locale`: its name in that language, or its own name and language. */
export function portalTerritory(territory: Territory, locale: string): PortalTerritory {
  const name = territoryName(territory, locale);
  return {
    id: territory.id,
    slug: territory.slug,
    name: name.text,
    nameLang: name.lang,
    languages: territory.settings.languages,
    kind: territory.kind,
    programmes: territory.settings.programmes ?? [],
  };
}

interface Viewer {
  db: Db;
  locale: Locale;
  t: Translate;
  actor: Actor | null;
}

/** Every context's ways into this territory, the prominent ones first, then by order. */
export async function entriesOf(viewer: Viewer, territory: PortalTerritory): Promise<PortalEntry[]> {
  const input: PortalInput = { ...viewer, territory };
  const entries: PortalEntry[] = [];
  for (const { portal } of portalContributions()) if (portal.entries) entries.push(...(await portal.entries(input)));
  return entries.sort((a, b) => Number(b.prominent ?? false) - Number(a.prominent ?? false) || a.order - b.order);
}

/** The latest public news of these territories, newest first. */
export async function newsOf(viewer: Viewer, territories: PortalTerritory[], limit = 10): Promise<(PortalNews & { territory: string })[]> {
  const news: (PortalNews & { territory: string })[] = [];
  for (const territory of territories) {
    const input: PortalInput = { ...viewer, territory };
    for (const { portal } of portalContributions()) {
      if (portal.news) for (const item of await portal.news(input, limit)) news.push({ ...item, territory: territory.name });
    }
  }
  return news.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}

export interface TerritoryPortal {
  territory: Territory;
  entries: PortalEntry[];
  news: (PortalNews & { territory: string })[];
  related: Territory[];
  /** For a forum: what each member municipality offers. */
  members: { territory: Territory; entries: PortalEntry[] }[];
}

export async function territoryPortal(viewer: Viewer, slug: string): Promise<TerritoryPortal | null> {
  const territory = await findTerritory(viewer.db, slug);
  if (!territory) return null;
  const related = await relatedTerritories(viewer.db, territory);
  const entries = await entriesOf(viewer, portalTerritory(territory, viewer.locale));
  const members = territory.kind === 'forum' ? await Promise.all(related.map(async (m) => ({ territory: m, entries: await entriesOf(viewer, portalTerritory(m, viewer.locale)) }))) : [];
  // A forum's news is its own and its members'.
  const news = await newsOf(viewer, [territory, ...(territory.kind === 'forum' ? related : [])].map((x) => portalTerritory(x, viewer.locale)));
  return { territory, entries, news, related, members };
}

/** The home page: every territory with what it offers. */
export async function homeTerritories(viewer: Viewer): Promise<(TerritorySummary & { entries: PortalEntry[] })[]> {
  const summaries = await listTerritories(viewer.db);
  const out: (TerritorySummary & { entries: PortalEntry[] })[] = [];
  for (const summary of summaries) {
    const territory = await findTerritory(viewer.db, summary.slug);
    out.push({ ...summary, entries: territory ? await entriesOf(viewer, portalTerritory(territory, viewer.locale)) : [] });
  }
  return out;
}

/** The territories where the person holds a role: directly, or through their organisation or network. */
export async function territoriesOf(db: Db, actor: Actor, locale: string = 'en'): Promise<PortalTerritory[]> {
  const ids = new Set<string>();
  let everywhere = false;
  for (const grant of actor.grants) {
    const { kind, id } = grant.scope;
    if (kind === 'platform') everywhere = true;
    else if (kind === 'territory' && id) ids.add(id);
    else if (kind === 'organisation' && id) {
      const organisation = await findOrganisation(db, id);
      if (organisation) ids.add(organisation.territoryId);
    } else if (kind === 'network' && id) {
      const network = await findNetworkById(db, id);
      if (network) ids.add(network.territoryId);
    }
  }
  const found: Territory[] = [];
  if (everywhere) {
    for (const summary of await listTerritories(db)) {
      const territory = await findTerritory(db, summary.slug);
      if (territory) found.push(territory);
    }
  } else {
    for (const id of ids) {
      const territory = await findTerritoryById(db, id);
      if (territory) found.push(territory);
    }
  }
  return found.map((x) => portalTerritory(x, locale)).sort((a, b) => a.name.localeCompare(b.name, locale));
}

export interface Desk {
  tasks: DeskTask[];
  tools: DeskTool[];
  territories: PortalTerritory[];
}

/** What waits for this person, from every context, and the pages they may use. */
export async function deskOf(viewer: Viewer & { actor: Actor }): Promise<Desk> {
  const territories = await territoriesOf(viewer.db, viewer.actor, viewer.locale);
  const tasks: DeskTask[] = [];
  const tools: DeskTool[] = [];
  for (const { desk } of deskContributions()) {
    const part = await desk({ ...viewer, territories });
    tasks.push(...part.tasks);
    tools.push(...part.tools);
  }
  return { tasks, tools, territories };
}

export interface DemoPerson {
  email: string;
  name: string;
  /** The demo administrator, whose password was shown at the first start (the others share DEMO_PEOPLE_PASSWORD). */
  administrator: boolean;
  /** Each role with the name of where it applies (a territory, an organisation), never an id. */
  roles: { role: string; where: string | null; kind: string }[];
}

/**
 * The demo people and their roles, for administrators of an installation that holds the demo data (elsewhere the
 * page does not exist). Names of territories and organisations come from their contexts.
 */
export async function demoPeopleList(db: Db, actor: Actor | null): Promise<Outcome<DemoPerson[], 'not-found'>> {
  const allowed = mayEverBeAllowed(actor, 'portal.demoPeople.view');
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  if (!(await isDemoInstallation(db))) return { ok: false, error: 'not-found' };
  const people = await demoPeopleWithRoles(db);
  const territoryNames = new Map((await territoryOptions(db)).map((t) => [t.id, t.name]));
  const organisationIds = people.flatMap((p) => p.grants.filter((g) => g.scope.kind === 'organisation' && g.scope.id).map((g) => g.scope.id!));
  const organisationNames = new Map((await organisationsByIds(db, organisationIds)).map((o) => [o.id, o.name]));
  const whereOf = (kind: string, id: string | null) => (kind === 'territory' ? territoryNames.get(id ?? '') : kind === 'organisation' ? organisationNames.get(id ?? '') : null) ?? null;
  const rank = (p: (typeof people)[number]) => (p.administrator ? -1 : Math.min(roles.length, ...p.grants.map((g) => roles.indexOf(g.role))));
  await recordAccess(db, { actorId: actor!.personId, action: 'portal.demoPeople.read', recordType: 'person', recordId: '*' });
  return {
    ok: true,
    value: people
      .sort((a, b) => rank(a) - rank(b) || a.email.localeCompare(b.email))
      .map((p) => ({ email: p.email, name: p.displayName, administrator: p.administrator, roles: p.grants.map((g) => ({ role: g.role, kind: g.scope.kind, where: whereOf(g.scope.kind, g.scope.id) })) })),
  };
}
