// The questionnaire builder's pages, and the CSV export and import to share instruments between cities.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import type { FieldErrors } from '../../../platform/views/forms.tsx';
import type { Territory } from '../../territories/territory.service.ts';
import { dimensions, itemTypes, type Condition, type Dimension, type ImportProblem, type Item, type ItemType } from './instrument.ts';
import { exportWorkbook, translateDraft, addItem, addSection, createInstrument, exportVersion, getVersion, importInstrument, listInstruments, publishVersion, removeItem, startNewVersion } from './instrument.service.ts';
import { InstrumentsPage, PreviewPage, TranslatePage, VersionPage } from './instrument.views.tsx';
import { audits, failed, field, fields, FormBody, groundsOf, isUpload, territoryFor, TerritoryParams, Uuid } from '../audits.http.ts';

const VersionParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), versionId: Uuid });

const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

/** Reads the add-item form into an item (translations by language, choices line by line). */
function itemFrom(body: Record<string, unknown>, languages: string[]): Item {
  const type = (itemTypes as readonly string[]).includes(field(body, 'type')) ? (field(body, 'type') as ItemType) : 'text';
  const byLanguage = (prefix: string) => Object.fromEntries(languages.map((l) => [l, field(body, `${prefix}_${l}`).trim()]).filter(([, v]) => v));
  const values = lines(field(body, 'choice_values'));
  const labels = Object.fromEntries(languages.map((l) => [l, lines(field(body, `choices_${l}`))]));
  const showIfItem = field(body, 'showIfItem');
  const op = field(body, 'showIfOp');
  const showIf: Condition[] = showIfItem ? [{ item: showIfItem, op: op === 'ne' || op === 'selected' ? op : 'eq', value: field(body, 'showIfValue').trim() }] : [];
  return {
    name: field(body, 'name').trim(),
    type,
    label: byLanguage('label'),
    hint: byLanguage('hint'),
    required: field(body, 'required') === 'yes',
    showIf,
    dimension: (dimensions as readonly string[]).includes(field(body, 'dimension')) ? (field(body, 'dimension') as Dimension) : 'other',
    grounds: fields(body, 'grounds'),
    choices: type === 'single' || type === 'multiple' ? values.map((value, i) => ({ value, label: Object.fromEntries(languages.map((l) => [l, labels[l]![i] ?? value])) })) : [],
  };
}

