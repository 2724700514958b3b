// Findings pages: list, propose (from a visit's answers), detail with lifecycle and managers' answers.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { requirePermission } from '../../../platform/auth/permissions.ts';
import { listAreas } from '../../territories/territory.service.ts';
import type { Territory } from '../../territories/territory.service.ts';
import type { Db } from '../../../platform/db/client.ts';
import { facilitiesOf, servicesOf } from '../../catalogue/catalogue.service.ts';
import { changeFindingStatus, findingDetail, findingListDefaults, findingSorts, listFindingsPage, proposeFinding, reviseFinding } from './finding.service.ts';
import { visitForReview } from '../fieldwork/fieldwork.service.ts';
import { listQueryFields, parseListQuery } from '../../../platform/views/list-query.ts';
import { FindingPage, FindingsPage, NewFindingPage, type FindingForm, type FindingLookups } from './finding.views.tsx';
import { audits, failed, field, fields, FormBody, groundsOf, territoryFor, TerritoryParams, Uuid } from '../audits.http.ts';
import { findingStatuses, type FindingStatus } from '../audit.schema.ts';
import { respondToFinding } from './finding.service.ts';

const FindingParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), findingId: Uuid });

async function lookupsOf(db: Db, territory: Territory): Promise<FindingLookups> {
  const [services, facilities, districts] = await Promise.all([servicesOf(db, territory.id), facilitiesOf(db, territory.id), listAreas(db, territory.id, 'district')]);
  return { services, facilities, districts };
}

