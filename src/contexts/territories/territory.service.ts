// Territories: create and read municipalities and forums, and import their areas.
import { and, asc, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { projectAreas } from '../../platform/views/choropleth.tsx';
import type { Db } from '../../platform/db/client.ts';
import { area, forumMunicipality, territory } from './territory.schema.ts';
import { defaultSensitiveSessionIdleMinutes, defaultSettings, type TerritorySettings } from './territory.settings.ts';
import type { ParsedArea } from './area-import.ts';
import { isUuid } from '../../platform/ids.ts';

export type Territory = typeof territory.$inferSelect;
export type Area = typeof area.$inferSelect;

/** A territory's name as a page in `locale` shows it: its translation, else its own name in its own language. */
export function territoryName(t: { name: string; names?: Territory['names'] | null; settings: { languages?: readonly string[] } }, locale: string): { text: string; lang: string } {
  const translated = t.names?.[locale];
  if (translated) return { text: translated, lang: locale };
  return { text: t.name, lang: t.settings.languages?.[0] ?? locale };
}

export interface TerritorySummary {
  slug: string;
  name: string;
  names: Territory['names'];
  settings: { languages: TerritorySettings['languages'] };
  kind: Territory['kind'];
  districts: number;
  population: number | null;
}

export async function listTerritories(db: Db): Promise<TerritorySummary[]> {
  const rows = await db
    .select({
      slug: territory.slug,
      name: territory.name,
      names: territory.names,
      settings: { languages: sql<TerritorySettings['languages']>`${territory.settings}->'languages'` },
      kind: territory.kind,
      districts: sql<number>`count(${area.id}) filter (where ${area.level} = 'district')::int`,
      population: sql<number | null>`sum(${area.population}) filter (where ${area.level} = 'district')::int`,
    })
    .from(territory)
    .leftJoin(area, eq(area.territoryId, territory.id))
    .groupBy(territory.id)
    .orderBy(desc(territory.kind), asc(territory.name));
  return rows;
}

export async function findTerritory(db: Db, slug: string): Promise<Territory | null> {
  const [row] = await db.select().from(territory).where(eq(territory.slug, slug));
  return row ?? null;
}

export async function findTerritoryById(db: Db, id: string): Promise<Territory | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(territory).where(eq(territory.id, id));
  return row ?? null;
}

export type AreaSummary = Omit<Area, 'geometry'>;

/** Areas of a level with their geometry (for maps computed anew and point-in-polygon). */
export async function listAreas(db: Db, territoryId: string, level: Area['level']): Promise<Area[]> {
  return db
    .select()
    .from(area)
    .where(and(eq(area.territoryId, territoryId), eq(area.level, level)))
    .orderBy(asc(area.code));
}

/** Areas of a level without their geometry: what pages and aggregates need (the stored SVG path draws them). */
export async function listAreaSummaries(db: Db, territoryId: string, level: Area['level']): Promise<AreaSummary[]> {
  const { geometry: _geometry, ...columns } = getTableColumns(area);
  return db
    .select(columns)
    .from(area)
    .where(and(eq(area.territoryId, territoryId), eq(area.level, level)))
    .orderBy(asc(area.code));
}

/** The municipalities of a forum, or the forums a municipality takes part in. */
export async function relatedTerritories(db: Db, t: Territory): Promise<Territory[]> {
  const links = await db
    .select()
    .from(forumMunicipality)
    .where(t.kind === 'forum' ? eq(forumMunicipality.forumId, t.id) : eq(forumMunicipality.municipalityId, t.id));
  const ids = links.map((l) => (t.kind === 'forum' ? l.municipalityId : l.forumId));
  if (ids.length === 0) return [];
  return db.select().from(territory).where(inArray(territory.id, ids)).orderBy(asc(territory.name));
}

export interface NewTerritory {
  slug: string;
  name: string;
  /** The name in other languages than the territory's first. */
  names?: Territory['names'];
  kind: Territory['kind'];
  settings?: Partial<TerritorySettings>;
}

export async function createTerritory(db: Db, input: NewTerritory): Promise<Territory> {
  const [row] = await db
    .insert(territory)
    .values({ slug: input.slug, name: input.name, names: input.names ?? {}, kind: input.kind, settings: defaultSettings(input.settings) })
    .returning();
  return row!;
}

export async function addMunicipalityToForum(db: Db, forumId: string, municipalityId: string): Promise<void> {
  await db.insert(forumMunicipality).values({ forumId, municipalityId }).onConflictDoNothing();
}

export interface SaveAreasResult {
  inserted: number;
  updated: number;
  /** Areas whose parent code names no district of the territory. */
  orphans: { code: string; name: string; parentCode: string }[];
}

/** Inserts or updates areas by (territory, level, code), in one transaction. */
export async function saveAreas(db: Db, territoryId: string, level: Area['level'], areas: ParsedArea[]): Promise<SaveAreasResult> {
  return db.transaction(async (tx) => {
    const parents = new Map<string, string>();
    if (level === 'neighbourhood') {
      const districts = await tx
        .select({ id: area.id, code: area.code })
        .from(area)
        .where(and(eq(area.territoryId, territoryId), eq(area.level, 'district')));
      for (const d of districts) parents.set(d.code, d.id);
    }
    const existing = new Set(
      (
        await tx
          .select({ code: area.code })
          .from(area)
          .where(and(eq(area.territoryId, territoryId), eq(area.level, level)))
      ).map((r) => r.code),
    );
    const orphans: SaveAreasResult['orphans'] = [];
    let inserted = 0;
    let updated = 0;
    for (const a of areas) {
      const parentId = a.parentCode ? (parents.get(a.parentCode) ?? null) : null;
      if (a.parentCode && !parentId) orphans.push({ code: a.code, name: a.name, parentCode: a.parentCode });
      const values = { territoryId, level, code: a.code, name: a.name, population: a.population, parentId, geometry: a.geometry };
      await tx
        .insert(area)
        .values(values)
        .onConflictDoUpdate({
          target: [area.territoryId, area.level, area.code],
          set: { name: values.name, population: values.population, parentId: values.parentId, geometry: values.geometry },
        });
      if (existing.has(a.code)) updated++;
      else inserted++;
    }
    // Draw the whole level again in the standard map frame, since one new area moves the frame.
    const drawn = await tx
      .select({ id: area.id, geometry: area.geometry })
      .from(area)
      .where(and(eq(area.territoryId, territoryId), eq(area.level, level)));
    const paths = projectAreas(drawn.map((d) => d.geometry));
    for (const [i, d] of drawn.entries()) await tx.update(area).set({ svgPath: paths[i] }).where(eq(area.id, d.id));
    return { inserted, updated, orphans };
  });
}

/**
 * How long a session of someone who reads personal data may stay idle, in minutes: the strictest of the
 * given territories' settings (each 30 by default); `platformWide` (a role held for every territory) adds the default.
 */
export async function sensitiveSessionIdleMinutes(db: Db, territoryIds: string[], platformWide = false): Promise<number> {
  const found = await Promise.all([...new Set(territoryIds)].map((id) => findTerritoryById(db, id)));
  const minutes = found.map((t) => t?.settings.sensitiveSessionIdleMinutes ?? defaultSensitiveSessionIdleMinutes).filter((m) => Number.isFinite(m) && m > 0);
  if (platformWide || minutes.length === 0) minutes.push(defaultSensitiveSessionIdleMinutes);
  return Math.min(...minutes);
}