export const instrumentPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  const listPage = async (request: FastifyRequest, reply: FastifyReply, territory: Territory, errors: FieldErrors, values: Record<string, string | string[]>, problems: ImportProblem[] = []) => {
    const list = await listInstruments(db, request.actor, territory.id);
    if (!list.ok) return failed(request, reply, list.error);
    const bad = Object.keys(errors).length > 0 || problems.length > 0;
    return reply.render(h(InstrumentsPage, { slug: territory.slug, instruments: list.value, errors, values, problems }), bad ? 400 : 200);
  };

  const versionPage = async (request: FastifyRequest, reply: FastifyReply, territory: Territory, versionId: string, errors: FieldErrors, values: Record<string, string | string[]>, warnings: ImportProblem[] = []) => {
    const found = await getVersion(db, request.actor, territory.id, versionId);
    if (!found.ok) return failed(request, reply, found.error);
    return reply.render(h(VersionPage, { slug: territory.slug, version: found.value, grounds: groundsOf(territory), errors, values, warnings }), Object.keys(errors).length ? 400 : 200);
  };

  const formValues = (body: Record<string, unknown>) => Object.fromEntries(Object.entries(body).filter(([k, v]) => k !== '_csrf' && (typeof v === 'string' || Array.isArray(v)))) as Record<string, string | string[]>;

  app.get('/t/:slug/audits/instruments', { schema: { params: TerritoryParams }, config: { access: 'audits.instrument.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    return listPage(request, reply, territory, {}, {});
  });

  app.post('/t/:slug/audits/instruments', { schema: { params: TerritoryParams, body: FormBody }, config: { access: 'audits.instrument.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const languages = fields(body, 'languages');
    const title = field(body, 'title').trim();
    const created = await createInstrument(db, request.actor, { territoryId: territory.id, key: field(body, 'key').trim(), languages, title: languages[0] ? { [languages[0]]: title } : {} });
    if (!created.ok && created.fields) return listPage(request, reply, territory, created.fields, formValues(body));
    if (!created.ok) return failed(request, reply, created.error);
    return reply.redirect(audits(request.params.locale, territory.slug, `/instruments/versions/${created.value.id}`), 303);
  });

  app.post('/t/:slug/audits/instruments/import', { schema: { params: TerritoryParams, body: FormBody }, config: { access: 'audits.instrument.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const file = body.file;
    if (!isUpload(file) || file.truncated) return listPage(request, reply, territory, { file: 'audits.instrument.import.noFile' }, formValues(body));
    const key = field(body, 'importKey').trim();
    // A workbook is a zip (it starts with PK); anything else is read as the CSV form.
    const workbook = (file.content[0] === 0x50 && file.content[1] === 0x4b) || file.mediaType === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const imported = await importInstrument(
      db,
      request.actor,
      workbook
        ? { territoryId: territory.id, key, workbook: file.content, fileName: key, grounds: groundsOf(territory) }
        : { territoryId: territory.id, key, csv: file.content.toString('utf8'), grounds: groundsOf(territory) },
    );
    if (!imported.ok && imported.error === 'problems') return listPage(request, reply, territory, {}, formValues(body), imported.problems ?? []);
    if (!imported.ok && imported.fields) {
      const errors = Object.fromEntries(Object.entries(imported.fields).map(([k, v]) => [k === 'key' ? 'importKey' : k, v]));
      return listPage(request, reply, territory, errors, formValues(body));
    }
    if (!imported.ok) return failed(request, reply, imported.error);
    // What the platform will not use is shown once, on the new draft, for the coordinator to review.
    if (imported.warnings && imported.warnings.length > 0) return versionPage(request, reply, territory, imported.value.id, {}, {}, imported.warnings);
    return reply.redirect(audits(request.params.locale, territory.slug, `/instruments/versions/${imported.value.id}`), 303);
  });

  app.get('/t/:slug/audits/instruments/versions/:versionId', { schema: { params: VersionParams }, config: { access: 'audits.instrument.view' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    return versionPage(request, reply, territory, request.params.versionId, {}, {});
  });

  app.get('/t/:slug/audits/instruments/versions/:versionId/preview', { schema: { params: VersionParams }, config: { access: 'audits.instrument.view' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const found = await getVersion(db, request.actor, territory.id, request.params.versionId);
    if (!found.ok) return failed(request, reply, found.error);
    return reply.render(h(PreviewPage, { slug: territory.slug, version: found.value }));
  });

  app.get('/t/:slug/audits/instruments/versions/:versionId/xlsform.csv', { schema: { params: VersionParams }, config: { access: 'audits.instrument.view' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const exported = await exportVersion(db, request.actor, territory.id, request.params.versionId);
    if (!exported.ok) return failed(request, reply, exported.error);
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${exported.value.key}-v${exported.value.version}.csv"`)
      .send(exported.value.csv);
  });

  app.get('/t/:slug/audits/instruments/versions/:versionId/xlsform.xlsx', { schema: { params: VersionParams }, config: { access: 'audits.instrument.view' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const exported = await exportWorkbook(db, request.actor, territory.id, request.params.versionId);
    if (!exported.ok) return failed(request, reply, exported.error);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', `attachment; filename="${exported.value.key}-v${exported.value.version}.xlsx"`)
      .send(exported.value.workbook);
  });

  app.post('/t/:slug/audits/instruments/versions/:versionId/sections', { schema: { params: VersionParams, body: FormBody }, config: { access: 'audits.instrument.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const title = Object.fromEntries(Object.entries(body).flatMap(([k, v]) => (k.startsWith('title_') && typeof v === 'string' && v.trim() ? [[k.slice(6), v.trim()]] : [])));
    const result = await addSection(db, request.actor, { territoryId: territory.id, versionId: request.params.versionId, name: field(body, 'name').trim(), title });
    if (!result.ok && result.fields) return versionPage(request, reply, territory, request.params.versionId, result.fields, formValues(body));
    if (!result.ok && result.error === 'published') return versionPage(request, reply, territory, request.params.versionId, { name: 'audits.instrument.errors.published' }, {});
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, `/instruments/versions/${request.params.versionId}`), 303);
  });

  app.post('/t/:slug/audits/instruments/versions/:versionId/items', { schema: { params: VersionParams, body: FormBody }, config: { access: 'audits.instrument.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const current = await getVersion(db, request.actor, territory.id, request.params.versionId);
    if (!current.ok) return failed(request, reply, current.error);
    const item = itemFrom(body, current.value.definition.languages);
    const result = await addItem(db, request.actor, { territoryId: territory.id, versionId: request.params.versionId, section: field(body, 'section'), item });
    if (!result.ok && result.fields) return versionPage(request, reply, territory, request.params.versionId, result.fields, formValues(body));
    if (!result.ok && result.error === 'published') return versionPage(request, reply, territory, request.params.versionId, { name: 'audits.instrument.errors.published' }, {});
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, `/instruments/versions/${request.params.versionId}`), 303);
  });

  app.post('/t/:slug/audits/instruments/versions/:versionId/items/remove', { schema: { params: VersionParams, body: FormBody }, config: { access: 'audits.instrument.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const result = await removeItem(db, request.actor, { territoryId: territory.id, versionId: request.params.versionId, name: field(request.body as Record<string, unknown>, 'name') });
    if (!result.ok && result.fields) return versionPage(request, reply, territory, request.params.versionId, result.fields, {});
    if (!result.ok && result.error === 'published') return versionPage(request, reply, territory, request.params.versionId, { name: 'audits.instrument.errors.published' }, {});
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, `/instruments/versions/${request.params.versionId}`), 303);
  });

  app.post('/t/:slug/audits/instruments/versions/:versionId/publish', { schema: { params: VersionParams, body: FormBody }, config: { access: 'audits.instrument.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const result = await publishVersion(db, request.actor, { territoryId: territory.id, versionId: request.params.versionId });
    if (!result.ok && result.fields) return versionPage(request, reply, territory, request.params.versionId, result.fields, {});
    if (!result.ok && result.error === 'published') return reply.redirect(audits(request.params.locale, territory.slug, `/instruments/versions/${request.params.versionId}`), 303);
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, `/instruments/versions/${request.params.versionId}`), 303);
  });

  app.post(
    '/t/:slug/audits/instruments/:instrumentId/versions',
    { schema: { params: Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), instrumentId: Uuid }), body: FormBody }, config: { access: 'audits.instrument.manage' } },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return reply.callNotFound();
      const result = await startNewVersion(db, request.actor, { territoryId: territory.id, instrumentId: request.params.instrumentId });
      if (!result.ok) return failed(request, reply, result.error);
      return reply.redirect(audits(request.params.locale, territory.slug, `/instruments/versions/${result.value.id}`), 303);
    },
  );

  app.get('/t/:slug/audits/instruments/versions/:versionId/texts', { schema: { params: VersionParams }, config: { access: 'audits.instrument.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const found = await getVersion(db, request.actor, territory.id, request.params.versionId);
    if (!found.ok) return failed(request, reply, found.error);
    if (found.value.publishedAt) return reply.redirect(audits(request.params.locale, territory.slug, `/instruments/versions/${found.value.id}`), 303);
    return reply.render(h(TranslatePage, { slug: territory.slug, version: found.value, errors: {}, values: {} }));
  });

  app.post('/t/:slug/audits/instruments/versions/:versionId/texts', { schema: { params: VersionParams, body: FormBody }, config: { access: 'audits.instrument.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const texts = Object.fromEntries(Object.entries(body).filter(([k, v]) => k.includes('::') && typeof v === 'string')) as Record<string, string>;
    const add = field(body, 'addLanguage');
    const result = await translateDraft(db, request.actor, { territoryId: territory.id, versionId: request.params.versionId, languages: add ? [add] : [], texts });
    if (!result.ok && result.fields) {
      const found = await getVersion(db, request.actor, territory.id, request.params.versionId);
      if (!found.ok) return failed(request, reply, found.error);
      return reply.render(h(TranslatePage, { slug: territory.slug, version: found.value, errors: result.fields, values: texts }), 400);
    }
    if (!result.ok && result.error === 'published') return reply.redirect(audits(request.params.locale, territory.slug, `/instruments/versions/${request.params.versionId}`), 303);
    if (!result.ok) return failed(request, reply, result.error);
    // After adding a language, stay on the page to write its texts.
    return reply.redirect(audits(request.params.locale, territory.slug, `/instruments/versions/${request.params.versionId}${add ? '/texts' : ''}`), 303);
  });
};
