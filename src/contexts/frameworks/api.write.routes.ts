// Taking part in a framework through the JSON API: comment on a paragraph, propose an amendment to it (while its
// version is in consultation) and endorse an agreed version, each for a member organisation of the network. The
// same service functions as the pages; POST takes an Idempotency-Key.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sendOutcomeProblem } from '../../platform/http/problem.ts';
import { IdempotencyHeaders, created } from '../../platform/api/write.ts';
import { addComment, amendable, endorse, proposeAmendment } from './consultation.service.ts';
import { workingLanguages } from '../agreement/agreement.settings.ts';

const Id = Type.String({ maxLength: 40 });
const OrganisationId = Type.Optional(Type.String({ maxLength: 40, description: 'The member organisation you act for (may be left out when you act for only one)' }));
const messages: Record<string, string> = { closed: 'frameworks.errors.consultationClosed', ended: 'frameworks.errors.consultationEnded' };
const Done = Type.Object({ frameworkId: Type.String(), version: Type.Integer() });

export const frameworksWriteApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  /** The paragraph belongs to this framework, and its version is open to this person (else the service's answer). */
  const paragraphOf = async (actor: Parameters<typeof amendable>[1], frameworkId: string, paragraphId: string) => {
    const target = await amendable(db, actor, paragraphId);
    if (target.ok && target.value.f.id !== frameworkId) return { ok: false as const, error: 'not-found' as const };
    return target;
  };

  app.post(
    '/frameworks/:id/paragraphs/:paragraphId/comments',
    {
      config: { access: 'frameworks.framework.contribute', scope: 'write:coproduction' },
      schema: {
        operationId: 'commentOnFrameworkParagraph',
        summary: 'Comment on a paragraph of a framework in consultation, for a member organisation of its network',
        description:
          "For members of an organisation that belongs to the framework's network, while the version is in consultation (409 once it is closed or its closing day is over). Paragraph ids are in each section's paragraphIds of GET /frameworks/{id}. Say which language it is written in (lang) when it is not the framework's. Answers 400 beside the field when the comment is empty or too long.",
        tags: ['frameworks'],
        headers: IdempotencyHeaders,
        params: Type.Object({ id: Id, paragraphId: Id }),
        body: Type.Object(
          {
            organisationId: OrganisationId,
            body: Type.String({ maxLength: 8000 }),
            lang: Type.Optional(
              Type.Unsafe<string>(
                Type.String({ enum: [...workingLanguages], description: "The language the comment is written in, so the framework's page marks it with it for readers of other languages. Without it, the framework's language." }),
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: created(Done),
      },
    },
    async (request, reply) => {
      const { id, paragraphId } = request.params;
      const target = await paragraphOf(request.actor, id, paragraphId);
      if (!target.ok) return sendOutcomeProblem(request, reply, target.error, target.fields, messages);
      const done = await addComment(db, request.actor, paragraphId, { organisationId: request.body.organisationId ?? '', body: request.body.body, lang: request.body.lang as string | undefined });
      if (!done.ok) return sendOutcomeProblem(request, reply, done.error, done.fields, messages);
      return reply.code(201).send({ frameworkId: done.value.frameworkId, version: done.value.versionNumber });
    },
  );

  app.post(
    '/frameworks/:id/paragraphs/:paragraphId/amendments',
    {
      config: { access: 'frameworks.framework.contribute', scope: 'write:coproduction' },
      schema: {
        operationId: 'proposeFrameworkAmendment',
        summary: 'Propose new wording for a paragraph of a framework in consultation, with the reason, for a member organisation of its network',
        description:
          "For members of an organisation that belongs to the framework's network, while the version is in consultation (409 once it is closed or its closing day is over). The network's coordinators accept or decline it with a reason on the framework's page. Say which language the wording and reason are written in (lang) when it is not the framework's. Answers 400 beside each field (an empty or unchanged wording, no reason, a language that is not one of the working languages).",
        tags: ['frameworks'],
        headers: IdempotencyHeaders,
        params: Type.Object({ id: Id, paragraphId: Id }),
        body: Type.Object(
          {
            organisationId: OrganisationId,
            replacement: Type.String({ maxLength: 20_000 }),
            reason: Type.String({ maxLength: 8000 }),
            lang: Type.Optional(
              Type.Unsafe<string>(
                Type.String({ enum: [...workingLanguages], description: "The language the new wording and its reason are written in, so the framework's pages mark them with it for readers of other languages. Without it, the framework's language." }),
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: created(Done),
      },
    },
    async (request, reply) => {
      const { id, paragraphId } = request.params;
      const target = await paragraphOf(request.actor, id, paragraphId);
      if (!target.ok) return sendOutcomeProblem(request, reply, target.error, target.fields, messages);
      const done = await proposeAmendment(db, request.actor, paragraphId, { organisationId: request.body.organisationId ?? '', replacement: request.body.replacement, reason: request.body.reason, lang: request.body.lang as string | undefined });
      if (!done.ok) return sendOutcomeProblem(request, reply, done.error, done.fields, messages);
      return reply.code(201).send({ frameworkId: done.value.frameworkId, version: done.value.versionNumber });
    },
  );

  app.post(
    '/frameworks/:id/versions/:number/endorsements',
    {
      config: { access: 'frameworks.framework.endorse', scope: 'write:coproduction' },
      schema: {
        operationId: 'endorseFramework',
        summary: 'Endorse an agreed version of a framework for your organisation (again, after a withdrawal)',
        description:
          "For admins of a member organisation of the framework's network. Only the latest agreed version takes endorsements (409 when a newer one is agreed); a version in consultation or a draft answers 409 or 404. Endorsing twice keeps one endorsement.",
        tags: ['frameworks'],
        headers: IdempotencyHeaders,
        params: Type.Object({ id: Id, number: Type.Integer({ minimum: 1, maximum: 10_000 }) }),
        body: Type.Object({ organisationId: Type.String({ maxLength: 40 }) }, { additionalProperties: false }),
        response: created(Done),
      },
    },
    async (request, reply) => {
      const { id, number } = request.params;
      const done = await endorse(db, request.actor, id, number, request.body.organisationId);
      if (!done.ok) return sendOutcomeProblem(request, reply, done.error, done.fields, { closed: 'frameworks.endorsements.closed' });
      return reply.code(201).send({ frameworkId: id, version: number });
    },
  );
};
