// Project pages: a territory's projects, starting one, one project and its partners' forms, and open data.
import { forumMunicipalities, territoryHeader } from '../../territories/territory.http.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { requirePermission } from '../../../platform/auth/permissions.ts';
import { failed } from '../../../platform/http/forms.ts';
import { href } from '../../../platform/views/context.ts';
import { writeCsv } from '../../../platform/csv/csv.ts';
import { findTerritory, findTerritoryById, type Territory } from '../../territories/territory.service.ts';
import { organisationsOf } from '../../agreement/organisations/organisation.service.ts';
import { listMembers } from '../../agreement/adhesion/adhesion.service.ts';
import { addBudgetLine, addLink, addMilestone, addPartner, createProject, linkOptions, listProjects, partnersActorMayActFor, partnerTerritories, postUpdate, projectDetail, setMilestoneDone } from './project.service.ts';
import { NewProjectPage, ProjectPage, ProjectsPage } from './project.views.tsx';

const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const SlugParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) });
const IdParams = Type.Object({ locale: Type.String(), id: Type.String({ maxLength: 40 }) });
const see = (locale: string, id: string, notice: string) => `${href(locale, `/projects/${id}`)}?notice=${notice}`;
const orgRoles = ['organisation-admin', 'organisation-member'] as const;