export const findingPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get(
    '/t/:slug/audits/findings',
    {
      schema: {
        params: TerritoryParams,
        querystring: Type.Object({ ...listQueryFields, status: Type.Optional(Type.String({ maxLength: 20 })), serviceId: Type.Optional(Type.String({ maxLength: 36 })), campaignId: Type.Optional(Type.String({ maxLength: 36 })) }),
      },
      config: { access: 'audits.finding.view' },
    },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return reply.callNotFound();
      const status = findingStatuses.includes(request.query.status as FindingStatus) ? (request.query.status as FindingStatus) : undefined;
      const serviceId = request.query.serviceId || undefined;
      const campaignId = request.query.campaignId || undefined;
      const list = parseListQuery(request.query, { sorts: findingSorts, defaultSort: findingListDefaults.sort, defaultDir: findingListDefaults.dir });
      const result = await listFindingsPage(db, request.actor, territory.id, { status, serviceId, campaignId }, list);
      if (!result.ok) return failed(request, reply, result.error);
      const mayPropose = requirePermission(request.actor, 'audits.finding.manage', { territoryId: territory.id }).ok;
      return reply.render(h(FindingsPage, { slug: territory.slug, page: result.value, list, lookups: await lookupsOf(db, territory), filter: { status, serviceId, campaignId }, mayPropose }));
    },
  );

  app.get(
    '/t/:slug/audits/findings/new',
    { schema: { params: TerritoryParams, querystring: Type.Object({ visit: Type.Optional(Type.String({ maxLength: 36 })) }) }, config: { access: 'audits.finding.manage' } },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return reply.callNotFound();
      if (!requirePermission(request.actor, 'audits.finding.manage', { territoryId: territory.id }).ok) return failed(request, reply, 'forbidden');
      let visit = null;
      if (request.query.visit) {
        const found = await visitForReview(db, request.actor, territory.id, request.query.visit);
        if (!found.ok) return failed(request, reply, found.error);
        visit = found.value;
      }
      const values: FindingForm = { month: visit ? visit.visit.scheduledOn.slice(0, 7) : new Date().toISOString().slice(0, 7) };
      return reply.render(h(NewFindingPage, { slug: territory.slug, lookups: await lookupsOf(db, territory), grounds: groundsOf(territory), visit, values, errors: {} }));
    },
  );

  app.post('/t/:slug/audits/findings', { schema: { params: TerritoryParams, body: FormBody }, config: { access: 'audits.finding.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const visitId = field(body, 'visitId');
    const visit = visitId ? await visitForReview(db, request.actor, territory.id, visitId) : null;
    if (visit && !visit.ok) return failed(request, reply, visit.error);
    const values: FindingForm = {
      serviceId: field(body, 'serviceId'),
      facilityId: field(body, 'facilityId'),
      title: field(body, 'title'),
      dimension: field(body, 'dimension'),
      grounds: fields(body, 'grounds'),
      severity: field(body, 'severity'),
      month: field(body, 'month').trim(),
      description: field(body, 'description'),
      evidence: field(body, 'evidence'),
      answers: fields(body, 'answers'),
    };
    const result = await proposeFinding(
      db,
      request.actor,
      {
        territoryId: territory.id,
        campaignId: visit?.ok ? visit.value.visit.campaignId : null,
        serviceId: values.serviceId!,
        facilityId: values.facilityId || null,
        dimension: values.dimension!,
        grounds: values.grounds!,
        severity: Number(values.severity),
        title: values.title!,
        description: values.description,
        evidence: values.evidence,
        month: values.month!,
        barrier: values.answers!.length === 1 ? values.answers![0] : null,
        linkedAnswers: visit?.ok ? values.answers!.map((itemName) => ({ visitId: visit.value.visit.id, itemName })) : [],
      },
      groundsOf(territory),
    );
    if (!result.ok && result.error === 'invalid') {
      return reply.render(h(NewFindingPage, { slug: territory.slug, lookups: await lookupsOf(db, territory), grounds: groundsOf(territory), visit: visit?.ok ? visit.value : null, values, errors: result.fields ?? {} }), 400);
    }
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, `/findings/${result.value.id}`), 303);
  });

  app.get('/t/:slug/audits/findings/:findingId', { schema: { params: FindingParams }, config: { access: 'audits.finding.view' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const detail = await findingDetail(db, request.actor, territory.id, request.params.findingId);
    if (!detail.ok) return failed(request, reply, detail.error);
    return reply.render(h(FindingPage, { slug: territory.slug, detail: detail.value, lookups: await lookupsOf(db, territory), grounds: groundsOf(territory), errors: {}, values: {} }));
  });

  app.post('/t/:slug/audits/findings/:findingId/status', { schema: { params: FindingParams, body: FormBody }, config: { access: 'audits.finding.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const values = { to: field(body, 'to'), reason: field(body, 'reason'), verifiedByVisitId: field(body, 'verifiedByVisitId').trim() };
    const to = findingStatuses.includes(values.to as FindingStatus) ? (values.to as FindingStatus) : null;
    const result = to
      ? await changeFindingStatus(db, request.actor, { territoryId: territory.id, findingId: request.params.findingId, to, reason: values.reason, verifiedByVisitId: values.verifiedByVisitId || null })
      : ({ ok: false, error: 'invalid', fields: { to: 'audits.finding.errors.chooseStatus' } } as const);
    if (!result.ok && result.fields) {
      const detail = await findingDetail(db, request.actor, territory.id, request.params.findingId);
      if (!detail.ok) return failed(request, reply, detail.error);
      return reply.render(h(FindingPage, { slug: territory.slug, detail: detail.value, lookups: await lookupsOf(db, territory), grounds: groundsOf(territory), errors: result.fields, values }), 400);
    }
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, `/findings/${result.value.id}`), 303);
  });

  app.post('/t/:slug/audits/findings/:findingId/responses', { schema: { params: FindingParams, body: FormBody }, config: { access: 'audits.finding.respond' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = field(request.body as Record<string, unknown>, 'body');
    const result = await respondToFinding(db, request.actor, { territoryId: territory.id, findingId: request.params.findingId, body });
    if (!result.ok && result.fields) {
      const detail = await findingDetail(db, request.actor, territory.id, request.params.findingId);
      if (!detail.ok) return failed(request, reply, detail.error);
      return reply.render(h(FindingPage, { slug: territory.slug, detail: detail.value, lookups: await lookupsOf(db, territory), grounds: groundsOf(territory), errors: result.fields, values: { body } }), 400);
    }
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, `/findings/${request.params.findingId}`), 303);
  });

  app.post('/t/:slug/audits/findings/:findingId/revise', { schema: { params: FindingParams, body: FormBody }, config: { access: 'audits.finding.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const reviseReason = field(body, 'reviseReason');
    const result = await reviseFinding(
      db,
      request.actor,
      { territoryId: territory.id, findingId: request.params.findingId, severity: Number(field(body, 'severity')), grounds: fields(body, 'grounds'), dimension: field(body, 'dimension'), reason: reviseReason },
      groundsOf(territory),
    );
    if (!result.ok && result.fields) {
      const detail = await findingDetail(db, request.actor, territory.id, request.params.findingId);
      if (!detail.ok) return failed(request, reply, detail.error);
      const { reason, ...rest } = result.fields;
      const errors = { ...rest, ...(reason ? { reviseReason: reason } : {}) };
      return reply.render(h(FindingPage, { slug: territory.slug, detail: detail.value, lookups: await lookupsOf(db, territory), grounds: groundsOf(territory), errors, values: { reviseReason } }), 400);
    }
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, `/findings/${request.params.findingId}`), 303);
  });
};
