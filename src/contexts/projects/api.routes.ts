// Joint projects and mutual aid under /api/v1: a territory's projects, one project, and mutual aid's public part
// (counts and open offers), as the pages show them. No need, contact or person's name is ever in them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { problemSchema, sendProblem } from '../../platform/http/problem.ts';
import { findTerritory, findTerritoryById } from '../territories/territory.service.ts';
import { listProjects, projectDetail, type ProjectDetail } from './projects/project.service.ts';
import { aidCounts, openPosts, publicPost } from './volunteering/aid.service.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const ProjectJson = Type.Object({
  id: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  goals: Type.Array(Type.String()),
  language: Type.String(),
  progressPercent: Type.Union([Type.Integer(), Type.Null()]),
  partners: Type.Array(Type.Object({ id: Type.String({ description: 'The partner, for postProjectUpdate, changeProjectPartnerRole and removeProjectPartner' }), organisationId: Nullable(Type.String()), name: Type.String(), role: Type.String() })),
  budget: Type.Array(Type.Object({ id: Type.String({ description: 'The budget line, for changeProjectBudgetLine and removeProjectBudgetLine' }), concept: Type.String(), amountEur: Type.Number(), funder: Type.String() })),
  milestones: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), dueOn: Type.String({ format: 'date' }), doneOn: Nullable(Type.String({ format: 'date' })) })),
  updates: Type.Array(Type.Object({ partner: Type.String(), body: Type.String(), postedAt: Type.String({ format: 'date-time' }) })),
  challengeIds: Type.Array(Type.String()),
  measureIds: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});
const OfferJson = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  area: Type.String(),
  districtId: Nullable(Type.String()),
  languages: Type.Array(Type.String()),
  title: Type.String(),
  description: Type.String(),
  fromOn: Nullable(Type.String({ format: 'date' })),
  untilOn: Nullable(Type.String({ format: 'date' })),
  organisation: Type.String(),
  postedAt: Type.String({ format: 'date-time' }),
});
const Counts = Type.Object({ offers: Type.Integer(), needs: Type.Integer(), matches: Type.Integer(), fulfilled: Type.Integer() });

const projectJson = (d: ProjectDetail, councilName: string) => ({
  id: d.project.id,
  title: d.project.title,
  summary: d.project.summary,
  goals: d.project.goals.split(/\r?\n/).filter((g) => g.trim()),
  language: d.project.locale,
  progressPercent: d.progress,
  partners: d.partners.map((p) => ({ id: p.id, organisationId: p.organisationId, name: p.organisationId ? p.name : councilName, role: p.role })),
  budget: d.budget.map((b) => ({ id: b.id, concept: b.concept, amountEur: b.amountCents / 100, funder: b.funder })),
  milestones: d.milestones.map((m) => ({ id: m.id, title: m.title, dueOn: m.dueOn, doneOn: m.doneOn })),
  updates: d.updates.map((u) => ({ partner: u.organisationId ? u.partnerName : councilName, body: u.body, postedAt: u.postedAt.toISOString() })),
  challengeIds: d.challenges.map((c) => c.id),
  measureIds: d.measures.map((m) => m.id),
  createdAt: d.project.createdAt.toISOString(),
});

export const projectsApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.database.db;
  const notFound = (request: FastifyRequest, reply: FastifyReply) => sendProblem(reply, { type: 'about:blank', title: request.i18n.t('platform.errors.notFound.title'), status: 404 });
  const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) });

  app.get(
    '/territories/:slug/projects',
    { config: { access: 'projects.public.view' }, schema: { summary: "A territory's joint projects with partners, budget, milestones, progress and updates", description: "Public: the territory's joint projects with their partners and roles, budget lines, milestones, progress and updates, as the projects page shows them; never a person's name.", tags: ['projects'], params: SlugParams, response: { 200: Type.Object({ projects: Type.Array(ProjectJson) }), 404: problemSchema } } },
    async (request, reply) => {
      const territory = await findTerritory(db(), request.params.slug);
      if (!territory) return notFound(request, reply);
      const projects = [];
      for (const p of await listProjects(db(), territory.id)) projects.push(projectJson((await projectDetail(db(), p.id, request.i18n.locale))!, territory.name));
      return { projects };
    },
  );

  app.get(
    '/projects/:id',
    { config: { access: 'projects.public.view' }, schema: { summary: 'One joint project', description: "Public: one joint project as its page shows it, with each partner's id (for postProjectUpdate), milestones, budget, updates and the challenges and plan measures it is linked to.", tags: ['projects'], params: Type.Object({ id: Type.String({ maxLength: 40 }) }), response: { 200: ProjectJson, 404: problemSchema } } },
    async (request, reply) => {
      const detail = await projectDetail(db(), request.params.id, request.i18n.locale);
      const territory = detail && (await findTerritoryById(db(), detail.project.territoryId));
      if (!detail || !territory) return notFound(request, reply);
      return projectJson(detail, territory.name);
    },
  );

  app.get(
    '/territories/:slug/volunteering',
    { config: { access: 'projects.public.view' }, schema: { summary: "Mutual aid in a territory: counts (open offers and needs, conversations, matches fulfilled) and the open offers; needs are never listed", description: "Public: mutual aid's counts (open offers and needs, conversations, matches fulfilled) and the open offers by organisation; needs, contacts and people's names are never listed.", tags: ['projects'], params: SlugParams, response: { 200: Type.Object({ counts: Counts, offers: Type.Array(OfferJson) }), 404: problemSchema } } },
    async (request, reply) => {
      const territory = await findTerritory(db(), request.params.slug);
      if (!territory) return notFound(request, reply);
      const [offers, counts] = await Promise.all([openPosts(db(), territory.id, 'offer'), aidCounts(db(), territory.id)]);
      return {
        counts,
        offers: offers.map(publicPost).map((o) => ({ id: o.id, kind: o.kind, area: o.area, districtId: o.districtId, languages: o.languages, title: o.title, description: o.description, fromOn: o.fromOn, untilOn: o.untilOn, organisation: o.postedFor, postedAt: o.createdAt.toISOString() })),
      };
    },
  );
};
