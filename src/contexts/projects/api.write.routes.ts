// A joint project's partners through the JSON API: post an update for their partner; add, change or remove a
// milestone or a budget line; add a partner, change its role or take it out. The same service functions as the
// project's pages (only the people of a partner may; the council's staff as the council partner, access-logged);
// POST takes an Idempotency-Key.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sendOutcomeProblem } from '../../platform/http/problem.ts';
import { IdempotencyHeaders, created, ok } from '../../platform/api/write.ts';
import { findTerritoryById } from '../territories/territory.service.ts';
import { listMembers } from '../agreement/adhesion/adhesion.service.ts';
import { addBudgetLine, addMilestone, addPartner, findProject, postUpdate } from './projects/project.service.ts';
import { changePartnerRole, editBudgetLine, editMilestone, removeBudgetLine, removeMilestone, removePartner } from './projects/project-edit.service.ts';

const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const MilestoneParams = Type.Object({ id: Type.String({ maxLength: 40 }), milestoneId: Type.String({ maxLength: 40 }) });
const LineParams = Type.Object({ id: Type.String({ maxLength: 40 }), lineId: Type.String({ maxLength: 40, description: "The budget line's id (GET /projects/{id}, budget[].id)" }) });
const PartnerParams = Type.Object({ id: Type.String({ maxLength: 40 }), partnerId: Type.String({ maxLength: 40, description: "The partner's id (GET /projects/{id}, partners[].id)" }) });
const BudgetLineBody = Type.Object(
  {
    concept: Type.String({ maxLength: 400, description: 'What the money is for' }),
    amountEur: Type.Number({ description: 'In euros, never negative, at most two decimals (cents)' }),
    funder: Type.Optional(Type.String({ maxLength: 400, description: 'Who pays it; may be left out' })),
  },
  { additionalProperties: false, examples: [{ concept: 'Lloguer de dos pisos (12 mesos)', amountEur: 21600, funder: 'Ajuntament de Barcelona' }] },
);
const PartnerRole = Type.String({ maxLength: 20, description: 'lead (one per project: the former lead becomes a partner), partner or funder; council for the council alone' });

