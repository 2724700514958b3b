// The self-assessments in the JSON API: a service's comparison of its staff's answers with the citizens'
// visits and the score cards, as on its page. Citizens' answers as counts and means only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemSchema } from '../../../platform/http/problem.ts';
import { selfAssessmentComparison } from './self-assessment.service.ts';
import { failed, territoryFor, Uuid } from '../audits.http.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const TallySchema = Type.Object({ answered: Type.Integer(), counts: Type.Record(Type.String(), Type.Integer()), mean: Nullable(Type.Number()) });
const ComparisonSchema = Type.Object({
  selfAssessment: Type.Object({ id: Type.String(), title: Type.String(), serviceId: Type.String(), startsOn: Type.String(), endsOn: Type.String() }),
  sent: Type.Integer({ description: 'Facilities whose staff questionnaire was sent' }),
  facilities: Type.Integer(),
  visits: Type.Integer({ description: 'Submitted citizen audit visits of the same service, facilities and instrument' }),
  scoreCards: Type.Integer(),
  rows: Type.Array(
    Type.Object({
      item: Type.String(),
      type: Type.String(),
      dimension: Type.String(),
      staff: TallySchema,
      citizens: TallySchema,
      staffValue: Nullable(Type.String()),
      citizensOther: Type.Integer(),
      citizensValue: Nullable(Type.String()),
      difference: Nullable(Type.Number({ description: "Citizens' mean minus staff's mean" })),
      verdict: Type.Union([Type.Literal('no-staff'), Type.Literal('no-citizens'), Type.Literal('agree'), Type.Literal('disagree')]),
      scoreCard: Nullable(Type.Object({ community: Nullable(Type.Number()), staff: Nullable(Type.Number()), criteria: Type.Integer() })),
    }),
  ),
});

export const selfAssessmentApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  app.get(
    '/territories/:slug/audits/self-assessments/:selfAssessmentId/comparison',
    {
      config: { access: 'audits.selfAssessment.view', scope: 'read:audits' },
      schema: {
        summary: "A self-assessment's staff answers beside the citizens' visits and the score cards, per question (no personal data)",
        description:
          "For the managers of the self-assessed service and the territory's audit coordinators (scope read:audits): per question of the instrument, the staff's answers from the questionnaires sent, the citizens' answers from submitted audit visits of the same service, facilities and instrument (counts and means only, never an auditor), the score card's users' and staff scores on the same dimension, and whether they agree, in words. Reading it is access-logged.",
        tags: ['audits'],
        params: Type.Object({ slug: Type.String({ maxLength: 100 }), selfAssessmentId: Uuid }),
        response: { 200: ComparisonSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return reply.callNotFound();
      const result = await selfAssessmentComparison(db, request.actor, territory.id, request.params.selfAssessmentId);
      if (!result.ok) return failed(request, reply, result.error);
      const c = result.value;
      return {
        selfAssessment: { id: c.selfAssessment.id, title: c.selfAssessment.title, serviceId: c.selfAssessment.serviceId, startsOn: c.selfAssessment.startsOn, endsOn: c.selfAssessment.endsOn },
        sent: c.sent,
        facilities: c.facilities,
        visits: c.visits,
        scoreCards: c.scoreCards,
        rows: c.rows.map((r) => ({
          item: r.item.name,
          type: r.item.type,
          dimension: r.item.dimension,
          staff: r.staff,
          citizens: r.citizens,
          staffValue: r.staffValue,
          citizensOther: r.citizensOther,
          citizensValue: r.citizensValue,
          difference: r.difference,
          verdict: r.verdict,
          scoreCard: r.scoreCard,
        })),
      };
    },
  );
};
