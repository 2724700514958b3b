// A joint project's partners through the JSON API: post an update for their partner, add a milestone, change one or
// remove it. The same
// service functions as the project's page (only the people of a partner may; the council's staff as the council
// partner, access-logged); POST takes an Idempotency-Key.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sendOutcomeProblem } from '../../platform/http/problem.ts';
import { IdempotencyHeaders, created, ok } from '../../platform/api/write.ts';
import { addMilestone, postUpdate } from './projects/project.service.ts';
import { editMilestone, removeMilestone } from './projects/project-edit.service.ts';

const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const MilestoneParams = Type.Object({ id: Type.String({ maxLength: 40 }), milestoneId: Type.String({ maxLength: 40 }) });

export const projectsWriteApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.post(
    '/projects/:id/updates',
    {
      config: { access: 'projects.project.edit', scope: 'write:coproduction' },
      schema: {
        operationId: 'postProjectUpdate',
        summary: "Post an update on a joint project's progress, in the name of your partner",
        description:
          "For the people of one of the project's partners (an organisation's members, or the council's staff for the council partner, which is access-logged). partnerId is one of the project's partners' ids (GET /projects/{id}); it may be left out when you act for only one. Answers 400 beside each field.",
        tags: ['projects'],
        headers: IdempotencyHeaders,
        params: Params,
        body: Type.Object({ partnerId: Type.Optional(Type.String({ maxLength: 40 })), body: Type.String({ maxLength: 20_000 }) }, { additionalProperties: false }),
        response: created(Type.Object({ projectId: Type.String() })),
      },
    },
    async (request, reply) => {
      const done = await postUpdate(db, request.actor, request.params.id, { partnerId: request.body.partnerId ?? '', body: request.body.body });
      if (!done.ok) return sendOutcomeProblem(request, reply, done.error, done.fields);
      return reply.code(201).send({ projectId: request.params.id });
    },
  );

  app.post(
    '/projects/:id/milestones',
    {
      config: { access: 'projects.project.edit', scope: 'write:coproduction' },
      schema: {
        operationId: 'addProjectMilestone',
        summary: 'Add a milestone to a joint project: what, and by when',
        description:
          "For the people of one of the project's partners (the council's staff as the council partner, access-logged). The project's progress counts the milestones reached. Answers 400 beside each field (no title, a day that is not YYYY-MM-DD).",
        tags: ['projects'],
        headers: IdempotencyHeaders,
        params: Params,
        body: Type.Object({ title: Type.String({ maxLength: 1000 }), dueOn: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }) }, { additionalProperties: false }),
        response: created(Type.Object({ projectId: Type.String() })),
      },
    },
    async (request, reply) => {
      const done = await addMilestone(db, request.actor, request.params.id, request.body);
      if (!done.ok) return sendOutcomeProblem(request, reply, done.error, done.fields);
      return reply.code(201).send({ projectId: request.params.id });
    },
  );

  app.put(
    '/projects/:id/milestones/:milestoneId',
    {
      config: { access: 'projects.project.edit', scope: 'write:coproduction' },
      schema: {
        operationId: 'changeProjectMilestone',
        summary: "Change a joint project's milestone: what, and by when",
        description:
          "For the people of one of the project's partners (the council's staff as the council partner, access-logged). Both fields are given, as on the milestone's page; whether it was reached stays as it was. Answers 400 beside each field (no title, a day that is not YYYY-MM-DD or does not exist), 404 for a milestone that is not the project's.",
        tags: ['projects'],
        params: MilestoneParams,
        body: Type.Object({ title: Type.String({ maxLength: 1000 }), dueOn: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }) }, { additionalProperties: false }),
        response: ok(Type.Object({ projectId: Type.String(), milestoneId: Type.String() })),
      },
    },
    async (request, reply) => {
      const done = await editMilestone(db, request.actor, request.params.id, request.params.milestoneId, request.body);
      if (!done.ok) return sendOutcomeProblem(request, reply, done.error, done.fields);
      return { projectId: request.params.id, milestoneId: request.params.milestoneId };
    },
  );

  app.delete(
    '/projects/:id/milestones/:milestoneId',
    {
      config: { access: 'projects.project.edit', scope: 'write:coproduction' },
      schema: {
        operationId: 'removeProjectMilestone',
        summary: "Remove a milestone from a joint project (its progress is then counted without it)",
        description:
          "For the people of one of the project's partners (the council's staff as the council partner, access-logged). There is no undo. Answers 404 for a milestone that is not the project's, or that is already removed.",
        tags: ['projects'],
        params: MilestoneParams,
        response: ok(Type.Object({ projectId: Type.String(), removed: Type.Boolean() })),
      },
    },
    async (request, reply) => {
      const done = await removeMilestone(db, request.actor, request.params.id, request.params.milestoneId);
      if (!done.ok) return sendOutcomeProblem(request, reply, done.error, done.fields);
      return { projectId: request.params.id, removed: true };
    },
  );
};
