// A project's partners change and remove what they added: each on its own page, which posts to itself (so a
// refused post is drawn again there with what was typed), and each removal confirmed on a page of its own.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { failed } from '../../../platform/http/forms.ts';
import { href } from '../../../platform/views/context.ts';
import { findTerritoryById, type Territory } from '../../territories/territory.service.ts';
import type { Project } from './project.service.ts';
import {
  budgetLineToEdit,
  changePartnerRole,
  editBudgetLine,
  editMilestone,
  editProject,
  keptPartner,
  milestoneToEdit,
  partnerToEdit,
  projectToEdit,
  removeBudgetLine,
  removeMilestone,
  removePartner,
} from './project-edit.service.ts';
import { ConfirmRemovalPage, EditBudgetLinePage, EditMilestonePage, EditPartnerPage, EditProjectPage, RemovalView } from './project-edit.views.tsx';

const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const Id = Type.String({ maxLength: 40 });
const IdParams = Type.Object({ locale: Type.String(), id: Id });
const MilestoneParams = Type.Object({ locale: Type.String(), id: Id, milestoneId: Id });
const LineParams = Type.Object({ locale: Type.String(), id: Id, lineId: Id });
const PartnerParams = Type.Object({ locale: Type.String(), id: Id, partnerId: Id });
const see = (locale: string, id: string, notice: string) => `${href(locale, `/projects/${id}`)}?notice=${notice}`;
const text = (value: string | undefined) => value ?? '';
const access = { access: 'projects.project.edit' } as const;

/** Euro cents as the amount field takes them back: digits, and decimals only when there are cents. */
function amountField(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
}

