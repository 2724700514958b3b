// For route handlers of every context: the territory named in the URL, remembered for the page header.
import type { FastifyRequest } from 'fastify';
import { findTerritory, type Territory } from './territory.service.ts';

export async function territoryFor(request: FastifyRequest): Promise<Territory | null> {
  const { slug } = request.params as { slug: string };
  const territory = await findTerritory(request.server.database.db, slug);
  if (territory) request.territoryHeader = { slug: territory.slug, name: territory.name };
  return territory;
}
