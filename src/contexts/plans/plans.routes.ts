// Plans pages under /:locale: the public list and accountability page with its open data; the staff's
// editor, measures, recommendations and follow-ups. Handlers parse, call one service, render or redirect.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { writeCsv } from '../../platform/csv/csv.ts';
import { requirePermission, type Denial } from '../../platform/auth/permissions.ts';
import { deny } from '../../platform/auth/plugin.ts';
import { findTerritory, type Territory } from '../territories/territory.service.ts';
import { facilitiesOf, servicesOf } from '../catalogue/catalogue.service.ts';
import { findingsByIds } from '../audits/findings/finding.service.ts';
import { submittedVisitsAfter, visitsById } from '../audits/fieldwork/fieldwork.service.ts';
import { addAction, addGoal, addIndicator, addMeasurement, createPlan, findPlan, listPlans, listPublishedPlans, measureOptions, planDetail, saveMeasure, setActionDone, type PlanDetail } from './plan.service.ts';
import { listVersions, submitForApproval, votePlan, votesOn, votingRole } from './approval.service.ts';
import { answerRecommendation, listRecommendations, proposeRecommendation, recommendationCandidates } from './recommendation.service.ts';
import { findingStates, followUpPlace, recordFollowUp, validateFollowUp } from './verification.service.ts';
import { exportDecidim, importDecidim, type ImportProblem } from './decidim.csv.ts';
import { measuresTable, publicPlan } from './public.service.ts';
import { approvedReports, findReport, reportableYears, reportPdf, reportsOf, reportVotes, submitReport, voteReport } from './report.service.ts';
import { ReportPage } from './report.views.tsx';
import { acceptProposal, contribute, contributionsOf, declineProposal, draftForOrganisations } from './contribution.service.ts';
import { ContributePage, ContributionsStaffPage } from './contribution.views.tsx';
import { PlansIndexPage, PublicPlanPage } from './public.views.tsx';
import { PlanEditPage, StaffPlansPage, type Values } from './staff.views.tsx';
import { MeasurePage } from './measure.views.tsx';
import { RecommendationsPage } from './recommendation.views.tsx';
import type { MeasureInput } from './plan.rules.ts';
import type { MeasureStatus } from './plans.schema.ts';
import { territoryHeader } from '../territories/territory.http.ts';

const Slug = Type.String({ maxLength: 100 });
const TerritoryParams = Type.Object({ locale: Type.String(), slug: Slug });
const PlanParams = Type.Object({ locale: Type.String(), slug: Slug, plan: Slug });
const MeasureParams = Type.Object({ locale: Type.String(), slug: Slug, plan: Slug, measure: Type.String({ maxLength: 40 }) });
const ActionParams = Type.Object({ locale: Type.String(), slug: Slug, plan: Slug, measure: Type.String({ maxLength: 40 }), action: Type.String({ maxLength: 40 }) });
const IndicatorParams = Type.Object({ locale: Type.String(), slug: Slug, plan: Slug, indicator: Type.String({ maxLength: 40 }) });
const YearParams = Type.Object({ locale: Type.String(), slug: Slug, plan: Slug, year: Type.String({ maxLength: 4, pattern: '^[0-9]{4}$' }) });
const IdParams = Type.Object({ locale: Type.String(), slug: Slug, id: Type.String({ maxLength: 40 }) });
const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const Many = Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 500 })]));
const NoticeQuery = Type.Object({ notice: Text(80) });
const csrf = { _csrf: Text(200) };

const many = (value: string | string[] | undefined) => (value === undefined ? [] : (Array.isArray(value) ? value : [value]).filter(Boolean));
const denials = ['signed-out', 'forbidden', 'two-factor-required'];

/** The path parameters every plans page may have (each route's schema has already checked its own). */
interface PageParamsT {
  locale: string;
  slug: string;
  plan: string;
  measure?: string;
}
const paramsOf = (request: FastifyRequest) => request.params as PageParamsT;

function failure(request: FastifyRequest, reply: FastifyReply, error: string) {
  if (denials.includes(error)) return deny(request, reply, error as Denial);
  return reply.callNotFound();
}

function redirect(reply: FastifyReply, path: string, notice?: string) {
  return reply.redirect(notice ? `${path}?notice=${encodeURIComponent(notice)}` : path, 303);
}

async function territoryOf(request: FastifyRequest, slug: string): Promise<Territory | null> {
  const territory = await findTerritory(request.server.database.db, slug);
  if (territory) request.territoryHeader = territoryHeader(territory, request.i18n.locale);
  return territory;
}

const MeasureBody = Type.Object({
  ...csrf,
  goalId: Text(40),
  code: Text(40),
  title: Text(600),
  description: Text(10000),
  departmentId: Text(40),
  owner: Text(300),
  organisationIds: Many,
  challengeIds: Many,
  startsOn: Text(20),
  deadline: Text(20),
  status: Text(20),
  droppedReason: Text(2000),
  progress: Text(10),
});

function measureInput(body: Record<string, string | string[] | undefined>): MeasureInput {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  return {
    goalId: s('goalId'),
    code: s('code'),
    title: s('title'),
    description: s('description'),
    departmentId: s('departmentId'),
    owner: s('owner'),
    organisationIds: many(body.organisationIds),
    challengeIds: many(body.challengeIds),
    startsOn: s('startsOn'),
    deadline: s('deadline'),
    status: s('status') || 'planned',
    droppedReason: s('droppedReason'),
    progress: s('progress'),
  };
}

