// For route handlers of every context: the territory named in the URL, remembered for the page header.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/client.ts';
import type { MunicipalityOption } from '../../platform/views/municipality.tsx';
import { findTerritory, relatedTerritories, territoryName, type Territory } from './territory.service.ts';

export async function territoryFor(request: FastifyRequest): Promise<Territory | null> {
  const { slug } = request.params as { slug: string };
  const territory = await findTerritory(request.server.database.db, slug);
  if (territory) request.territoryHeader = territoryHeader(territory, request.i18n.locale);
  return territory;
}

/**
 * The territory in the page header: its name in the page's language, or its own name marked with its language; and
 * its first language, the one data typed there is in when no other is recorded.
 */
export function territoryHeader(territory: Territory, locale: string): { slug: string; name: string; lang: string; dataLang: string } {
  const name = territoryName(territory, locale);
  return { slug: territory.slug, name: name.text, lang: name.lang, dataLang: territory.settings.languages?.[0] ?? name.lang };
}

/** A forum's municipalities named for the page, for its lists' municipality filter; none for a municipality. */
export async function forumMunicipalities(db: Db, territory: Territory, locale: string): Promise<MunicipalityOption[]> {
  if (territory.kind !== 'forum') return [];
  return (await relatedTerritories(db, territory)).map((m) => ({ id: m.id, slug: m.slug, ...territoryName(m, locale) }));
}