export const projectEditPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  /** Draws a partner's page: the territory in the header, never cached (it holds a form and who may edit). */
  async function page(request: FastifyRequest, reply: FastifyReply, project: Project, view: (territory: Territory) => Parameters<FastifyReply['render']>[0], status = 200) {
    const territory = await findTerritoryById(db, project.territoryId);
    if (!territory) return reply.callNotFound();
    request.territoryHeader = { slug: territory.slug, name: territory.name };
    reply.header('Cache-Control', 'no-store');
    return reply.render(view(territory), status);
  }
  const status = (errors: Record<string, string>) => (Object.keys(errors).length > 0 ? 400 : 200);

  // The project's name, summary, goals and the language they are written in.
  async function projectForm(request: FastifyRequest, reply: FastifyReply, id: string, values: Record<string, string> | null, errors: Record<string, string>) {
    const found = await projectToEdit(db, request.actor, id);
    if (!found.ok) return failed(request, reply, found.error);
    const row = found.value.row;
    const shown = values ?? { title: row.title, summary: row.summary, goals: row.goals, locale: row.locale };
    return page(request, reply, row, (territory) => h(EditProjectPage, { territory, project: row, values: shown, errors }), status(errors));
  }
  app.get('/projects/:id/edit', { schema: { params: IdParams }, config: access }, async (request, reply) => projectForm(request, reply, request.params.id, null, {}));
  app.post('/projects/:id/edit', { schema: { params: IdParams, body: Type.Object({ title: Text(400), summary: Text(10_000), goals: Text(10_000), locale: Text(10) }) }, config: access }, async (request, reply) => {
    const values = { title: text(request.body.title), summary: text(request.body.summary), goals: text(request.body.goals), locale: text(request.body.locale) };
    const outcome = await editProject(db, request.actor, request.params.id, values);
    if (outcome.ok) return reply.redirect(see(request.params.locale, request.params.id, 'projectEdited'), 303);
    if (outcome.error === 'invalid') return projectForm(request, reply, request.params.id, values, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

  // A milestone: what, and by when.
  async function milestoneForm(request: FastifyRequest, reply: FastifyReply, id: string, milestoneId: string, values: Record<string, string> | null, errors: Record<string, string>) {
    const found = await milestoneToEdit(db, request.actor, id, milestoneId);
    if (!found.ok) return failed(request, reply, found.error);
    const { row, milestone } = found.value;
    const shown = values ?? { title: milestone.title, dueOn: milestone.dueOn };
    return page(request, reply, row, (territory) => h(EditMilestonePage, { territory, project: row, milestoneId: milestone.id, values: shown, errors }), status(errors));
  }
  app.get('/projects/:id/milestones/:milestoneId/edit', { schema: { params: MilestoneParams }, config: access }, async (request, reply) => milestoneForm(request, reply, request.params.id, request.params.milestoneId, null, {}));
  app.post('/projects/:id/milestones/:milestoneId/edit', { schema: { params: MilestoneParams, body: Type.Object({ title: Text(400), dueOn: Text(20) }) }, config: access }, async (request, reply) => {
    const { id, milestoneId, locale } = request.params;
    const values = { title: text(request.body.title), dueOn: text(request.body.dueOn) };
    const outcome = await editMilestone(db, request.actor, id, milestoneId, values);
    if (outcome.ok) return reply.redirect(see(locale, id, 'milestoneEdited'), 303);
    if (outcome.error === 'invalid') return milestoneForm(request, reply, id, milestoneId, values, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });
  app.get('/projects/:id/milestones/:milestoneId/remove', { schema: { params: MilestoneParams }, config: access }, async (request, reply) => {
    const { id, milestoneId } = request.params;
    const found = await milestoneToEdit(db, request.actor, id, milestoneId);
    if (!found.ok) return failed(request, reply, found.error);
    const { row, milestone } = found.value;
    const removal = { kind: 'milestone', path: `/projects/${id}/milestones/${milestone.id}/remove`, refusal: null } as const;
    return page(request, reply, row, (territory) => h(ConfirmRemovalPage, { project: row, removal, children: h(RemovalView, { territory, project: row, milestone }) }));
  });
  app.post('/projects/:id/milestones/:milestoneId/remove', { schema: { params: MilestoneParams }, config: access }, async (request, reply) => {
    const outcome = await removeMilestone(db, request.actor, request.params.id, request.params.milestoneId);
    if (outcome.ok) return reply.redirect(see(request.params.locale, request.params.id, 'milestoneRemoved'), 303);
    return failed(request, reply, outcome.error);
  });

  // A budget line: what for, how much, paid by whom.
  async function lineForm(request: FastifyRequest, reply: FastifyReply, id: string, lineId: string, values: Record<string, string> | null, errors: Record<string, string>) {
    const found = await budgetLineToEdit(db, request.actor, id, lineId);
    if (!found.ok) return failed(request, reply, found.error);
    const { row, line } = found.value;
    const shown = values ?? { concept: line.concept, amount: amountField(line.amountCents), funder: line.funder };
    return page(request, reply, row, (territory) => h(EditBudgetLinePage, { territory, project: row, lineId: line.id, values: shown, errors }), status(errors));
  }
  app.get('/projects/:id/budget/:lineId/edit', { schema: { params: LineParams }, config: access }, async (request, reply) => lineForm(request, reply, request.params.id, request.params.lineId, null, {}));
  app.post('/projects/:id/budget/:lineId/edit', { schema: { params: LineParams, body: Type.Object({ concept: Text(400), amount: Text(40), funder: Text(400) }) }, config: access }, async (request, reply) => {
    const { id, lineId, locale } = request.params;
    const values = { concept: text(request.body.concept), amount: text(request.body.amount), funder: text(request.body.funder) };
    const outcome = await editBudgetLine(db, request.actor, id, lineId, values);
    if (outcome.ok) return reply.redirect(see(locale, id, 'budgetEdited'), 303);
    if (outcome.error === 'invalid') return lineForm(request, reply, id, lineId, values, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });
  app.get('/projects/:id/budget/:lineId/remove', { schema: { params: LineParams }, config: access }, async (request, reply) => {
    const { id, lineId } = request.params;
    const found = await budgetLineToEdit(db, request.actor, id, lineId);
    if (!found.ok) return failed(request, reply, found.error);
    const { row, line } = found.value;
    const removal = { kind: 'budget', path: `/projects/${id}/budget/${line.id}/remove`, refusal: null } as const;
    return page(request, reply, row, (territory) => h(ConfirmRemovalPage, { project: row, removal, children: h(RemovalView, { territory, project: row, line }) }));
  });
  app.post('/projects/:id/budget/:lineId/remove', { schema: { params: LineParams }, config: access }, async (request, reply) => {
    const outcome = await removeBudgetLine(db, request.actor, request.params.id, request.params.lineId);
    if (outcome.ok) return reply.redirect(see(request.params.locale, request.params.id, 'budgetRemoved'), 303);
    return failed(request, reply, outcome.error);
  });

  // A partner: its role, or taking it out of the project.
  async function partnerForm(request: FastifyRequest, reply: FastifyReply, id: string, partnerId: string, values: Record<string, string> | null, errors: Record<string, string>) {
    const found = await partnerToEdit(db, request.actor, id, partnerId);
    if (!found.ok) return failed(request, reply, found.error);
    const { row, partner } = found.value;
    return page(request, reply, row, (territory) => h(EditPartnerPage, { territory, project: row, partner, values: values ?? { role: partner.role }, errors }), status(errors));
  }
  app.get('/projects/:id/partners/:partnerId/edit', { schema: { params: PartnerParams }, config: access }, async (request, reply) => partnerForm(request, reply, request.params.id, request.params.partnerId, null, {}));
  app.post('/projects/:id/partners/:partnerId/edit', { schema: { params: PartnerParams, body: Type.Object({ role: Text(20) }) }, config: access }, async (request, reply) => {
    const { id, partnerId, locale } = request.params;
    const values = { role: text(request.body.role) };
    const outcome = await changePartnerRole(db, request.actor, id, partnerId, values);
    if (outcome.ok) return reply.redirect(see(locale, id, 'partnerEdited'), 303);
    if (outcome.error === 'invalid') return partnerForm(request, reply, id, partnerId, values, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });
  async function partnerRemoval(request: FastifyRequest, reply: FastifyReply, id: string, partnerId: string, refused: string | null) {
    const found = await partnerToEdit(db, request.actor, id, partnerId);
    if (!found.ok) return failed(request, reply, found.error);
    const { row, partner, partners } = found.value;
    const removal = { kind: 'partner', path: `/projects/${id}/partners/${partner.id}/remove`, refusal: refused ?? keptPartner(partners, partner) } as const;
    return page(request, reply, row, (territory) => h(ConfirmRemovalPage, { project: row, removal, children: h(RemovalView, { territory, project: row, partner }) }), refused ? 409 : 200);
  }
  app.get('/projects/:id/partners/:partnerId/remove', { schema: { params: PartnerParams }, config: access }, async (request, reply) => partnerRemoval(request, reply, request.params.id, request.params.partnerId, null));
  app.post('/projects/:id/partners/:partnerId/remove', { schema: { params: PartnerParams }, config: access }, async (request, reply) => {
    const { id, partnerId, locale } = request.params;
    const outcome = await removePartner(db, request.actor, id, partnerId);
    if (outcome.ok) return reply.redirect(see(locale, id, 'partnerRemoved'), 303);
    if (outcome.error === 'kept') return partnerRemoval(request, reply, id, partnerId, outcome.fields?._form ?? 'projects.partner.errors.leads');
    return failed(request, reply, outcome.error);
  });
};