/** Euros as a number in the API, as the pages' amount field reads them: cents exactly, else nothing (refused beside the field). */
const amountText = (euros: number) => (Number.isFinite(euros) && Math.abs(euros * 100 - Math.round(euros * 100)) < 1e-6 ? (Math.round(euros * 100) / 100).toFixed(2) : '');
/** The service names the amount `amount`, as the page's field; the API's field is `amountEur`. */
const apiFields = (fields: Record<string, string> | undefined) => fields && Object.fromEntries(Object.entries(fields).map(([k, v]) => [k === 'amount' ? 'amountEur' : k, v]));
const lineInput = (body: { concept: string; amountEur: number; funder?: string | undefined }) => ({ concept: body.concept, amount: amountText(body.amountEur), funder: body.funder ?? '' });
const who = "For the people of one of the project's partners (the council's staff as the council partner, access-logged).";

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
  app.post(
    '/projects/:id/budget',
    {
      config: { access: 'projects.project.edit', scope: 'write:coproduction' },
      schema: {
        operationId: 'addProjectBudgetLine',
        summary: "Add a line to a joint project's budget: what for, how much, paid by whom",
        description: `${who} The project's budget lists its lines (GET /projects/{id}, budget). Answers 400 beside each field: no concept, an amount that is not a number of euros (negative, more than two decimals, text).`,
        tags: ['projects'],
        headers: IdempotencyHeaders,
        params: Params,
        body: BudgetLineBody,
        response: created(Type.Object({ projectId: Type.String() })),
      },
    },
    async (request, reply) => {
      const done = await addBudgetLine(db, request.actor, request.params.id, lineInput(request.body));
      if (!done.ok) return sendOutcomeProblem(request, reply, done.error, apiFields(done.fields));
      return reply.code(201).send({ projectId: request.params.id });
    },
  );

  app.put(
    '/projects/:id/budget/:lineId',
    {
      config: { access: 'projects.project.edit', scope: 'write:coproduction' },
      schema: {
        operationId: 'changeProjectBudgetLine',
        summary: "Change a line of a joint project's budget",
        description: `${who} The whole line is given, as on the line's page (a funder left out is none). Answers 400 beside each field (no concept, an amount that is not a number of euros), 404 for a line that is not the project's.`,
        tags: ['projects'],
        params: LineParams,
        body: BudgetLineBody,
        response: ok(Type.Object({ projectId: Type.String(), lineId: Type.String() })),
      },
    },
    async (request, reply) => {
      const done = await editBudgetLine(db, request.actor, request.params.id, request.params.lineId, lineInput(request.body));
      if (!done.ok) return sendOutcomeProblem(request, reply, done.error, apiFields(done.fields));
      return { projectId: request.params.id, lineId: request.params.lineId };
    },
  );

  app.delete(
    '/projects/:id/budget/:lineId',
    {
      config: { access: 'projects.project.edit', scope: 'write:coproduction' },
      schema: {
        operationId: 'removeProjectBudgetLine',
        summary: "Remove a line from a joint project's budget",
        description: `${who} There is no undo. Answers 404 for a line that is not the project's, or that is already removed.`,
        tags: ['projects'],
        params: LineParams,
        response: ok(Type.Object({ projectId: Type.String(), removed: Type.Boolean() })),
      },
    },
    async (request, reply) => {
      const done = await removeBudgetLine(db, request.actor, request.params.id, request.params.lineId);
      if (!done.ok) return sendOutcomeProblem(request, reply, done.error, done.fields);
      return { projectId: request.params.id, removed: true };
    },
  );

  app.post(
    '/projects/:id/partners',
    {
      config: { access: 'projects.project.edit', scope: 'write:coproduction' },
      schema: {
        operationId: 'addProjectPartner',
        summary: 'Add a partner to a joint project: an organisation of the Agreement, or the council, with its role',
        description: `${who} partner is the id of an organisation that has joined the territory's Agreement (GET /territories/{slug}/agreement, members[].id), or council. Answers 400 beside each field: an organisation outside the Agreement or already a partner, a role that is not one, the council role for an organisation.`,
        tags: ['projects'],
        headers: IdempotencyHeaders,
        params: Params,
        body: Type.Object(
          { partner: Type.String({ maxLength: 40, description: "An organisation's id, or council" }), role: PartnerRole },
          { additionalProperties: false, examples: [{ partner: '5b0f7c3e-2a41-4d8e-9c55-0a7d1e6f3b21', role: 'partner' }, { partner: 'council', role: 'council' }] },
        ),
        response: created(Type.Object({ projectId: Type.String() })),
      },
    },
    async (request, reply) => {
      const row = await findProject(db, request.params.id);
      const territory = row && (await findTerritoryById(db, row.territoryId));
      const members = territory ? new Set((await listMembers(db, territory.id)).map((m) => m.organisationId)) : new Set<string>();
      const done = await addPartner(db, request.actor, request.params.id, territory?.name ?? '', request.body, members);
      if (!done.ok) return sendOutcomeProblem(request, reply, done.error, done.fields);
      return reply.code(201).send({ projectId: request.params.id });
    },
  );

  app.put(
    '/projects/:id/partners/:partnerId',
    {
      config: { access: 'projects.project.edit', scope: 'write:coproduction' },
      schema: {
        operationId: 'changeProjectPartnerRole',
        summary: "Change a partner's role in a joint project",
        description: `${who} Making an organisation the lead makes the former lead a partner; the lead steps back only when the council takes part (which then leads), and the council keeps the council role. Answers 400 beside the role field when a rule refuses it, 404 for a partner that is not the project's.`,
        tags: ['projects'],
        params: PartnerParams,
        body: Type.Object({ role: PartnerRole }, { additionalProperties: false, examples: [{ role: 'lead' }] }),
        response: ok(Type.Object({ projectId: Type.String(), partnerId: Type.String() })),
      },
    },
    async (request, reply) => {
      const done = await changePartnerRole(db, request.actor, request.params.id, request.params.partnerId, request.body);
      if (!done.ok) return sendOutcomeProblem(request, reply, done.error, done.fields);
      return { projectId: request.params.id, partnerId: request.params.partnerId };
    },
  );

  app.delete(
    '/projects/:id/partners/:partnerId',
    {
      config: { access: 'projects.project.edit', scope: 'write:coproduction' },
      schema: {
        operationId: 'removeProjectPartner',
        summary: 'Take a partner out of a joint project (its earlier updates stay, under its name)',
        description: `${who} A project always keeps the partner that leads it and at least one partner: removing either answers 409 saying why (make another organisation the lead first). Answers 404 for a partner that is not the project's.`,
        tags: ['projects'],
        params: PartnerParams,
        response: ok(Type.Object({ projectId: Type.String(), removed: Type.Boolean() })),
      },
    },
    async (request, reply) => {
      const done = await removePartner(db, request.actor, request.params.id, request.params.partnerId);
      if (!done.ok) return sendOutcomeProblem(request, reply, done.error, done.fields, { kept: done.fields?._form ?? 'projects.partner.errors.leads' });
      return { projectId: request.params.id, removed: true };
    },
  );
};
