// Fieldwork pages: an auditor's visits and the instrument filled section by section, on a phone,
// with or without JavaScript. Evidence files arrive in the same forms (multipart).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import fs from 'node:fs';
import path from 'node:path';
import { publicDir } from '../../../platform/views/render.tsx';
import { firstDelivery } from './submissions.ts';
import { direction } from '../../../platform/i18n/locales.ts';
import { addEvidence, evidenceFile, myVisits, saveSection, submitVisit, visitSheet } from './fieldwork.service.ts';
import { CheckPage, MyVisitsPage, SectionPage } from './fieldwork.views.tsx';
import { audits, failed, FormBody, isUpload, territoryFor, TerritoryParams, Uuid } from '../audits.http.ts';

// Served from the pages' own path so that it may look after them (a worker's scope is its folder); read once.
const serviceWorker = fs.readFileSync(path.join(publicDir, 'js/fieldwork-sw.js'), 'utf8');

const VisitParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), visitId: Uuid });
const SectionParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), visitId: Uuid, n: Type.Integer({ minimum: 1, maximum: 50 }) });


export const fieldworkPages: FastifyPluginAsyncTypebox = async (app) => {
  // Drafts must survive the back button when the connection drops, but never be stored by shared caches.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Cache-Control', 'private, no-cache');
  });

  app.get('/t/:slug/audits/offline.js', { schema: { params: TerritoryParams, hide: true }, config: { access: 'public' } }, async (_request, reply) => {
    return reply.type('text/javascript; charset=utf-8').send(serviceWorker);
  });

  app.get('/t/:slug/audits/manifest.webmanifest', { schema: { params: TerritoryParams, hide: true }, config: { access: 'public' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const { locale } = request.params as { locale: string };
    const t = (key: string) => request.i18n.t(key);
    return reply.type('application/manifest+json; charset=utf-8').send(
      JSON.stringify({
        name: `${t('audits.fieldwork.visits.title')} · ${territory.name}`,
        short_name: t('audits.fieldwork.app.shortName'),
        lang: locale,
        dir: direction(locale),
        start_url: audits(locale, territory.slug, '/visits'),
        scope: audits(locale, territory.slug, '/'),
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1d4f91',
        icons: [
          { src: '/assets/icons/app-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/assets/icons/app-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/assets/icons/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      }),
    );
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
      const next = (count: number) => (n < count ? `/visits/${visitId}/sections/${n + 1}` : `/visits/${visitId}/check`);
      // A part sent again by a phone that never heard the first answer: acknowledged, not taken twice.
      if (request.actor && !(await firstDelivery(db, request.actor.personId, body._submission))) {
        const sheet = await visitSheet(db, request.actor, territory.id, visitId);
        if (!sheet.ok) return failed(request, reply, sheet.error);
        const to = audits(locale, slug, next(sheet.value.definition.sections.length));
        if (request.headers.accept === 'application/json') return reply.send({ saved: true, next: to, repeated: true });
        return reply.redirect(to, 303);
      }
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
      const saved = await saveSection(db, request.actor, { territoryId: territory.id, visitId, section: n - 1, body, lang: locale });
      if (!saved.ok && saved.error === 'submitted') return reply.redirect(audits(locale, slug, `/visits/${visitId}/check`), 303);
      if (!saved.ok && saved.error !== 'invalid') return failed(request, reply, saved.error);
      const errors = { ...(saved.ok ? {} : saved.fields), ...fileErrors };
      const sheet = saved.ok ? saved.value : saved.sheet!;
      if (Object.keys(errors).length > 0) {
        if (request.headers.accept === 'application/json') return reply.code(422).send({ saved: true, errors });
        return reply.render(h(SectionPage, { slug, sheet, index: n - 1, errors }), 400);
      }
      const to = audits(locale, slug, next(sheet.definition.sections.length));
      if (request.headers.accept === 'application/json') return reply.send({ saved: true, next: to });
      return reply.redirect(to, 303);
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
    if (request.actor && !(await firstDelivery(db, request.actor.personId, (request.body as Record<string, unknown>)._submission))) {
      return reply.redirect(audits(locale, slug, `/visits/${visitId}/check`), 303);
    }
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
