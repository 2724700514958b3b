// The audits' actions through the JSON API: coordinators validate, withdraw or verify findings; service managers
// answer the findings of their services. The same service functions as the pages (permission first, one
// transaction, the finding's history); POST takes an Idempotency-Key.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sendOutcomeProblem } from '../../platform/http/problem.ts';
import { IdempotencyHeaders, created, notFoundProblem, ok } from '../../platform/api/write.ts';
import { findingStatuses } from './audit.schema.ts';
import { changeFindingStatus, respondToFinding } from './findings/finding.service.ts';
import { territoryFor, Uuid } from './audits.http.ts';

const FindingParams = Type.Object({ slug: Type.String({ maxLength: 100 }), id: Uuid });
const messages: Record<string, string> = {
  transition: 'audits.finding.errors.transition',
  'same-person': 'audits.finding.errors.samePerson',
};

export const auditsWriteApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.post(
    '/territories/:slug/audits/findings/:id/status',
    {
      config: { access: 'audits.finding.manage', scope: 'write:audits' },
      schema: {
        operationId: 'changeFindingStatus',
        summary: 'Move a finding on: validate it (not the proposer), withdraw it, or verify it as solved with a later visit that shows the barrier gone',
        description: 'For audit coordinators (scope write:audits): validate a proposed finding (someone other than who proposed it), withdraw it with a reason, or verify it solved with a later submitted visit. Answers 400 beside the field, 409 when the move is not allowed from its status.',
        tags: ['audits'],
        headers: IdempotencyHeaders,
        params: FindingParams,
        body: Type.Object({
          to: Type.Union(findingStatuses.map((s) => Type.Literal(s))),
          reason: Type.String({ maxLength: 4000, description: 'Why, as the finding history shows it' }),
          verifiedByVisitId: Type.Optional(Uuid),
        }),
        response: ok(Type.Object({ id: Type.String(), status: Type.String() })),
      },
    },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return notFoundProblem(request, reply);
      const outcome = await changeFindingStatus(db, request.actor, { territoryId: territory.id, findingId: request.params.id, ...request.body });
      if (!outcome.ok) return sendOutcomeProblem(request, reply, outcome.error, outcome.fields, messages);
      return { id: outcome.value.id, status: outcome.value.status };
    },
  );

  app.post(
    '/territories/:slug/audits/findings/:id/responses',
    {
      config: { access: 'audits.finding.respond', scope: 'write:audits' },
      schema: {
        operationId: 'respondToFinding',
        summary: "Answer a finding of a service you manage: what the service does about it (shown in the finding's history)",
        description: "For a manager of the finding's service (scope write:audits): say what the service does about it. The answer appears in the finding's history and on the finding page; the change is access-logged.",
        tags: ['audits'],
        headers: IdempotencyHeaders,
        params: FindingParams,
        body: Type.Object({ body: Type.String({ maxLength: 4000 }) }),
        response: created(Type.Object({ id: Type.String(), findingId: Type.String() })),
      },
    },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return notFoundProblem(request, reply);
      const outcome = await respondToFinding(db, request.actor, { territoryId: territory.id, findingId: request.params.id, body: request.body.body });
      if (!outcome.ok) return sendOutcomeProblem(request, reply, outcome.error, outcome.fields, messages);
      return reply.code(201).send({ id: outcome.value.id, findingId: request.params.id });
    },
  );
};