export const projectPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  async function territoryOf(request: FastifyRequest, slug: string): Promise<Territory | null> {
    const territory = await findTerritory(db, slug);
    if (territory) request.territoryHeader = territoryHeader(territory, request.i18n.locale);
    return territory;
  }
  async function leadsFor(request: FastifyRequest, territory: Territory) {
    const t = request.i18n.t;
    const leads = (await organisationsOf(db, request.actor, orgRoles)).map((o) => ({ value: o.id, label: o.name }));
    if (requirePermission(request.actor, 'projects.project.edit', { territoryId: territory.id }).ok) leads.push({ value: 'council', label: t('projects.partner.councilOf', { territory: territory.name }) });
    return leads;
  }

  app.get('/t/:slug/projects', { schema: { params: SlugParams, querystring: Type.Object({ municipality: Text(100) }) }, config: { access: 'projects.public.view' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    // In a forum, by where the partners are registered: a municipality that is not the forum's finds nothing rather than everything.
    const municipalities = await forumMunicipalities(db, territory, request.i18n.locale);
    const municipality = municipalities.length > 0 && request.query.municipality ? request.query.municipality : undefined;
    const filters = municipality === undefined ? {} : { partnerFrom: municipalities.find((m) => m.slug === municipality)?.id ?? null };
    const projects = await listProjects(db, territory.id, filters);
    const partnersIn = municipalities.length > 0 ? await partnerTerritories(db, projects.flatMap((p) => p.partners)) : new Map<string, string>();
    if (request.actor) reply.header('Cache-Control', 'no-store');
    return reply.render(h(ProjectsPage, { territory, projects, canCreate: (await leadsFor(request, territory)).length > 0, municipalities, municipality, partnersIn }));
  });

  // Open data: every project (they are public), and their milestones.
  for (const format of ['csv', 'json'] as const) {
    app.get(`/t/:slug/projects.${format}`, { schema: { params: SlugParams }, config: { access: 'projects.public.view' } }, async (request, reply) => {
      const territory = await territoryOf(request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const rows = [];
      for (const p of await listProjects(db, territory.id)) {
        const detail = (await projectDetail(db, p.id, request.i18n.locale))!;
        rows.push({
          project_id: p.id,
          title: p.title,
          language: p.locale,
          partners: detail.partners.map((x) => `${x.organisationId ? x.name : territory.name}:${x.role}`).join('|'),
          milestones: p.milestones,
          milestones_done: p.done,
          progress_percent: p.progress ?? '',
          budget_eur: detail.budget.reduce((s, b) => s + b.amountCents, 0) / 100,
          challenge_ids: detail.challenges.map((c) => c.id).join('|'),
          measure_ids: detail.measures.map((m) => m.id).join('|'),
          updates: detail.updates.length,
          created_at: p.createdAt.toISOString(),
        });
      }
      if (format === 'json') return reply.type('application/json; charset=utf-8').send({ projects: rows });
      const columns = ['project_id', 'title', 'language', 'partners', 'milestones', 'milestones_done', 'progress_percent', 'budget_eur', 'challenge_ids', 'measure_ids', 'updates', 'created_at'] as const;
      return reply.header('Content-Disposition', `attachment; filename="${territory.slug}-projects.csv"`).type('text/csv; charset=utf-8').send(writeCsv(rows.map((r) => columns.map((c) => r[c])), { columns }));
    });
    app.get(`/t/:slug/project-milestones.${format}`, { schema: { params: SlugParams }, config: { access: 'projects.public.view' } }, async (request, reply) => {
      const territory = await territoryOf(request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const rows = [];
      for (const p of await listProjects(db, territory.id)) {
        for (const m of (await projectDetail(db, p.id, request.i18n.locale))!.milestones) rows.push({ project_id: p.id, project: p.title, milestone: m.title, due_on: m.dueOn, done_on: m.doneOn ?? '' });
      }
      if (format === 'json') return reply.type('application/json; charset=utf-8').send({ milestones: rows });
      const columns = ['project_id', 'project', 'milestone', 'due_on', 'done_on'] as const;
      return reply.header('Content-Disposition', `attachment; filename="${territory.slug}-project-milestones.csv"`).type('text/csv; charset=utf-8').send(writeCsv(rows.map((r) => columns.map((c) => r[c])), { columns }));
    });
  }

  async function renderNew(request: FastifyRequest, reply: FastifyReply, territory: Territory, values: Record<string, string>, errors: Record<string, string>) {
    const leads = await leadsFor(request, territory);
    if (leads.length === 0) return failed(request, reply, request.actor ? 'forbidden' : 'signed-out');
    reply.header('Cache-Control', 'no-store');
    return reply.render(h(NewProjectPage, { territory, leads, values, errors }), Object.keys(errors).length ? 400 : 200);
  }

  app.get('/t/:slug/projects/new', { schema: { params: SlugParams }, config: { access: 'projects.project.create' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    return renderNew(request, reply, territory, {}, {});
  });

  app.post('/t/:slug/projects/new', { schema: { params: SlugParams, body: Type.Object({ lead: Text(40), title: Text(400), summary: Text(10_000), goals: Text(10_000) }) }, config: { access: 'projects.project.create' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const values = { lead: request.body.lead ?? '', title: request.body.title ?? '', summary: request.body.summary ?? '', goals: request.body.goals ?? '' };
    const outcome = await createProject(db, request.actor, territory.id, territory.name, { ...values, locale: request.i18n.locale });
    if (outcome.ok) return reply.redirect(see(request.params.locale, outcome.value.id, 'created'), 303);
    if (outcome.error === 'invalid') return renderNew(request, reply, territory, values, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

  async function renderProject(request: FastifyRequest, reply: FastifyReply, id: string, values: Record<string, string>, errors: Record<string, string>, notice?: string) {
    const locale = request.i18n.locale;
    const detail = await projectDetail(db, id, locale);
    const territory = detail && (await findTerritoryById(db, detail.project.territoryId));
    if (!detail || !territory) return reply.callNotFound();
    request.territoryHeader = territoryHeader(territory, request.i18n.locale);
    const mine = partnersActorMayActFor(request.actor, territory.id, detail.partners);
    const municipalities = await forumMunicipalities(db, territory, locale);
    const partnersIn = municipalities.length > 0 ? await partnerTerritories(db, detail.partners) : new Map<string, string>();
    let partnerOptions: { value: string; label: string }[] = [];
    let challengeOptions: { value: string; label: string }[] = [];
    let measureOptions: { value: string; label: string }[] = [];
    if (mine.length > 0) {
      const taken = new Set(detail.partners.map((p) => p.organisationId ?? 'council'));
      partnerOptions = (await listMembers(db, territory.id)).filter((m) => !taken.has(m.organisationId)).map((m) => ({ value: m.organisationId, label: m.name }));
      if (!taken.has('council')) partnerOptions.unshift({ value: 'council', label: request.i18n.t('projects.partner.councilOf', { territory: territory.name }) });
      const options = await linkOptions(db, territory.id, locale);
      challengeOptions = options.challenges.filter((c) => !detail.challenges.some((x) => x.id === c.id)).map((c) => ({ value: c.id, label: c.title }));
      measureOptions = options.measures.filter((m) => !detail.measures.some((x) => x.id === m.id)).map((m) => ({ value: m.id, label: m.label }));
    }
    if (request.actor) reply.header('Cache-Control', 'no-store');
    return reply.render(h(ProjectPage, { territory, detail, mine, municipalities, partnersIn, partnerOptions, challengeOptions, measureOptions, values, errors, notice }), Object.keys(errors).length ? 400 : 200);
  }

  app.get('/projects/:id', { schema: { params: IdParams, querystring: Type.Object({ notice: Text(40) }) }, config: { access: 'projects.public.view' } }, async (request, reply) =>
    renderProject(request, reply, request.params.id, {}, {}, request.query.notice),
  );

  /** A partner's form: the service decides, the page shows the refusal beside the field. */
  function partnerForm<B extends Record<string, string | undefined>>(path: string, body: ReturnType<typeof Type.Object>, notice: string, act: (request: FastifyRequest, id: string, values: Record<string, string>) => Promise<{ ok: true } | { ok: false; error: string; fields?: Record<string, string> }>) {
    app.post(`/projects/:id/${path}`, { schema: { params: IdParams, body }, config: { access: 'projects.project.edit' } }, async (request, reply) => {
      const id = (request.params as { id: string }).id;
      const values = Object.fromEntries(Object.entries((request.body ?? {}) as B).map(([k, v]) => [k, v ?? '']));
      const outcome = await act(request, id, values);
      if (outcome.ok) return reply.redirect(see(request.i18n.locale, id, notice), 303);
      if (outcome.error === 'invalid') return renderProject(request, reply, id, values, outcome.fields ?? {});
      return failed(request, reply, outcome.error);
    });
  }

  partnerForm('partners', Type.Object({ partner: Text(40), role: Text(20) }), 'partnerAdded', async (request, id, v) => {
    const detail = await projectDetail(db, id, request.i18n.locale);
    const territory = detail && (await findTerritoryById(db, detail.project.territoryId));
    const members = territory ? new Set((await listMembers(db, territory.id)).map((m) => m.organisationId)) : new Set<string>();
    return addPartner(db, request.actor, id, territory?.name ?? '', { partner: v.partner!, role: v.role! }, members);
  });
  partnerForm('budget', Type.Object({ concept: Text(400), amount: Text(40), funder: Text(400) }), 'budgetAdded', (request, id, v) => addBudgetLine(db, request.actor, id, { concept: v.concept!, amount: v.amount!, funder: v.funder! }));
  partnerForm('milestones', Type.Object({ title: Text(400), dueOn: Text(20) }), 'milestoneAdded', (request, id, v) => addMilestone(db, request.actor, id, { title: v.title!, dueOn: v.dueOn! }));
  partnerForm('updates', Type.Object({ partnerId: Text(40), body: Text(20_000) }), 'updatePosted', (request, id, v) => postUpdate(db, request.actor, id, { partnerId: v.partnerId!, body: v.body! }));
  partnerForm('links', Type.Object({ challengeId: Text(40), measureId: Text(40) }), 'linked', (request, id, v) => addLink(db, request.actor, id, { challengeId: v.challengeId!, measureId: v.measureId! }));

  app.post('/projects/:id/milestones/:milestoneId', { schema: { params: Type.Object({ locale: Type.String(), id: Type.String({ maxLength: 40 }), milestoneId: Type.String({ maxLength: 40 }) }), body: Type.Object({ done: Text(5) }) }, config: { access: 'projects.project.edit' } }, async (request, reply) => {
    const outcome = await setMilestoneDone(db, request.actor, request.params.id, request.params.milestoneId, request.body.done === 'yes');
    if (outcome.ok) return reply.redirect(see(request.params.locale, request.params.id, 'milestoneChanged'), 303);
    return failed(request, reply, outcome.error);
  });
};
