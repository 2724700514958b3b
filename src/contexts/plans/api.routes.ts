// The plans' JSON under /api/v1: a territory's published plans and one plan's follow-up, as the public page shows it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { problemSchema, sendProblem } from '../../platform/http/problem.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { listPublishedPlans } from './plan.service.ts';
import { measuresTable, publicPlan } from './public.service.ts';

const Translated = Type.Record(Type.String(), Type.String());
const PlanSummary = Type.Object({ slug: Type.String(), kind: Type.String(), title: Translated, periodFrom: Type.String(), periodTo: Type.String(), version: Type.Integer() });
const Measure = Type.Object({
  goal: Type.String(),
  code: Type.String(),
  title: Type.String(),
  department: Type.String(),
  owner: Type.String(),
  deadline: Type.String(),
  status: Type.String(),
  progress: Type.Union([Type.Number(), Type.Null()]),
  /** Findings it answers not yet verified as solved; null when hidden (1 to 4, or what would reveal one). */
  findingsNotYetSolved: Type.Union([Type.Integer(), Type.Null()]),
  findingsVerified: Type.Union([Type.Integer(), Type.Null()]),
});

export const plansApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.database.db;
  const notFound = (request: FastifyRequest, reply: FastifyReply) => sendProblem(reply, { type: 'about:blank', title: request.i18n.t('platform.errors.notFound.title'), status: 404 });

  app.get(
    '/territories/:slug/plans',
    {
      config: { access: 'plans.public.view', cache: 'public' },
      schema: { summary: 'Published plans of a territory', description: "Public: the territory's published plans (the Strategy for Inclusion, the Local Action Plan against Discrimination…), each with its slug, kind, period and version.", tags: ['plans'], params: Type.Object({ slug: Type.String({ maxLength: 100 }) }), response: { 200: Type.Object({ plans: Type.Array(PlanSummary) }), 404: problemSchema } },
    },
    async (request, reply) => {
      const territory = await findTerritory(db(), request.params.slug);
      if (!territory) return notFound(request, reply);
      const plans = await listPublishedPlans(db(), territory.id);
      return { plans: plans.map((p) => ({ slug: p.slug, kind: p.kind, title: p.title as Record<string, string>, periodFrom: p.periodFrom, periodTo: p.periodTo, version: p.publishedVersion })) };
    },
  );

  app.get(
    '/territories/:slug/plans/:plan',
    {
      config: { access: 'plans.public.view', cache: 'public' },
      schema: {
        summary: "A published plan's measures and their follow-up",
        description: "Public: a published plan's measures as its follow-up page shows them: goal, code, department, deadline, status and progress, with how many linked findings are verified solved and how many are not yet.",
        tags: ['plans'],
        params: Type.Object({ slug: Type.String({ maxLength: 100 }), plan: Type.String({ maxLength: 100 }) }),
        querystring: Type.Object({ locale: Type.Optional(Type.String({ maxLength: 5 })) }),
        response: { 200: Type.Object({ plan: PlanSummary, measures: Type.Array(Measure), shareVerified: Type.Union([Type.Number(), Type.Null()]) }), 404: problemSchema },
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db(), request.params.slug);
      const page = territory ? await publicPlan(db(), territory.id, request.params.plan) : null;
      if (!territory || !page) return notFound(request, reply);
      const table = measuresTable(page, request.query.locale ?? 'en');
      return {
        plan: { slug: page.plan.slug, kind: page.plan.kind, title: page.version.snapshot.title as Record<string, string>, periodFrom: page.version.snapshot.periodFrom, periodTo: page.version.snapshot.periodTo, version: page.version.number },
        measures: table.rows.map((r) => ({
          goal: String(r[0]),
          code: String(r[1]),
          title: String(r[2]),
          department: String(r[3]),
          owner: String(r[4]),
          deadline: String(r[6]),
          status: String(r[7]),
          progress: r[8] as number | null,
          findingsNotYetSolved: r[9] as number | null,
          findingsVerified: r[10] as number | null,
        })),
        shareVerified: page.tracker?.shareVerified ?? null,
      };
    },
  );
};
