// For route handlers of every context: the territory named in the URL, remembered for the page header.
import type { FastifyRequest } from 'fastify';
import { findTerritory, territoryName, type Territory } from './territory.service.ts';

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
