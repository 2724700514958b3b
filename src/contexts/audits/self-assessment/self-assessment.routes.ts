// Self-assessment pages: a service's staff answer the citizen audit's questionnaire for their facilities,
// send it, and compare their answers with the citizens' and the score cards'.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { requirePermission } from '../../../platform/auth/permissions.ts';
import type { FieldErrors } from '../../../platform/views/forms.tsx';
import type { Territory } from '../../territories/territory.service.ts';
import { createSelfAssessment, listSelfAssessments, saveStaffSheet, selfAssessmentComparison, selfAssessmentDetail, staffSheet, submitStaffSheet } from './self-assessment.service.ts';
import { SelfAssessmentPage, SelfAssessmentsPage, selfAssessmentsPath, StaffCheckPage, StaffSheetPage } from './self-assessment.views.tsx';
import { ComparisonPage } from './comparison.views.tsx';
import { failed, field, fields, FormBody, territoryFor, TerritoryParams, Uuid } from '../audits.http.ts';

const Params = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), id: Uuid });
const FacilityParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), id: Uuid, facilityId: Uuid });
type Values = Record<string, string | string[]>;
const formValues = (body: Record<string, unknown>): Values => Object.fromEntries(Object.entries(body).filter(([k, v]) => k !== '_csrf' && (typeof v === 'string' || Array.isArray(v)))) as Values;

export const selfAssessmentPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  const listPage = async (request: FastifyRequest, reply: FastifyReply, territory: Territory, values: Values, errors: FieldErrors) => {
    const result = await listSelfAssessments(db, request.actor, territory.id);
    if (!result.ok) return failed(request, reply, result.error);
    const mayCreate = requirePermission(request.actor, 'audits.selfAssessment.create', { territoryId: territory.id }).ok;
    return reply.render(h(SelfAssessmentsPage, { slug: territory.slug, data: result.value, mayCreate, values, errors }), Object.keys(errors).length ? 400 : 200);
  };

  app.get('/t/:slug/audits/self-assessments', { schema: { params: TerritoryParams }, config: { access: 'audits.selfAssessment.view' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    return listPage(request, reply, territory, {}, {});
  });

  app.post('/t/:slug/audits/self-assessments', { schema: { params: TerritoryParams, body: FormBody }, config: { access: 'audits.selfAssessment.create' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const created = await createSelfAssessment(db, request.actor, {
      territoryId: territory.id,
      title: field(body, 'title'),
      serviceId: field(body, 'serviceId'),
      facilityIds: fields(body, 'facilityIds'),
      instrumentVersionId: field(body, 'instrumentVersionId'),
      startsOn: field(body, 'startsOn'),
      endsOn: field(body, 'endsOn'),
    });
    if (!created.ok && created.fields) return listPage(request, reply, territory, formValues(body), created.fields);
    if (!created.ok) return failed(request, reply, created.error);
    return reply.redirect(selfAssessmentsPath(request.params.locale, territory.slug, `/${created.value.id}`), 303);
  });

  app.get('/t/:slug/audits/self-assessments/:id', { schema: { params: Params }, config: { access: 'audits.selfAssessment.view' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const result = await selfAssessmentDetail(db, request.actor, territory.id, request.params.id);
    if (!result.ok) return failed(request, reply, result.error);
    return reply.render(h(SelfAssessmentPage, { slug: territory.slug, detail: result.value }));
  });

  app.get('/t/:slug/audits/self-assessments/:id/comparison', { schema: { params: Params }, config: { access: 'audits.selfAssessment.view' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const result = await selfAssessmentComparison(db, request.actor, territory.id, request.params.id);
    if (!result.ok) return failed(request, reply, result.error);
    const mayFill = requirePermission(request.actor, 'audits.selfAssessment.fill', { territoryId: territory.id }).ok;
    return reply.render(h(ComparisonPage, { slug: territory.slug, comparison: result.value, mayFill }));
  });

  app.get('/t/:slug/audits/self-assessments/:id/facilities/:facilityId', { schema: { params: FacilityParams }, config: { access: 'audits.selfAssessment.fill' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const { locale, slug, id, facilityId } = request.params;
    const result = await staffSheet(db, request.actor, territory.id, id, facilityId);
    if (!result.ok) return failed(request, reply, result.error);
    if (result.value.status === 'submitted') return reply.redirect(selfAssessmentsPath(locale, slug, `/${id}/facilities/${facilityId}/check`), 303);
    return reply.render(h(StaffSheetPage, { slug, sheet: result.value, errors: {} }));
  });

  app.post('/t/:slug/audits/self-assessments/:id/facilities/:facilityId', { schema: { params: FacilityParams, body: FormBody }, config: { access: 'audits.selfAssessment.fill' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const { locale, slug, id, facilityId } = request.params;
    const check = selfAssessmentsPath(locale, slug, `/${id}/facilities/${facilityId}/check`);
    const saved = await saveStaffSheet(db, request.actor, { territoryId: territory.id, selfAssessmentId: id, facilityId, body: request.body as Record<string, unknown>, lang: locale });
    if (!saved.ok && saved.error === 'submitted') return reply.redirect(check, 303);
    if (!saved.ok && saved.error === 'invalid') return reply.render(h(StaffSheetPage, { slug, sheet: saved.sheet!, errors: saved.fields ?? {} }), 400);
    if (!saved.ok) return failed(request, reply, saved.error);
    return reply.redirect(check, 303);
  });

  app.get('/t/:slug/audits/self-assessments/:id/facilities/:facilityId/check', { schema: { params: FacilityParams }, config: { access: 'audits.selfAssessment.fill' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const { slug, id, facilityId } = request.params;
    const result = await staffSheet(db, request.actor, territory.id, id, facilityId);
    if (!result.ok) return failed(request, reply, result.error);
    return reply.render(h(StaffCheckPage, { slug, sheet: result.value, errors: {} }));
  });

  app.post('/t/:slug/audits/self-assessments/:id/facilities/:facilityId/submit', { schema: { params: FacilityParams, body: FormBody }, config: { access: 'audits.selfAssessment.fill' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const { locale, slug, id, facilityId } = request.params;
    const sent = await submitStaffSheet(db, request.actor, { territoryId: territory.id, selfAssessmentId: id, facilityId });
    if (!sent.ok && sent.error === 'incomplete') {
      const sheet = await staffSheet(db, request.actor, territory.id, id, facilityId);
      if (!sheet.ok) return failed(request, reply, sheet.error);
      return reply.render(h(StaffCheckPage, { slug, sheet: sheet.value, errors: sent.fields ?? {} }), 400);
    }
    if (!sent.ok && sent.error !== 'submitted') return failed(request, reply, sent.error);
    return reply.redirect(selfAssessmentsPath(locale, slug, `/${id}/facilities/${facilityId}/check`), 303);
  });
};