export const plansPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.database.db;

  // ——— Public ———

  app.get('/t/:slug/plans', { schema: { params: TerritoryParams }, config: { access: 'plans.public.view', cache: 'anonymous' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const plans = await listPublishedPlans(db(), territory.id);
    return reply.render(h(PlansIndexPage, { territory, plans, canEdit: requirePermission(request.actor, 'plans.plan.view', { territoryId: territory.id }).ok }));
  });

  const publicPage = async (request: FastifyRequest, _reply: FastifyReply) => {
    const territory = await territoryOf(request, paramsOf(request).slug);
    if (!territory) return { territory: null, page: null };
    return { territory, page: await publicPlan(db(), territory.id, paramsOf(request).plan) };
  };

  app.get('/t/:slug/plans/:plan', { schema: { params: PlanParams }, config: { access: 'plans.public.view', cache: 'public' } }, async (request, reply) => {
    const { territory, page } = await publicPage(request, reply);
    if (!territory || !page) return reply.callNotFound();
    return reply.render(h(PublicPlanPage, { territory, page, reports: await approvedReports(db(), page.plan.id) }));
  });

  app.get('/t/:slug/plans/:plan/data.csv', { schema: { params: PlanParams }, config: { access: 'plans.public.view', cache: 'public' } }, async (request, reply) => {
    const { territory, page } = await publicPage(request, reply);
    if (!territory || !page) return reply.callNotFound();
    const table = measuresTable(page, request.i18n.locale);
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${territory.slug}-${page.plan.slug}-measures.csv"`)
      .send(writeCsv([table.header, ...table.rows], { lineEnd: 'windows' }));
  });

  app.get('/t/:slug/plans/:plan/data.json', { schema: { params: PlanParams }, config: { access: 'plans.public.view', cache: 'public' } }, async (request, reply) => {
    const { territory, page } = await publicPage(request, reply);
    if (!territory || !page) return reply.callNotFound();
    const table = measuresTable(page, request.i18n.locale);
    return reply.type('application/json; charset=utf-8').send({
      plan: { slug: page.plan.slug, kind: page.plan.kind, title: page.version.snapshot.title, periodFrom: page.version.snapshot.periodFrom, periodTo: page.version.snapshot.periodTo, version: page.version.number },
      goals: page.goals.map((g) => ({ code: g.code, title: g.title })),
      measures: table.rows.map((row) => Object.fromEntries(table.header.map((k, i) => [k, row[i]]))),
      indicators: page.indicators.map((i) => ({ name: i.name, unit: i.unit, source: i.source, baseline: i.baseline, target: i.target, computed: i.computed, measurements: i.points })),
      tracker: page.tracker
        ? {
            note: `Counts from 1 to 4 are null (shown as "< 5").`,
            dates: page.tracker.series.dates,
            series: page.tracker.series.values,
            services: page.tracker.byService.rows.map((id, r) => ({ service: page.tracker!.serviceNames[id]?.default ?? id, open: page.tracker!.byService.cells[r]![0]!.value, addressed: page.tracker!.byService.cells[r]![1]!.value, verified: page.tracker!.byService.cells[r]![2]!.value })),
            shareVerified: page.tracker.shareVerified,
          }
        : null,
      versions: page.versions.map((v) => ({ number: v.number, publishedAt: v.publishedAt, approvers: v.approvers, changes: v.changes })),
    });
  });

  app.get('/t/:slug/plans/:plan/datapackage.json', { schema: { params: PlanParams }, config: { access: 'plans.public.view', cache: 'public' } }, async (request, reply) => {
    const { territory, page } = await publicPage(request, reply);
    if (!territory || !page) return reply.callNotFound();
    const base = `/${request.i18n.locale}/t/${territory.slug}/plans/${page.plan.slug}`;
    const table = measuresTable(page, request.i18n.locale);
    const types: Record<string, string> = { progress: 'integer', findings: 'integer', findings_verified: 'integer', deadline: 'date' };
    return reply.type('application/json; charset=utf-8').send({
      profile: 'tabular-data-package',
      name: `${territory.slug}-${page.plan.slug}`.replace(/[^a-z0-9-]/g, '-'),
      title: page.version.snapshot.title[request.i18n.locale] ?? Object.values(page.version.snapshot.title)[0],
      version: String(page.version.number),
      licenses: [{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/' }],
      resources: [
        {
          name: 'measures',
          path: `${base}/data.csv`,
          profile: 'tabular-data-resource',
          format: 'csv',
          mediatype: 'text/csv',
          schema: { fields: table.header.map((name) => ({ name, type: types[name] ?? 'string' })) },
        },
        { name: 'plan', path: `${base}/data.json`, format: 'json', mediatype: 'application/json' },
      ],
    });
  });

  // ——— Staff: plans ———

  const staffList = async (request: FastifyRequest, reply: FastifyReply, territory: Territory, values: Values = {}, errors: Record<string, string> = {}) => {
    const plans = await listPlans(db(), request.actor, territory.id);
    if (!plans.ok) return failure(request, reply, plans.error);
    reply.header('Cache-Control', 'no-store');
    return reply.render(h(StaffPlansPage, { territory, plans: plans.value, canEdit: requirePermission(request.actor, 'plans.plan.edit', { territoryId: territory.id }).ok, values, errors }), Object.keys(errors).length ? 400 : 200);
  };

  app.get('/t/:slug/plans/staff', { schema: { params: TerritoryParams }, config: { access: 'plans.plan.view' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    return staffList(request, reply, territory);
  });

  const PlanBody = Type.Object({ ...csrf, title: Text(1000), summary: Text(5000), kind: Text(40), periodFrom: Text(20), periodTo: Text(20), approvedBy: Text(40) });
  app.post('/t/:slug/plans/staff', { schema: { params: TerritoryParams, body: PlanBody }, config: { access: 'plans.plan.edit' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const b = request.body;
    const outcome = await createPlan(db(), request.actor, territory.id, { title: b.title ?? '', summary: b.summary ?? '', kind: b.kind ?? '', periodFrom: b.periodFrom ?? '', periodTo: b.periodTo ?? '', approvedBy: b.approvedBy ?? '' });
    if (!outcome.ok) return outcome.error === 'invalid' ? staffList(request, reply, territory, b, outcome.fields) : failure(request, reply, outcome.error);
    return redirect(reply, `/${request.params.locale}/t/${territory.slug}/plans/${outcome.value.slug}/edit`, 'plans.plan.created');
  });

  const editPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: Values; errors?: Record<string, string>; problems?: ImportProblem[]; status?: number } = {},
  ) => {
    const territory = await territoryOf(request, paramsOf(request).slug);
    if (!territory) return reply.callNotFound();
    const detail = await planDetail(db(), request.actor, territory.id, paramsOf(request).plan);
    if (!detail.ok) return failure(request, reply, detail.error);
    const subject = { territoryId: territory.id };
    const plan = detail.value.plan;
    const [options, services, versions, votes, reports] = await Promise.all([measureOptions(db(), territory.id), servicesOf(db(), territory.id), listVersions(db(), plan.id), votesOn(db(), plan), reportsOf(db(), plan.id)]);
    const role = votingRole(plan);
    const canVote = requirePermission(request.actor, 'plans.plan.vote', subject).ok && Boolean(request.actor?.grants.some((g) => g.role === role && (g.scope.kind === 'platform' || g.scope.id === territory.id)));
    reply.header('Cache-Control', 'no-store');
    return reply.render(
      h(PlanEditPage, {
        territory,
        detail: detail.value,
        options,
        services: services.map((s) => ({ id: s.id, name: s.nameTranslations[request.i18n.locale] ?? s.name })),
        versions,
        votes,
        reports,
        reportYears: reportableYears(plan),
        canEdit: requirePermission(request.actor, 'plans.plan.edit', subject).ok,
        canSubmit: requirePermission(request.actor, 'plans.plan.submit', subject).ok,
        canVote,
        myVote: votes.find((x) => x.personId === request.actor?.personId)?.vote ?? null,
        values: extra.values ?? {},
        errors: extra.errors ?? {},
        problems: extra.problems ?? [],
        notice: (request.query as { notice?: string }).notice,
      }),
      extra.status ?? 200,
    );
  };

  app.get('/t/:slug/plans/:plan/edit', { schema: { params: PlanParams, querystring: NoticeQuery }, config: { access: 'plans.plan.view' } }, async (request, reply) => editPage(request, reply));

  /** The plan of a staff form, or a 404 (a plan of another territory does not exist here). */
  const planOf = async (request: FastifyRequest): Promise<{ territory: Territory; detail: PlanDetail } | null> => {
    const territory = await territoryOf(request, paramsOf(request).slug);
    if (!territory) return null;
    const detail = await planDetail(db(), request.actor, territory.id, paramsOf(request).plan);
    return detail.ok ? { territory, detail: detail.value } : null;
  };

  const editPath = (request: FastifyRequest) => `/${paramsOf(request).locale}/t/${paramsOf(request).slug}/plans/${paramsOf(request).plan}/edit`;

  app.post('/t/:slug/plans/:plan/goals', { schema: { params: PlanParams, body: Type.Object({ ...csrf, goalCode: Text(40), goalTitle: Text(1000) }) }, config: { access: 'plans.plan.edit' } }, async (request, reply) => {
    const found = await planOf(request);
    if (!found) return failure(request, reply, request.actor ? 'not-found' : 'signed-out');
    const outcome = await addGoal(db(), request.actor, found.territory.id, found.detail.plan.id, { code: request.body.goalCode ?? '', title: request.body.goalTitle ?? '' });
    if (!outcome.ok) return outcome.fields ? editPage(request, reply, { values: request.body, errors: outcome.fields, status: 400 }) : failure(request, reply, outcome.error);
    return redirect(reply, editPath(request), 'plans.goal.added');
  });

  const IndicatorBody = Type.Object({ ...csrf, name: Text(600), unit: Text(100), source: Text(600), baseline: Text(30), target: Text(30), computation: Text(30), serviceId: Text(40) });
  app.post('/t/:slug/plans/:plan/indicators', { schema: { params: PlanParams, body: IndicatorBody }, config: { access: 'plans.plan.edit' } }, async (request, reply) => {
    const found = await planOf(request);
    if (!found) return failure(request, reply, request.actor ? 'not-found' : 'signed-out');
    const b = request.body;
    const outcome = await addIndicator(db(), request.actor, found.territory.id, found.detail.plan.id, { name: b.name ?? '', unit: b.unit ?? '', source: b.source ?? '', baseline: b.baseline ?? '', target: b.target ?? '', computation: b.computation ?? 'manual', serviceId: b.serviceId ?? '' });
    if (!outcome.ok) return outcome.fields ? editPage(request, reply, { values: b, errors: outcome.fields, status: 400 }) : failure(request, reply, outcome.error);
    return redirect(reply, editPath(request), 'plans.indicator.added');
  });

  app.post(
    '/t/:slug/plans/:plan/indicators/:indicator/measurements',
    { schema: { params: IndicatorParams, body: Type.Record(Type.String({ maxLength: 80 }), Type.String({ maxLength: 1000 })) }, config: { access: 'plans.plan.edit' } },
    async (request, reply) => {
      const found = await planOf(request);
      if (!found) return failure(request, reply, request.actor ? 'not-found' : 'signed-out');
      const id = request.params.indicator;
      const b = request.body;
      const outcome = await addMeasurement(db(), request.actor, found.territory.id, found.detail.plan.id, id, { measuredOn: b[`measuredOn-${id}`] ?? '', value: b[`value-${id}`] ?? '', note: '' });
      if (!outcome.ok) {
        if (!outcome.fields) return failure(request, reply, outcome.error);
        // The field names carry the indicator's id: one form per indicator on the page.
        const errors = Object.fromEntries(Object.entries(outcome.fields).map(([k, v]) => [`${k}-${id}`, v]));
        return editPage(request, reply, { values: b, errors, status: 400 });
      }
      return redirect(reply, editPath(request), 'plans.measurement.added');
    },
  );

  app.post('/t/:slug/plans/:plan/submit', { schema: { params: PlanParams, body: Type.Object(csrf) }, config: { access: 'plans.plan.submit' } }, async (request, reply) => {
    const found = await planOf(request);
    if (!found) return failure(request, reply, request.actor ? 'not-found' : 'signed-out');
    const outcome = await submitForApproval(db(), request.actor, found.territory.id, found.detail.plan.id);
    if (!outcome.ok) return outcome.fields ? editPage(request, reply, { errors: outcome.fields, status: 400 }) : failure(request, reply, outcome.error);
    return redirect(reply, editPath(request), 'plans.approval.submitted');
  });

  app.post('/t/:slug/plans/:plan/votes', { schema: { params: PlanParams, body: Type.Object({ ...csrf, vote: Text(20) }) }, config: { access: 'plans.plan.vote' } }, async (request, reply) => {
    const found = await planOf(request);
    if (!found) return failure(request, reply, request.actor ? 'not-found' : 'signed-out');
    const outcome = await votePlan(db(), request.actor, found.territory.id, found.detail.plan.id, request.body.vote ?? '');
    if (!outcome.ok) return outcome.fields ? editPage(request, reply, { values: request.body, errors: outcome.fields, status: 400 }) : failure(request, reply, outcome.error);
    return redirect(reply, editPath(request), outcome.value.published ? 'plans.approval.published' : 'plans.approval.voted');
  });

  // ——— Yearly follow-up reports ———

  app.post('/t/:slug/plans/:plan/reports', { schema: { params: PlanParams, body: Type.Object({ ...csrf, year: Text(10) }) }, config: { access: 'plans.plan.submit' } }, async (request, reply) => {
    const found = await planOf(request);
    if (!found) return failure(request, reply, request.actor ? 'not-found' : 'signed-out');
    const outcome = await submitReport(db(), request.actor, found.territory.id, found.detail.plan.id, request.body.year ?? '');
    if (!outcome.ok) return outcome.fields ? editPage(request, reply, { values: request.body, errors: outcome.fields, status: 400 }) : failure(request, reply, outcome.error);
    return redirect(reply, `/${request.params.locale}/t/${request.params.slug}/plans/${request.params.plan}/reports/${outcome.value.year}`, 'plans.report.submitted');
  });

  /** A report: anyone reads an approved one; one in review only those who see the plan's drafts. */
  const reportOf = async (request: FastifyRequest) => {
    const params = request.params as PageParamsT & { year: string };
    const territory = await territoryOf(request, params.slug);
    if (!territory) return null;
    const row = await findPlan(db(), territory.id, params.plan);
    if (!row) return null;
    const report = await findReport(db(), row.id, Number(params.year));
    if (!report) return null;
    return { territory, plan: row, report };
  };

  const reportPage = async (request: FastifyRequest, reply: FastifyReply, extra: { errors?: Record<string, string>; status?: number } = {}) => {
    const found = await reportOf(request);
    if (!found) return reply.callNotFound();
    const subject = { territoryId: found.territory.id };
    if (found.report.status !== 'approved') {
      const allowed = requirePermission(request.actor, 'plans.plan.view', subject);
      // A report not yet approved does not exist for those who may not see drafts (signed in or not).
      if (!allowed.ok) return reply.callNotFound();
      reply.header('Cache-Control', 'no-store');
    }
    const role = votingRole(found.plan);
    const canVote = requirePermission(request.actor, 'plans.plan.vote', subject).ok && Boolean(request.actor?.grants.some((g) => g.role === role && (g.scope.kind === 'platform' || g.scope.id === found.territory.id)));
    const votes = found.report.status === 'review' && requirePermission(request.actor, 'plans.plan.view', subject).ok ? await reportVotes(db(), found.report.id) : [];
    return reply.render(
      h(ReportPage, {
        territory: found.territory,
        plan: found.plan,
        report: found.report,
        votes,
        canVote,
        myVote: votes.find((x) => x.personId === request.actor?.personId)?.vote ?? null,
        errors: extra.errors ?? {},
        notice: (request.query as { notice?: string }).notice,
      }),
      extra.status ?? 200,
    );
  };

  app.get('/t/:slug/plans/:plan/reports/:year', { schema: { params: YearParams, querystring: NoticeQuery }, config: { access: 'plans.public.view' } }, async (request, reply) => reportPage(request, reply));

  app.get('/t/:slug/plans/:plan/reports/:year/pdf', { schema: { params: YearParams }, config: { access: 'plans.public.view' } }, async (request, reply) => {
    const found = await reportOf(request);
    if (!found || found.report.status !== 'approved') return reply.callNotFound();
    const pagePath = `/${request.params.locale}/t/${found.territory.slug}/plans/${found.plan.slug}/reports/${found.report.year}`;
    const pdf = await reportPdf(db(), found.report, request.i18n.locale, async () => ({
      html: reply.renderHtml(h(ReportPage, { territory: found.territory, plan: found.plan, report: found.report, votes: [], canVote: false, myVote: null, errors: {} })),
      path: pagePath,
    }));
    return reply
      .type('application/pdf')
      .header('Content-Disposition', `attachment; filename="${found.territory.slug}-${found.plan.slug}-report-${found.report.year}-${request.i18n.locale}.pdf"`)
      .send(pdf);
  });

  app.post('/t/:slug/plans/:plan/reports/:year/votes', { schema: { params: YearParams, body: Type.Object({ ...csrf, vote: Text(20) }) }, config: { access: 'plans.plan.vote' } }, async (request, reply) => {
    const found = await reportOf(request);
    if (!found) return reply.callNotFound();
    const outcome = await voteReport(db(), request.actor, found.territory.id, found.plan.id, found.report.year, request.body.vote ?? '');
    if (!outcome.ok) return outcome.fields ? reportPage(request, reply, { errors: outcome.fields, status: 400 }) : failure(request, reply, outcome.error);
    return redirect(reply, `/${request.params.locale}/t/${request.params.slug}/plans/${request.params.plan}/reports/${found.report.year}`, outcome.value.approved ? 'plans.report.approvedNotice' : 'plans.approval.voted');
  });

  // ——— Co-production: member organisations' proposals and comments ———

  const contributePage = async (request: FastifyRequest, reply: FastifyReply, extra: { values?: Values; errors?: Record<string, string>; status?: number } = {}) => {
    const territory = await territoryOf(request, paramsOf(request).slug);
    if (!territory) return reply.callNotFound();
    const draft = await draftForOrganisations(db(), request.actor, territory.id, paramsOf(request).plan);
    if (!draft.ok) return failure(request, reply, draft.error);
    reply.header('Cache-Control', 'no-store');
    return reply.render(h(ContributePage, { territory, draft: draft.value, values: extra.values ?? {}, errors: extra.errors ?? {}, notice: (request.query as { notice?: string }).notice }), extra.status ?? 200);
  };
  const contributePath = (request: FastifyRequest) => `/${paramsOf(request).locale}/t/${paramsOf(request).slug}/plans/${paramsOf(request).plan}/contribute`;

  app.get('/t/:slug/plans/:plan/contribute', { schema: { params: PlanParams, querystring: NoticeQuery }, config: { access: 'plans.contribution.make' } }, async (request, reply) => contributePage(request, reply));

  app.post(
    '/t/:slug/plans/:plan/contribute',
    { schema: { params: PlanParams, body: Type.Object({ ...csrf, organisationId: Text(40), goalId: Text(40), title: Text(300), body: Text(8000), challengeIds: Many }) }, config: { access: 'plans.contribution.make' } },
    async (request, reply) => {
      const territory = await territoryOf(request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const b = request.body;
      const outcome = await contribute(db(), request.actor, territory.id, request.params.plan, { kind: 'proposal', organisationId: b.organisationId ?? '', goalId: b.goalId ?? '', measureId: '', title: b.title ?? '', body: b.body ?? '', challengeIds: many(b.challengeIds) });
      if (!outcome.ok) return outcome.fields ? contributePage(request, reply, { values: b, errors: outcome.fields, status: 400 }) : failure(request, reply, outcome.error);
      return redirect(reply, contributePath(request), 'plans.contribution.proposed');
    },
  );

  app.post('/t/:slug/plans/:plan/contribute/measures/:measure', { schema: { params: MeasureParams, body: Type.Record(Type.String({ maxLength: 80 }), Type.Union([Type.String({ maxLength: 8000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 500 })])) }, config: { access: 'plans.contribution.make' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const b = request.body;
    const m = request.params.measure;
    const s = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
    const outcome = await contribute(db(), request.actor, territory.id, request.params.plan, { kind: 'comment', organisationId: s(`organisationId-${m}`), goalId: '', measureId: m, title: '', body: s(`body-${m}`), challengeIds: many(b[`challengeIds-${m}`]) });
    if (!outcome.ok) return outcome.fields ? contributePage(request, reply, { values: b, errors: outcome.fields, status: 400 }) : failure(request, reply, outcome.error);
    return redirect(reply, contributePath(request), 'plans.contribution.commented');
  });

  const contributionsPage = async (request: FastifyRequest, reply: FastifyReply, extra: { values?: Values; errors?: Record<string, string>; status?: number } = {}) => {
    const found = await planOf(request);
    if (!found) return failure(request, reply, request.actor ? 'not-found' : 'signed-out');
    const rows = await contributionsOf(db(), request.actor, found.territory.id, found.detail.plan.id);
    if (!rows.ok) return failure(request, reply, rows.error);
    const options = await measureOptions(db(), found.territory.id);
    reply.header('Cache-Control', 'no-store');
    return reply.render(
      h(ContributionsStaffPage, {
        territory: found.territory,
        plan: found.detail.plan,
        rows: rows.value,
        options,
        measures: found.detail.measures.map((x) => ({ id: x.id, label: `${x.code} ${x.title[request.i18n.locale] ?? Object.values(x.title).find(Boolean) ?? ''}` })),
        canEdit: requirePermission(request.actor, 'plans.plan.edit', { territoryId: found.territory.id }).ok,
        values: extra.values ?? {},
        errors: extra.errors ?? {},
        notice: (request.query as { notice?: string }).notice,
      }),
      extra.status ?? 200,
    );
  };
  const contributionsPath = (request: FastifyRequest) => `/${paramsOf(request).locale}/t/${paramsOf(request).slug}/plans/${paramsOf(request).plan}/contributions`;
  const AnswerParams = Type.Object({ locale: Type.String(), slug: Slug, plan: Slug, id: Type.String({ maxLength: 40 }) });
  const AnswerBody = Type.Record(Type.String({ maxLength: 80 }), Type.String({ maxLength: 2000 }));

  app.get('/t/:slug/plans/:plan/contributions', { schema: { params: PlanParams, querystring: NoticeQuery }, config: { access: 'plans.plan.view' } }, async (request, reply) => contributionsPage(request, reply));

  app.post('/t/:slug/plans/:plan/contributions/:id/accept', { schema: { params: AnswerParams, body: AnswerBody }, config: { access: 'plans.plan.edit' } }, async (request, reply) => {
    const found = await planOf(request);
    if (!found) return failure(request, reply, request.actor ? 'not-found' : 'signed-out');
    const id = request.params.id;
    const b = request.body;
    const outcome = await acceptProposal(db(), request.actor, found.territory.id, found.detail.plan.id, id, { code: b[`code-${id}`] ?? '', departmentId: b[`departmentId-${id}`] ?? '', owner: b[`owner-${id}`] ?? '', deadline: b[`deadline-${id}`] ?? '' });
    if (!outcome.ok) return outcome.fields ? contributionsPage(request, reply, { values: b, errors: outcome.fields, status: 400 }) : failure(request, reply, outcome.error);
    return redirect(reply, contributionsPath(request), 'plans.contribution.accepted');
  });

  app.post('/t/:slug/plans/:plan/contributions/:id/decline', { schema: { params: AnswerParams, body: AnswerBody }, config: { access: 'plans.plan.edit' } }, async (request, reply) => {
    const found = await planOf(request);
    if (!found) return failure(request, reply, request.actor ? 'not-found' : 'signed-out');
    const id = request.params.id;
    const outcome = await declineProposal(db(), request.actor, found.territory.id, found.detail.plan.id, id, request.body[`reason-${id}`] ?? '');
    if (!outcome.ok) return outcome.fields ? contributionsPage(request, reply, { values: request.body, errors: outcome.fields, status: 400 }) : failure(request, reply, outcome.error);
    return redirect(reply, contributionsPath(request), 'plans.contribution.declined');
  });

  app.get('/t/:slug/plans/:plan/decidim.csv', { schema: { params: PlanParams }, config: { access: 'plans.plan.view' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const t = request.i18n.t;
    const locales = territory.settings.languages?.length ? territory.settings.languages : ['ca', 'es', 'en'];
    const outcome = await exportDecidim(db(), request.actor, territory.id, request.params.plan, locales, (status: MeasureStatus) => t(`plans.status.${status}`));
    if (!outcome.ok) return failure(request, reply, outcome.error);
    return reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${territory.slug}-${request.params.plan}-decidim-results.csv"`).send(outcome.value);
  });

  app.post('/t/:slug/plans/:plan/import', { schema: { params: PlanParams, body: Type.Object({ ...csrf, departmentId: Text(40), file: Text(400_000) }) }, config: { access: 'plans.plan.edit' } }, async (request, reply) => {
    const found = await planOf(request);
    if (!found) return failure(request, reply, request.actor ? 'not-found' : 'signed-out');
    const outcome = await importDecidim(db(), request.actor, found.territory.id, found.detail.plan.id, { text: request.body.file ?? '', departmentId: request.body.departmentId ?? '' });
    if (!outcome.ok) return outcome.fields ? editPage(request, reply, { values: request.body, errors: outcome.fields, problems: outcome.problems ?? [], status: 400 }) : failure(request, reply, outcome.error);
    return redirect(reply, editPath(request), 'plans.decidim.imported');
  });

  // ——— Staff: measures ———

  const measurePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: Values; errors?: Record<string, string>; status?: number } = {},
  ) => {
    const found = await planOf(request);
    if (!found) return failure(request, reply, request.actor ? 'not-found' : 'signed-out');
    const { territory, detail } = found;
    const measure = paramsOf(request).measure ? (detail.measures.find((m) => m.id === paramsOf(request).measure) ?? null) : null;
    if (paramsOf(request).measure && !measure) return reply.callNotFound();
    const subject = { territoryId: territory.id };
    const options = await measureOptions(db(), territory.id);
    const findings = measure ? await findingsByIds(db(), territory.id, measure.findingIds) : [];
    const states = measure ? findingStates(measure, findings, measure.verifications) : new Map();
    let laterVisits: { id: string; scheduledOn: string; place: string }[] = [];
    if (measure && findings.length > 0) {
      const serviceIds = [...new Set(findings.map((f) => f.serviceId))];
      const facilities = new Map((await facilitiesOf(db(), territory.id, serviceIds)).map((f) => [f.id, f.name]));
      for (const serviceId of serviceIds) {
        const visits = await submittedVisitsAfter(db(), territory.id, serviceId, measure.deadline);
        const places = new Set(findings.filter((f) => f.serviceId === serviceId).map((f) => f.facilityId));
        laterVisits.push(...visits.filter((x) => places.has(null) || places.has(x.facilityId)).map((x) => ({ id: x.id, scheduledOn: x.scheduledOn, place: facilities.get(x.facilityId) ?? '' })));
      }
      laterVisits = laterVisits.slice(0, 200);
    }
    const recorded = measure ? await visitsById(db(), territory.id, [...new Set(measure.verifications.map((v) => v.visitId))]) : [];
    const placeNames = new Map((recorded.length ? await facilitiesOf(db(), territory.id) : []).map((f) => [f.id, f.name]));
    const followUpVisits = new Map(recorded.map((v) => [v.id, { scheduledOn: v.scheduledOn, place: placeNames.get(v.facilityId) ?? '' }]));
    const values: Values = extra.values ?? (measure
      ? { ...measure, title: measure.title[request.i18n.locale] ?? Object.values(measure.title)[0] ?? '', description: measure.description[request.i18n.locale] ?? Object.values(measure.description)[0] ?? '', startsOn: measure.startsOn ?? '', droppedReason: measure.droppedReason ?? '', progress: measure.progress === null ? '' : String(measure.progress) }
      : {}) as Values;
    reply.header('Cache-Control', 'no-store');
    return reply.render(
      h(MeasurePage, {
        territory,
        plan: detail.plan,
        goals: detail.goals,
        options,
        measure,
        findings: findings.map((f) => ({ ...f, state: states.get(f.id) ?? 'not-yet-solved' })),
        canEdit: requirePermission(request.actor, 'plans.plan.edit', subject).ok,
        canVerify: requirePermission(request.actor, 'plans.verification.manage', subject).ok,
        laterVisits,
        followUpVisits,
        values,
        errors: extra.errors ?? {},
        notice: (request.query as { notice?: string }).notice,
      }),
      extra.status ?? 200,
    );
  };

  app.get('/t/:slug/plans/:plan/measures/new', { schema: { params: PlanParams }, config: { access: 'plans.plan.edit' } }, async (request, reply) => measurePage(request, reply));
  app.get('/t/:slug/plans/:plan/measures/:measure', { schema: { params: MeasureParams, querystring: NoticeQuery }, config: { access: 'plans.plan.view' } }, async (request, reply) => measurePage(request, reply));

  const saveHandler = async (request: FastifyRequest, reply: FastifyReply) => {
    const found = await planOf(request);
    if (!found) return failure(request, reply, request.actor ? 'not-found' : 'signed-out');
    const outcome = await saveMeasure(db(), request.actor, found.territory.id, found.detail.plan.id, paramsOf(request).measure ?? null, measureInput(request.body as Record<string, string | string[] | undefined>));
    if (!outcome.ok) return outcome.fields ? measurePage(request, reply, { values: request.body as Values, errors: outcome.fields, status: 400 }) : failure(request, reply, outcome.error);
    return redirect(reply, `/${paramsOf(request).locale}/t/${paramsOf(request).slug}/plans/${paramsOf(request).plan}/measures/${outcome.value.id}`, 'plans.measure.saved');
  };
  app.post('/t/:slug/plans/:plan/measures/new', { schema: { params: PlanParams, body: MeasureBody }, config: { access: 'plans.plan.edit' } }, saveHandler);
  app.post('/t/:slug/plans/:plan/measures/:measure', { schema: { params: MeasureParams, body: MeasureBody }, config: { access: 'plans.plan.edit' } }, saveHandler);

  const measurePath = (p: { locale: string; slug: string; plan: string; measure: string }) => `/${p.locale}/t/${p.slug}/plans/${p.plan}/measures/${p.measure}`;

  app.post('/t/:slug/plans/:plan/measures/:measure/actions', { schema: { params: MeasureParams, body: Type.Object({ ...csrf, actionTitle: Text(1000) }) }, config: { access: 'plans.plan.edit' } }, async (request, reply) => {
    const found = await planOf(request);
    if (!found) return failure(request, reply, request.actor ? 'not-found' : 'signed-out');
    const outcome = await addAction(db(), request.actor, found.territory.id, found.detail.plan.id, request.params.measure, request.body.actionTitle ?? '');
    if (!outcome.ok) return outcome.fields ? measurePage(request, reply, { values: request.body, errors: outcome.fields, status: 400 }) : failure(request, reply, outcome.error);
    return redirect(reply, measurePath(request.params), 'plans.action.added');
  });

  app.post('/t/:slug/plans/:plan/measures/:measure/actions/:action', { schema: { params: ActionParams, body: Type.Object({ ...csrf, done: Text(5) }) }, config: { access: 'plans.plan.edit' } }, async (request, reply) => {
    const found = await planOf(request);
    if (!found) return failure(request, reply, request.actor ? 'not-found' : 'signed-out');
    const outcome = await setActionDone(db(), request.actor, found.territory.id, found.detail.plan.id, request.params.action, request.body.done === 'yes');
    if (!outcome.ok) return outcome.fields ? measurePage(request, reply, { errors: outcome.fields, status: 400 }) : failure(request, reply, outcome.error);
    return redirect(reply, measurePath(request.params), 'plans.action.saved');
  });

  app.post(
    '/t/:slug/plans/:plan/measures/:measure/follow-ups',
    { schema: { params: MeasureParams, body: Type.Object({ ...csrf, findingId: Text(40), visitId: Text(40) }) }, config: { access: 'plans.verification.manage' } },
    async (request, reply) => {
      const found = await planOf(request);
      if (!found) return failure(request, reply, request.actor ? 'not-found' : 'signed-out');
      const outcome = await recordFollowUp(db(), request.actor, found.territory.id, { measureId: request.params.measure, findingId: request.body.findingId ?? '', visitId: request.body.visitId ?? '' });
      if (!outcome.ok) return outcome.fields ? measurePage(request, reply, { values: request.body, errors: outcome.fields, status: 400 }) : failure(request, reply, outcome.error);
      return redirect(reply, measurePath(request.params), outcome.value.status === 'pending' ? 'plans.verification.recorded' : 'plans.verification.notYetSolved');
    },
  );

  app.post('/t/:slug/follow-ups/:id/validate', { schema: { params: IdParams, body: Type.Object(csrf) }, config: { access: 'plans.verification.manage' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const outcome = await validateFollowUp(db(), request.actor, territory.id, request.params.id);
    if (!outcome.ok && !outcome.fields) return failure(request, reply, outcome.error);
    // Back to the measure, with the reason beside the follow-ups when it failed.
    const place = await followUpPlace(db(), territory.id, request.params.id);
    if (!place) return reply.callNotFound();
    const path = `/${request.params.locale}/t/${territory.slug}/plans/${place.planSlug}/measures/${place.measureId}`;
    if (!outcome.ok) {
      // The measure's page again, with the reason beside its follow-ups.
      const measureRequest = request as unknown as FastifyRequest;
      Object.assign(paramsOf(measureRequest), { plan: place.planSlug, measure: place.measureId });
      return measurePage(measureRequest, reply, { errors: outcome.fields!, status: 400 });
    }
    return redirect(reply, path, 'plans.verification.verified');
  });

  // ——— Recommendations ———

  const recommendationsPage = async (request: FastifyRequest, reply: FastifyReply, extra: { values?: Values; errors?: Record<string, string>; answering?: string | null; status?: number } = {}) => {
    const territory = await territoryOf(request, paramsOf(request).slug);
    if (!territory) return reply.callNotFound();
    const listed = await listRecommendations(db(), request.actor, territory.id);
    if (!listed.ok) return failure(request, reply, listed.error);
    const candidates = await recommendationCandidates(db(), request.actor, territory.id);
    const canPropose = candidates.ok;
    const plans = canPropose ? await listPlans(db(), request.actor, territory.id) : { ok: true as const, value: [] };
    const withGoals = [];
    for (const p of plans.ok ? plans.value : []) {
      const detail = await planDetail(db(), request.actor, territory.id, p.slug);
      if (detail.ok) withGoals.push({ ...p, goals: detail.value.goals });
    }
    const services = await servicesOf(db(), territory.id);
    const allFindingIds = [...new Set(listed.value.rows.flatMap((r) => r.findingIds))];
    const titles = new Map((await findingsByIds(db(), territory.id, allFindingIds)).map((f) => [f.id, f.title]));
    reply.header('Cache-Control', 'no-store');
    return reply.render(
      h(RecommendationsPage, {
        territory,
        rows: listed.value.rows,
        mayAnswer: listed.value.mayAnswer,
        canPropose,
        candidates: candidates.ok ? candidates.value.findings : [],
        diagnosisNumber: candidates.ok ? candidates.value.diagnosisNumber : null,
        plans: withGoals,
        serviceNames: new Map(services.map((s) => [s.id, s.nameTranslations[request.i18n.locale] ?? s.name])),
        facilityNames: new Map((await facilitiesOf(db(), territory.id)).map((f) => [f.id, f.name])),
        findingTitles: titles,
        values: extra.values ?? {},
        errors: extra.errors ?? {},
        answering: extra.answering ?? null,
        notice: (request.query as { notice?: string }).notice,
      }),
      extra.status ?? 200,
    );
  };

  app.get('/t/:slug/recommendations', { schema: { params: TerritoryParams, querystring: NoticeQuery }, config: { access: 'plans.plan.view' } }, async (request, reply) => recommendationsPage(request, reply));

  app.post(
    '/t/:slug/recommendations',
    { schema: { params: TerritoryParams, body: Type.Object({ ...csrf, target: Text(100), findingIds: Many, body: Text(8000) }) }, config: { access: 'plans.recommendation.propose' } },
    async (request, reply) => {
      const territory = await territoryOf(request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const [planId = '', goalId = ''] = (request.body.target ?? '').split(':');
      const outcome = await proposeRecommendation(db(), request.actor, territory.id, { planId, goalId, findingIds: many(request.body.findingIds), body: request.body.body ?? '' });
      if (!outcome.ok) return outcome.fields ? recommendationsPage(request, reply, { values: request.body, errors: outcome.fields, status: 400 }) : failure(request, reply, outcome.error);
      return redirect(reply, `/${request.params.locale}/t/${territory.slug}/recommendations`, 'plans.recommendations.proposed');
    },
  );

  app.post(
    '/t/:slug/recommendations/:id/answer',
    { schema: { params: IdParams, body: Type.Record(Type.String({ maxLength: 80 }), Type.String({ maxLength: 4000 })) }, config: { access: 'plans.recommendation.answer' } },
    async (request, reply) => {
      const territory = await territoryOf(request, request.params.slug);
      if (!territory) return reply.callNotFound();
      // The fields' names carry the recommendation's id (one form per recommendation on the page).
      const id = request.params.id;
      const b = request.body;
      const field = (name: string) => b[`${name}-${id}`] ?? '';
      const outcome = await answerRecommendation(db(), request.actor, territory.id, id, { decision: field('decision'), plannedOn: field('plannedOn'), owner: field('owner'), reason: field('reason') });
      if (!outcome.ok) {
        if (!outcome.fields) return failure(request, reply, outcome.error);
        const errors = Object.fromEntries(Object.entries(outcome.fields).map(([k, v]) => [`${k}-${id}`, v]));
        return recommendationsPage(request, reply, { values: b, errors, answering: id, status: 400 });
      }
      return redirect(reply, `/${request.params.locale}/t/${territory.slug}/recommendations`, outcome.value.status === 'accepted' ? 'plans.recommendations.accepted' : 'plans.recommendations.declined');
    },
  );
};
