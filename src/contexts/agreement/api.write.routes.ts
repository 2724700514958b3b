// The Agreement's actions through the JSON API: the same service functions as the pages (permission first,
// one transaction, access log), answered as JSON or RFC 9457 problems. POST takes an Idempotency-Key.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sendOutcomeProblem } from '../../platform/http/problem.ts';
import { IdempotencyHeaders, created, notFoundProblem as notFound, ok } from '../../platform/api/write.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { decideAdhesion, signCommitments } from './adhesion/adhesion.service.ts';
import { proposeChallenge, supportChallenge } from './challenges/challenge.service.ts';
import { findNetwork, recordMinutes, requestToJoin, scheduleMeeting } from './networks/network.service.ts';

const Slug = Type.String({ maxLength: 100 });
const Id = Type.String({ maxLength: 40 });

/** What each domain rule that is not bad input says, as the pages say it. */
const messages: Record<string, string> = {
  'not-member': 'agreement.network.errors.not-member',
  own: 'agreement.challenge.errors.own',
  closed: 'agreement.challenge.errors.closed',
  'stale-version': 'agreement.sign.errors.stale-version',
  'other-territory': 'agreement.sign.errors.other-territory',
};

export const agreementWriteApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.post(
    '/territories/:slug/challenges',
    {
      config: { access: 'agreement.challenge.propose', scope: 'write:agreement' },
      schema: {
        operationId: 'proposeChallenge',
        summary: 'Propose a social challenge for a member organisation, with evidence',
        description: 'For members and admins of a member organisation (scope write:agreement): the challenge is proposed for that organisation with its evidence; subscribers to challenge.proposed receive a webhook. Answers 400 beside each field.',
        tags: ['agreement'],
        headers: IdempotencyHeaders,
        params: Type.Object({ slug: Slug }),
        body: Type.Object({
          organisationId: Id,
          title: Type.String({ maxLength: 400 }),
          description: Type.String({ maxLength: 10_000 }),
          evidence: Type.Array(Type.Object({ text: Type.String({ maxLength: 4000 }), source: Type.String({ maxLength: 1000 }) }), { maxItems: 10 }),
          areas: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 }),
          districtIds: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 100 })),
        }),
        response: created(Type.Object({ id: Type.String() })),
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      if (!territory) return notFound(request, reply);
      const b = request.body;
      const outcome = await proposeChallenge(db, request.actor, territory.id, { ...b, districtIds: b.districtIds ?? [] });
      if (!outcome.ok) return sendOutcomeProblem(request, reply, outcome.error, outcome.fields, messages);
      return reply.code(201).header('Location', `/api/v1/challenges/${outcome.value.id}`).send({ id: outcome.value.id });
    },
  );

  app.post(
    '/challenges/:id/supports',
    {
      config: { access: 'agreement.challenge.support', scope: 'write:agreement' },
      schema: {
        operationId: 'supportChallenge',
        summary: "Support a challenge in the name of a member organisation, saying why (not the proposer's own)",
        description: "For members and admins of a member organisation other than the proposer's (scope write:agreement), saying why; one support per organisation. Answers 409 for the proposer's own challenge or a closed one.",
        tags: ['agreement'],
        headers: IdempotencyHeaders,
        params: Type.Object({ id: Id }),
        body: Type.Object({ organisationId: Id, comment: Type.String({ maxLength: 4000 }) }),
        response: created(Type.Object({ challengeId: Type.String(), organisationId: Type.String() })),
      },
    },
    async (request, reply) => {
      const outcome = await supportChallenge(db, request.actor, { challengeId: request.params.id, ...request.body });
      if (!outcome.ok) {
        // Supporting twice is a conflict the client may meet on a retry without a key: say so plainly.
        const error = outcome.error === 'already' ? 'already-supports' : outcome.error;
        return sendOutcomeProblem(request, reply, error, outcome.fields, { ...messages, 'already-supports': 'agreement.challenge.errors.already' });
      }
      return reply.code(201).header('Location', `/api/v1/challenges/${request.params.id}`).send({ challengeId: request.params.id, organisationId: request.body.organisationId });
    },
  );

  app.post(
    '/territories/:slug/adhesions',
    {
      config: { access: 'agreement.adhesion.sign', scope: 'write:agreement' },
      schema: {
        operationId: 'signCommitments',
        summary: "Sign the current version of a territory's commitments for an organisation (the promoting group then approves)",
        description: "For an organisation's admin (scope write:agreement): signs the version shown (409 when a newer one was published meanwhile); the adhesion is pending until the promoting group approves it.",
        tags: ['agreement'],
        headers: IdempotencyHeaders,
        params: Type.Object({ slug: Slug }),
        body: Type.Object({ organisationId: Id, version: Type.Integer({ minimum: 1, description: 'The version read and accepted' }), accepted: Type.Boolean() }),
        response: created(Type.Object({ status: Type.Union([Type.Literal('pending'), Type.Literal('renewed')]) })),
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      if (!territory) return notFound(request, reply);
      const outcome = await signCommitments(db, request.actor, { ...request.body, territoryId: territory.id });
      if (!outcome.ok) return sendOutcomeProblem(request, reply, outcome.error === 'already' ? 'already-signed' : outcome.error, outcome.fields, { ...messages, 'already-signed': 'agreement.sign.errors.already' });
      return reply.code(201).send(outcome.value);
    },
  );

  app.post(
    '/territories/:slug/adhesions/:id/decision',
    {
      config: { access: 'agreement.adhesion.review', scope: 'write:agreement' },
      schema: {
        operationId: 'decideAdhesion',
        summary: 'The promoting group approves or declines (with a reason) a pending adhesion',
        description: "For members of the territory's promoting group (scope write:agreement): approve a pending adhesion (the organisation becomes a member) or decline it with a reason, which the organisation reads.",
        tags: ['agreement'],
        headers: IdempotencyHeaders,
        params: Type.Object({ slug: Slug, id: Id }),
        body: Type.Object({ decision: Type.Union([Type.Literal('approve'), Type.Literal('decline')]), reason: Type.Optional(Type.String({ maxLength: 4000 })) }),
        response: ok(Type.Object({ status: Type.Union([Type.Literal('member'), Type.Literal('declined')]) })),
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      if (!territory) return notFound(request, reply);
      const outcome = await decideAdhesion(db, request.actor, { adhesionId: request.params.id, territoryId: territory.id, decision: request.body.decision, reason: request.body.reason ?? '' });
      if (!outcome.ok) return sendOutcomeProblem(request, reply, outcome.error, outcome.fields, messages);
      return outcome.value;
    },
  );

  app.post(
    '/territories/:slug/networks/:network/join-requests',
    {
      config: { access: 'agreement.network.join', scope: 'write:agreement' },
      schema: {
        operationId: 'requestToJoinNetwork',
        summary: 'Ask for a member organisation to join an action network (its coordinators decide)',
        description: "For an admin of a member organisation (scope write:agreement): the network's coordinators decide on the request; 409 when the organisation is not a member of the Agreement.",
        tags: ['agreement'],
        headers: IdempotencyHeaders,
        params: Type.Object({ slug: Slug, network: Slug }),
        body: Type.Object({ organisationId: Id, message: Type.Optional(Type.String({ maxLength: 4000 })) }),
        response: created(Type.Object({ status: Type.Literal('requested') })),
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      const network = territory && (await findNetwork(db, territory.id, request.params.network));
      if (!network) return notFound(request, reply);
      const outcome = await requestToJoin(db, request.actor, { networkId: network.id, organisationId: request.body.organisationId, message: request.body.message ?? '' });
      if (!outcome.ok) return sendOutcomeProblem(request, reply, outcome.error === 'already' ? 'already-in' : outcome.error, outcome.fields, { ...messages, 'already-in': 'agreement.network.errors.already' });
      return reply.code(201).send({ status: 'requested' as const });
    },
  );

  app.post(
    '/territories/:slug/networks/:network/meetings',
    {
      config: { access: 'agreement.network.coordinate', scope: 'write:agreement' },
      schema: {
        operationId: 'scheduleMeeting',
        summary: "Record a network's meeting: title, date and agenda (coordinators)",
        description: "For the network's coordinators (scope write:agreement): records the meeting's title, date (YYYY-MM-DD) and agenda, optionally for one working group. Answers 400 beside each field.",
        tags: ['agreement'],
        headers: IdempotencyHeaders,
        params: Type.Object({ slug: Slug, network: Slug }),
        body: Type.Object({ title: Type.String({ maxLength: 400 }), heldOn: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }), agenda: Type.String({ maxLength: 20_000 }), workingGroupId: Type.Optional(Id) }),
        response: created(Type.Object({ id: Type.String() })),
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      const network = territory && (await findNetwork(db, territory.id, request.params.network));
      if (!network) return notFound(request, reply);
      const outcome = await scheduleMeeting(db, request.actor, { networkId: network.id, ...request.body, workingGroupId: request.body.workingGroupId ?? '' });
      if (!outcome.ok) return sendOutcomeProblem(request, reply, outcome.error, outcome.fields, messages);
      return reply.code(201).send(outcome.value);
    },
  );

  app.put(
    '/territories/:slug/networks/:network/meetings/:meeting/minutes',
    {
      config: { access: 'agreement.network.coordinate', scope: 'write:agreement' },
      schema: {
        operationId: 'recordMinutes',
        summary: 'Record the minutes of a meeting and its decisions, one per line (coordinators)',
        description: "For the network's coordinators (scope write:agreement): records or replaces the minutes and the decisions reached, one decision a line, shown on the network's page.",
        tags: ['agreement'],
        params: Type.Object({ slug: Slug, network: Slug, meeting: Id }),
        body: Type.Object({ minutes: Type.String({ maxLength: 40_000 }), decisions: Type.Optional(Type.String({ maxLength: 20_000 })) }),
        response: ok(Type.Object({ decisions: Type.Integer() })),
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      const network = territory && (await findNetwork(db, territory.id, request.params.network));
      if (!network) return notFound(request, reply);
      const outcome = await recordMinutes(db, request.actor, { networkId: network.id, meetingId: request.params.meeting, minutes: request.body.minutes, decisions: request.body.decisions ?? '' });
      if (!outcome.ok) return sendOutcomeProblem(request, reply, outcome.error, outcome.fields, messages);
      return outcome.value;
    },
  );
};
