// Staff download: every organisation registered in a territory as CSV (same columns as the import).
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { exportOrganisations } from './organisation.csv.ts';
import { answerFailure, territoryFor } from '../http.ts';

// A spreadsheet opens the file as UTF-8 when it starts with a byte-order mark.
async function* withByteOrderMark(pieces: AsyncGenerator<string>): AsyncGenerator<string> {
  yield '\uFEFF';
  yield* pieces;
}

export const exportPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  app.get(
    '/t/:slug/organisations.csv',
    { schema: { params: Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) }) }, config: { access: 'agreement.organisation.export' } },
    async (request, reply) => {
      const territory = await territoryFor(db, request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const outcome = await exportOrganisations(db, request.actor, territory.id);
      if (!outcome.ok) return answerFailure(request, reply, outcome.error);
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="organisations-${territory.slug}.csv"`)
        .header('Cache-Control', 'no-store')
        .send(Readable.from(withByteOrderMark(outcome.value)));
    },
  );
};
