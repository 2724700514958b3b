// The staff list of a territory's organisations; unknown filter values and list fields fall back to "all".
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { listQueryFields, parseListQuery } from '../../../platform/views/list-query.ts';
import { organisationTypes, type OrganisationType } from '../agreement.schema.ts';
import { answerFailure, territoryFor, Text } from '../http.ts';
import { listTerritoryOrganisations, organisationListDefaults, organisationListSorts, standingFilters, verificationFilters, type StandingFilter, type VerificationFilter } from './organisation-list.service.ts';
import { OrganisationListPage } from './organisation-list.views.tsx';

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined => ((values as readonly string[]).includes(value ?? '') ? (value as T) : undefined);

export const organisationListPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  app.get(
    '/t/:slug/organisations',
    {
      schema: {
        params: Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) }),
        querystring: Type.Object({ ...listQueryFields, verification: Text(20), standing: Text(20), type: Text(40) }),
      },
      config: { access: 'agreement.organisation.list' },
    },
    async (request, reply) => {
      const territory = await territoryFor(db, request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const filter = {
        verification: oneOf<VerificationFilter>(verificationFilters, request.query.verification),
        standing: oneOf<StandingFilter>(standingFilters, request.query.standing),
        type: oneOf<OrganisationType>(organisationTypes, request.query.type),
      };
      const list = parseListQuery(request.query, { sorts: organisationListSorts, defaultSort: organisationListDefaults.sort, defaultDir: organisationListDefaults.dir });
      const page = await listTerritoryOrganisations(db, request.actor, territory.id, filter, list);
      if (!page.ok) return answerFailure(request, reply, page.error);
      return reply.render(h(OrganisationListPage, { territory, page: page.value, filter, list }));
    },
  );
};
