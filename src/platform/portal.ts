// What a context may add to the portal: entries on a territory's front page, items of its public news,
// and tasks and tools on a person's desk. Contexts declare them in their manifest; the portal context
// shows them. Kept here, without domain knowledge, so that a context adds its entry with no edit to the portal.
import type { Db } from './db/client.ts';
import { requirePermission, type Actor } from './auth/permissions.ts';
import type { Translate } from './i18n/i18n.ts';
import type { Locale } from './i18n/locales.ts';

/** The territory a portal page is about, as contexts see it. */
export interface PortalTerritory {
  id: string;
  slug: string;
  /** The name as the visitor's page shows it, and the language it is in. */
  name: string;
  nameLang: string;
  /** The territory's languages, its first one first: texts typed without a recorded language are taken to be in it. */
  languages: readonly string[];
  kind: 'municipality' | 'forum';
  /** Programmes the territory's settings enable (e.g. 'agreement'). */
  programmes: readonly string[];
}

export interface PortalInput {
  db: Db;
  territory: PortalTerritory;
  locale: Locale;
  /** Translates with every context's catalogue, in the visitor's language. */
  t: Translate;
  actor: Actor | null;
}

/** A way into one part of a territory, in plain words. */
export interface PortalEntry {
  /** Stable key, unique on the page (e.g. 'antenna'); tests and styles use it. */
  key: string;
  title: string;
  description: string;
  href: string;
  /** Shown first and larger (reporting discrimination). */
  prominent?: boolean;
  /** Lower comes first; entries of equal order keep manifest order. */
  order: number;
}

/** Where a news item's `kindName` stands in its translated kind (passed as the placeholder's value). */
export const newsNameMark = '\u2063';

/** The kind as plain text (a feed, a title): the name put in at its mark. */
export function newsKindText(item: Pick<PortalNews, 'kind' | 'kindName'>): string {
  return item.kindName ? item.kind.split(newsNameMark).join(item.kindName.text) : item.kind;
}

/** One item of a territory's public news (a new challenge, a meeting, a published diagnosis…). */
export interface PortalNews {
  /** Stable id for the Atom feed, e.g. 'challenge:<uuid>'. */
  id: string;
  at: Date;
  /** Translated kind, e.g. "New challenge"; may hold `newsNameMark` where `kindName` goes. */
  kind: string;
  /** A name inside the kind ("Meeting of <network>"), in its own language: the page marks it with its lang. */
  kindName?: { text: string; lang: string };
  title: string;
  /** The language the title is written in, when it is data (a challenge's title), not a translated message. */
  titleLang?: string;
  href: string;
}

/** A scope a role is held in, by name and with its page (path without the locale), e.g. an organisation. */
export interface NamedScope {
  name: string;
  path: string;
}
export type NamedScopeKind = 'organisation' | 'network' | 'campaign';
/** Names the scopes of one kind that a context owns; ids it does not know are left out. */
export type ScopeNamer = (db: Db, ids: string[], locale: Locale) => Promise<Map<string, NamedScope>>;

/** What a context shows on an organisation's public page (e.g. what it shared in the library). */
export interface OrganisationSection {
  /** Stable key, unique on the page. */
  key: string;
  title: string;
  items: { title: string; href: string; at: Date; meta?: string; /** The language of the title, when it is data. */ lang?: string }[];
}

export interface OrganisationSectionInput {
  db: Db;
  organisationId: string;
  locale: Locale;
  t: Translate;
}

export interface PortalContribution {
  entries?(input: PortalInput): Promise<PortalEntry[]>;
  /** A section of an organisation's public page, or null when the context has nothing to show for it. */
  organisationSection?(input: OrganisationSectionInput): Promise<OrganisationSection | null>;
  news?(input: PortalInput, limit: number): Promise<PortalNews[]>;
  /** Names for the scopes of roles this context owns, so that pages about roles show names, never ids. */
  scopeNames?: Partial<Record<NamedScopeKind, ScopeNamer>>;
}

export interface DeskInput {
  db: Db;
  actor: Actor;
  locale: Locale;
  t: Translate;
  /** The territories where the person holds a role (directly, or through an organisation or network). */
  territories: PortalTerritory[];
}

/** Something waiting for the person: a count and where to act on it. Never names what the person may not read. */
export interface DeskTask {
  key: string;
  label: string;
  /** A name inside the label (an organisation's), put in at `newsNameMark`, in its own language: the desk marks it. */
  labelName?: { text: string; lang: string };
  /** How many wait; null when the count needs a step first (e.g. the second factor). */
  count: number | null;
  href: string;
  territory?: string;
}

/** A page the person may use, for their menu. */
export interface DeskTool {
  key: string;
  label: string;
  /** As a task's `labelName`. */
  labelName?: { text: string; lang: string };
  href: string;
  territory?: string;
}

export interface DeskContribution {
  (input: DeskInput): Promise<{ tasks: DeskTask[]; tools: DeskTool[] }>;
}

const portals: { name: string; portal: PortalContribution }[] = [];
const desks: { name: string; desk: DeskContribution }[] = [];

/** Called once per manifest at start, in manifest order. */
export function registerPortal(name: string, portal: PortalContribution | undefined, desk: DeskContribution | undefined): void {
  if (portal && !portals.some((p) => p.name === name)) portals.push({ name, portal });
  if (desk && !desks.some((d) => d.name === name)) desks.push({ name, desk });
}

export function portalContributions(): readonly { name: string; portal: PortalContribution }[] {
  return portals;
}

export function deskContributions(): readonly { name: string; desk: DeskContribution }[] {
  return desks;
}

/** The sections other contexts add to an organisation's public page, in manifest order. */
export async function organisationSections(input: OrganisationSectionInput): Promise<OrganisationSection[]> {
  const out: OrganisationSection[] = [];
  for (const { portal } of portals) {
    const section = await portal.organisationSection?.(input);
    if (section && section.items.length > 0) out.push(section);
  }
  return out;
}

/** Names for scopes of roles (organisations, networks, campaigns), keyed `kind:id`, from the contexts that own them. */
export async function nameScopes(db: Db, scopes: readonly { kind: string; id: string | null }[], locale: Locale): Promise<Map<string, NamedScope>> {
  const out = new Map<string, NamedScope>();
  for (const kind of ['organisation', 'network', 'campaign'] as const) {
    const ids = [...new Set(scopes.filter((s) => s.kind === kind && s.id).map((s) => s.id!))];
    if (ids.length === 0) continue;
    for (const { portal } of portals) {
      const namer = portal.scopeNames?.[kind];
      if (!namer) continue;
      for (const [id, named] of await namer(db, ids, locale)) out.set(`${kind}:${id}`, named);
    }
  }
  return out;
}

/** A page of a context under /<locale>/t/<slug>, and the action that opens it. */
export type ToolPage = [key: string, path: string, action: string];

/**
 * The pages of a context that a person may use in a territory, for their menu: those their roles allow,
 * and those allowed once they pass the second factor (the page asks for it).
 */
export function allowedTools(actor: Actor, territory: PortalTerritory, locale: Locale, pages: readonly ToolPage[], keyPrefix: string, label: (key: string) => string): DeskTool[] {
  return pages.flatMap(([key, path, action]) => {
    const allowed = requirePermission(actor, action, { territoryId: territory.id });
    return allowed.ok || allowed.reason === 'two-factor-required' ? [{ key: `${keyPrefix}.${key}`, territory: territory.name, label: label(key), href: `/${locale}/t/${territory.slug}${path}` }] : [];
  });
}
