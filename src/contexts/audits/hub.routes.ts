// The citizen audit's front page in a territory: what it is, and each person's way in by their roles.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import { AuditsHomePage } from './hub.views.tsx';
import { territoryFor, TerritoryParams } from './audits.http.ts';

export const hubPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/t/:slug/audits', { schema: { params: TerritoryParams }, config: { access: 'public' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const roles = new Set((request.actor?.grants ?? []).map((g) => g.role));
    return reply.render(h(AuditsHomePage, { slug: territory.slug, territoryName: territory.name, roles: [...roles] }));
  });

};
