// Fieldwork pages: an auditor's visits and the instrument filled section by section, on a phone,
// with or without JavaScript. Evidence files arrive in the same forms (multipart).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { addEvidence, evidenceFile, myVisits, saveSection, submitVisit, visitSheet } from './fieldwork.service.ts';
import { CheckPage, MyVisitsPage, SectionPage } from './fieldwork.views.tsx';
import { audits, failed, FormBody, isUpload, territoryFor, TerritoryParams, Uuid } from '../audits.http.ts';

const VisitParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), visitId: Uuid });
const SectionParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), visitId: Uuid, n: Type.Integer({ minimum: 1, maximum: 50 }) });


export const fieldworkPages: FastifyPluginAsyncTypebox = async (app) => {
  // Drafts must survive the back button when the connection drops, but never be stored by shared caches.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Cache-Control', 'private, no-cache');
  });

  app.get('/t/:slug/audits/visits', { schema: { params: TerritoryParams }, config: { access: 'audits.fieldwork.fill' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const result = await myVisits(app.database.db, request.actor, territory.id);
    if (!result.ok && result.error !== 'not-an-auditor') return failed(request, reply, result.error);
    return reply.render(h(MyVisitsPage, { slug: territory.slug, visits: result.ok ? result.value : [], notAuditor: !result.ok }));
  });

  app.get('/t/:slug/audits/visits/:visitId/sections/:n', { schema: { params: SectionParams }, config: { access: 'audits.fieldwork.fill' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const result = await visitSheet(app.database.db, request.actor, territory.id, request.params.visitId);
    if (!result.ok) return failed(request, reply, result.error);
    const { locale, slug, visitId } = request.params;
    if (result.value.visit.status === 'submitted') return reply.redirect(audits(locale, slug, `/visits/${visitId}/check`), 303);
    if (request.params.n > result.value.definition.sections.length) return reply.callNotFound();
    return reply.render(h(SectionPage, { slug, sheet: result.value, index: request.params.n - 1, errors: {} }));
  });

  app.post(
    '/t/:slug/audits/visits/:visitId/sections/:n',
    { schema: { params: SectionParams, body: FormBody }, config: { access: 'audits.fieldwork.fill' } },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return reply.callNotFound();
      const { locale, slug, visitId, n } = request.params;
      const body = request.body as Record<string, unknown>;
      const db = app.database.db;
      // Files first, so that a bad file is reported beside the answers kept as typed.
      const fileErrors: Record<string, string> = {};
      for (const [name, value] of Object.entries(body)) {
        if (!name.endsWith('__file') || !isUpload(value)) continue;
        const itemName = name.slice(0, -'__file'.length);
        if (value.truncated) {
          fileErrors[itemName] = 'audits.fieldwork.errors.file.size';
          continue;
        }
        const added = await addEvidence(db, request.actor, { territoryId: territory.id, visitId, itemName, content: value.content, mediaType: value.mediaType });
        if (!added.ok) {
          if (added.fields) Object.assign(fileErrors, added.fields);
          else if (added.error !== 'submitted') return failed(request, reply, added.error);
        }
      }
      const saved = await saveSection(db, request.actor, { territoryId: territory.id, visitId, section: n - 1, body });
      if (!saved.ok && saved.error === 'submitted') return reply.redirect(audits(locale, slug, `/visits/${visitId}/check`), 303);
      if (!saved.ok && saved.error !== 'invalid') return failed(request, reply, saved.error);
      const errors = { ...(saved.ok ? {} : saved.fields), ...fileErrors };
      const sheet = saved.ok ? saved.value : saved.sheet!;
      if (Object.keys(errors).length > 0) {
        if (request.headers.accept === 'application/json') return reply.code(422).send({ saved: true, errors });
        return reply.render(h(SectionPage, { slug, sheet, index: n - 1, errors }), 400);
      }
      const next = n < sheet.definition.sections.length ? `/visits/${visitId}/sections/${n + 1}` : `/visits/${visitId}/check`;
      if (request.headers.accept === 'application/json') return reply.send({ saved: true, next: audits(locale, slug, next) });
      return reply.redirect(audits(locale, slug, next), 303);
    },
  );

  app.get('/t/:slug/audits/visits/:visitId/check', { schema: { params: VisitParams }, config: { access: 'audits.fieldwork.fill' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const result = await visitSheet(app.database.db, request.actor, territory.id, request.params.visitId);
    if (!result.ok) return failed(request, reply, result.error);
    return reply.render(h(CheckPage, { slug: territory.slug, sheet: result.value, errors: {} }));
  });

  app.post('/t/:slug/audits/visits/:visitId/submit', { schema: { params: VisitParams, body: FormBody }, config: { access: 'audits.fieldwork.fill' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const { locale, slug, visitId } = request.params;
    const db = app.database.db;
    const submitted = await submitVisit(db, request.actor, { territoryId: territory.id, visitId });
    if (!submitted.ok && submitted.error !== 'incomplete' && submitted.error !== 'submitted') return failed(request, reply, submitted.error);
    if (!submitted.ok && submitted.error === 'incomplete') {
      const sheet = await visitSheet(db, request.actor, territory.id, visitId);
      if (!sheet.ok) return failed(request, reply, sheet.error);
      return reply.render(h(CheckPage, { slug, sheet: sheet.value, errors: submitted.fields ?? {} }), 400);
    }
    return reply.redirect(audits(locale, slug, `/visits/${visitId}/check`), 303);
  });

  app.get(
    '/t/:slug/audits/evidence/:fileId',
    { schema: { params: Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), fileId: Uuid }) }, config: { access: 'audits.instrument.view' } },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return reply.callNotFound();
      const file = await evidenceFile(app.database.db, request.actor, territory.id, request.params.fileId);
      if (!file.ok) return failed(request, reply, file.error);
      return reply.header('Content-Disposition', 'inline').type(file.value.mediaType).send(file.value.content);
    },
  );
};
