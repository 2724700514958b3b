// Co-production's actions through the JSON API: register for an event (or its waiting list) and cancel, sign a
// statement for an organisation or withdraw the signature, and publish a statement. The same service functions
// as the pages (permission first, membership checked by the service). POST takes an Idempotency-Key.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sendOutcomeProblem } from '../../platform/http/problem.ts';
import { IdempotencyHeaders, created, ok } from '../../platform/api/write.ts';
import { cancelRegistration, register } from './events/event.service.ts';
import { publishStatement, signStatement, withdrawSignature } from './statements/statement.service.ts';

const Id = Type.String({ maxLength: 40 });
const messages: Record<string, string> = {
  closed: 'coproduction.statement.errors.closed',
  'not-member': 'coproduction.statement.errors.not-member',
  'registration-closed': 'coproduction.event.closed',
};
const Signature = Type.Object({ organisationId: Id });

export const coproductionWriteApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.database.db;

  app.post(
    '/events/:id/registrations',
    {
      config: { access: 'coproduction.event.register', scope: 'write:coproduction' },
      schema: {
        operationId: 'registerForEvent',
        summary: 'Ask for a place at an event for the caller: a place while there are places, else the waiting list (the status says which)',
        description: "For any signed-in person (scope write:coproduction), for themselves: a place while there are places, else a place on the waiting list; the answer's status says which. Registering twice keeps one registration.",
        tags: ['coproduction'],
        headers: IdempotencyHeaders,
        params: Type.Object({ id: Id }),
        response: created(Type.Object({ status: Type.String(), code: Type.String({ description: 'Registration code, shown at the door' }) })),
      },
    },
    async (request, reply) => {
      const outcome = await register(db(), request.actor, request.params.id);
      if (!outcome.ok) return sendOutcomeProblem(request, reply, outcome.error === 'closed' ? 'registration-closed' : outcome.error, undefined, messages);
      return reply.code(201).send(outcome.value);
    },
  );

  app.post(
    '/events/:id/registrations/cancel',
    {
      config: { access: 'coproduction.event.register', scope: 'write:coproduction' },
      schema: {
        operationId: 'cancelEventRegistration',
        summary: "Cancel the caller's place; the first person waiting gets it",
        description: 'For any signed-in person (scope write:coproduction), for their own registration: the place goes to the first person waiting, who is told.',
        tags: ['coproduction'],
        headers: IdempotencyHeaders,
        params: Type.Object({ id: Id }),
        response: ok(Type.Object({ promoted: Type.Boolean({ description: 'Whether someone on the waiting list got the place' }) })),
      },
    },
    async (request, reply) => {
      const outcome = await cancelRegistration(db(), request.actor, request.params.id);
      if (!outcome.ok) return sendOutcomeProblem(request, reply, outcome.error, undefined, messages);
      return outcome.value;
    },
  );

  app.post(
    '/statements/:id/signatures',
    {
      config: { access: 'coproduction.statement.sign', scope: 'write:coproduction' },
      schema: {
        operationId: 'signStatement',
        summary: 'Sign a statement open for signature, for an organisation you administer that adheres to the Agreement',
        description: "For an admin of an organisation that adheres to the territory's Agreement (scope write:coproduction), while the statement is open for signature (409 after).",
        tags: ['coproduction'],
        headers: IdempotencyHeaders,
        params: Type.Object({ id: Id }),
        body: Signature,
        response: created(Type.Object({ statementId: Type.String(), organisationId: Type.String() })),
      },
    },
    async (request, reply) => {
      const outcome = await signStatement(db(), request.actor, request.params.id, request.body.organisationId);
      if (!outcome.ok) return sendOutcomeProblem(request, reply, outcome.error, outcome.fields, messages);
      return reply.code(201).send({ statementId: request.params.id, organisationId: request.body.organisationId });
    },
  );

  app.post(
    '/statements/:id/signatures/withdraw',
    {
      config: { access: 'coproduction.statement.sign', scope: 'write:coproduction' },
      schema: {
        operationId: 'withdrawStatementSignature',
        summary: "Withdraw an organisation's signature while the statement is still open for signature",
        description: 'For an admin of the signing organisation (scope write:coproduction), only while the statement is still open for signature; a published statement keeps its signatories.',
        tags: ['coproduction'],
        headers: IdempotencyHeaders,
        params: Type.Object({ id: Id }),
        body: Signature,
        response: ok(Type.Object({ statementId: Type.String(), organisationId: Type.String() })),
      },
    },
    async (request, reply) => {
      const outcome = await withdrawSignature(db(), request.actor, request.params.id, request.body.organisationId);
      if (!outcome.ok) return sendOutcomeProblem(request, reply, outcome.error, outcome.fields, messages);
      return { statementId: request.params.id, organisationId: request.body.organisationId };
    },
  );

  app.post(
    '/statements/:id/publish',
    {
      config: { access: 'coproduction.statement.draft', scope: 'write:coproduction' },
      schema: {
        operationId: 'publishStatement',
        summary: 'Publish a statement with its signatories and the date (the network coordinator that drafts it; at least one signature)',
        description: 'For the coordinator of the network that drafts it (scope write:coproduction): the statement is published with its signatories and date; 409 without at least one signature.',
        tags: ['coproduction'],
        headers: IdempotencyHeaders,
        params: Type.Object({ id: Id }),
        response: ok(Type.Object({ id: Type.String(), status: Type.Literal('published') })),
      },
    },
    async (request, reply) => {
      const outcome = await publishStatement(db(), request.actor, request.params.id);
      if (!outcome.ok) return sendOutcomeProblem(request, reply, outcome.error, outcome.fields, messages);
      return { id: request.params.id, status: 'published' as const };
    },
  );
};
