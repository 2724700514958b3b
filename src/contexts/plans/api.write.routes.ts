// The plans' follow-up through the JSON API: record a dated measurement of an indicator and mark a measure's
// actions done, with the same service functions as the staff pages (permission first, access log).
// POST takes an Idempotency-Key.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sendOutcomeProblem } from '../../platform/http/problem.ts';
import { IdempotencyHeaders, created, notFoundProblem, ok } from '../../platform/api/write.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { addMeasurement, findPlan, setActionDone } from './plan.service.ts';

const Slug = Type.String({ maxLength: 100 });
const Id = Type.String({ maxLength: 40 });
const messages: Record<string, string> = { 'in-review': 'plans.plan.errors.inReview' };

export const plansWriteApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.database.db;
  /** The plan of the URL in its territory, or null: a plan of another territory is not found. */
  const planOf = async (slug: string, plan: string) => {
    const territory = await findTerritory(db(), slug);
    const row = territory && (await findPlan(db(), territory.id, plan));
    return territory && row ? { territory, plan: row } : null;
  };

  app.post(
    '/territories/:slug/plans/:plan/indicators/:indicator/measurements',
    {
      config: { access: 'plans.plan.edit', scope: 'write:plans' },
      schema: {
        operationId: 'recordMeasurement',
        summary: "Record an indicator's value on a date within the plan's period (the same date again replaces it); indicators computed by the platform refuse",
        description: "For those who edit plans (platform and territory admins, audit coordinators, the promoting group; scope write:plans): records an indicator's value; the same date again replaces it. Indicators the platform computes answer 409.",
        tags: ['plans'],
        headers: IdempotencyHeaders,
        params: Type.Object({ slug: Slug, plan: Slug, indicator: Id }),
        body: Type.Object({ measuredOn: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }), value: Type.Number(), note: Type.Optional(Type.String({ maxLength: 1000 })) }),
        response: created(Type.Object({ id: Type.String(), measuredOn: Type.String(), value: Type.Number() })),
      },
    },
    async (request, reply) => {
      const found = await planOf(request.params.slug, request.params.plan);
      if (!found) return notFoundProblem(request, reply);
      const b = request.body;
      const outcome = await addMeasurement(db(), request.actor, found.territory.id, found.plan.id, request.params.indicator, { measuredOn: b.measuredOn, value: String(b.value), note: b.note ?? '' });
      if (!outcome.ok) return sendOutcomeProblem(request, reply, outcome.error, outcome.fields, messages);
      return reply.code(201).send({ id: outcome.value.id, measuredOn: outcome.value.measuredOn, value: Number(outcome.value.value) });
    },
  );

  app.post(
    '/territories/:slug/plans/:plan/actions/:action/done',
    {
      config: { access: 'plans.plan.edit', scope: 'write:plans' },
      schema: {
        operationId: 'setActionDone',
        summary: "Mark an action of a measure done or not done (the measure's progress follows its actions)",
        description: "For those who edit plans (scope write:plans): marks an action of a measure done or not done; the measure's progress is recomputed from its actions.",
        tags: ['plans'],
        headers: IdempotencyHeaders,
        params: Type.Object({ slug: Slug, plan: Slug, action: Id }),
        body: Type.Object({ done: Type.Boolean() }),
        response: ok(Type.Object({ id: Type.String(), done: Type.Boolean() })),
      },
    },
    async (request, reply) => {
      const found = await planOf(request.params.slug, request.params.plan);
      if (!found) return notFoundProblem(request, reply);
      const outcome = await setActionDone(db(), request.actor, found.territory.id, found.plan.id, request.params.action, request.body.done);
      if (!outcome.ok) return sendOutcomeProblem(request, reply, outcome.error, undefined, messages);
      return { id: request.params.action, done: request.body.done };
    },
  );
};
