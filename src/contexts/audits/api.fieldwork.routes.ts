// Fieldwork through the JSON API, for an auditor's own app (the offline one, or a partner's): the visits assigned
// to them, a visit's questionnaire and answers, saving the answers of one part, and sending the visit. The same
// service functions as the pages: only the auditor's own visits, answers kept as typed even when a field still has
// a problem (the answer says which), and a sent visit no longer changes. POST takes an Idempotency-Key.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemSchema, sendOutcomeProblem } from '../../platform/http/problem.ts';
import { CursorQuery, NextCursor, badCursor, pageOf } from '../../platform/api/cursor.ts';
import { IdempotencyHeaders, notFoundProblem, ok } from '../../platform/api/write.ts';
import { locales } from '../../platform/i18n/locales.ts';
import { myVisits, saveSection, submitVisit, visitSheet, type VisitSheet } from './fieldwork/fieldwork.service.ts';
import { itemTypes, type ItemType } from './instruments/instrument.ts';
import { failed, territoryFor, Uuid } from './audits.http.ts';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) });
const VisitParams = Type.Object({ slug: Type.String({ maxLength: 100 }), visitId: Uuid });
const SectionParams = Type.Object({ slug: Type.String({ maxLength: 100 }), visitId: Uuid, n: Type.Integer({ minimum: 1, maximum: 50, description: 'The part, from 1' }) });
const Texts = Type.Record(Type.String(), Type.String(), { description: 'The text in each language it is written in' });
const VisitStatus = Type.Union([Type.Literal('scheduled'), Type.Literal('draft'), Type.Literal('submitted')]);

const VisitSchema = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  facility: Type.String({ description: 'The place visited, by name' }),
  method: Type.String(),
  scheduledOn: Type.String({ format: 'date' }),
  status: VisitStatus,
  parts: Type.Integer({ description: 'How many parts the questionnaire has' }),
});
const AnswerSchema = Type.Object({
  value: Type.Union([Type.String(), Type.Array(Type.String()), Type.Number(), Type.Null()]),
  reason: Type.Optional(Type.String()),
  files: Type.Optional(Type.Integer({ description: 'How many evidence files are attached' })),
});
const SheetSchema = Type.Object({
  visit: VisitSchema,
  service: Type.String(),
  instrument: Type.Object({
    title: Texts,
    version: Type.Integer(),
    languages: Type.Array(Type.String()),
    parts: Type.Array(
      Type.Object({
        name: Type.String(),
        title: Texts,
        items: Type.Array(
          Type.Object({
            name: Type.String(),
            type: Type.Unsafe<ItemType>(Type.String({ enum: [...itemTypes] })),
            label: Texts,
            hint: Texts,
            required: Type.Boolean(),
            showIf: Type.Array(Type.Object({ item: Type.String(), op: Type.String(), value: Type.String() }), { description: 'Shown only when every condition holds' }),
            choices: Type.Array(Type.Object({ value: Type.String(), label: Texts })),
          }),
        ),
      }),
    ),
  }),
  answers: Type.Record(Type.String(), AnswerSchema),
});
const SavedSchema = Type.Object({
  status: VisitStatus,
  problems: Type.Record(Type.String(), Type.String(), { description: 'Fields still to put right, each with a translated message; the answers are kept as sent' }),
});

function visitOf(sheet: Pick<VisitSheet, 'visit' | 'facility' | 'definition'>) {
  const v = sheet.visit;
  return { id: v.id, campaignId: v.campaignId, facility: sheet.facility.name, method: v.method, scheduledOn: v.scheduledOn, status: v.status as 'scheduled' | 'draft' | 'submitted', parts: sheet.definition.sections.length };
}

/** A text in its languages (a language without it is left out). */
const texts = (t: Partial<Record<string, string>>): Record<string, string> => Object.fromEntries(Object.entries(t).filter((e): e is [string, string] => typeof e[1] === 'string'));

function sheetOf(sheet: VisitSheet) {
  const d = sheet.definition;
  return {
    visit: visitOf(sheet),
    service: sheet.service.name,
    instrument: {
      title: texts(d.title),
      version: sheet.instrumentVersion,
      languages: d.languages,
      parts: d.sections.map((s) => ({
        name: s.name,
        title: texts(s.title),
        items: s.items.map((i) => ({ name: i.name, type: i.type, label: texts(i.label), hint: texts(i.hint), required: i.required, showIf: i.showIf, choices: i.choices.map((c) => ({ value: c.value, label: texts(c.label) })) })),
      })),
    },
    answers: Object.fromEntries(
      Object.entries(sheet.answers).map(([name, a]) => [name, { value: a.value, ...(a.reason ? { reason: a.reason } : {}), ...(a.files?.length ? { files: a.files.length } : {}) }]),
    ),
  };
}

const messages: Record<string, string> = { submitted: 'audits.fieldwork.done.title', incomplete: 'audits.fieldwork.check.incomplete' };

export const auditsFieldworkApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get(
    '/territories/:slug/audits/visits',
    {
      config: { access: 'audits.fieldwork.fill', scope: 'read:audits' },
      schema: {
        operationId: 'listMyVisits',
        summary: 'The visits assigned to you as an auditor in this territory, soonest first, a page at a time',
        description: 'For auditors (scope read:audits): only your own visits in this territory, soonest first, by place name and method, filtered by status. A page at a time: pass next as cursor.',
        tags: ['audits'],
        params: SlugParams,
        querystring: Type.Object({ status: Type.Optional(VisitStatus), ...CursorQuery }),
        response: { 200: Type.Object({ visits: Type.Array(VisitSchema), next: NextCursor }), 400: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return reply.callNotFound();
      const mine = await myVisits(db, request.actor, territory.id);
      if (!mine.ok) return failed(request, reply, mine.error === 'not-an-auditor' ? 'forbidden' : mine.error);
      const rows = mine.value
        .filter((v) => !request.query.status || v.status === request.query.status)
        .map((v) => ({ id: v.id, campaignId: v.campaignId, facility: v.facilityName, method: v.method, scheduledOn: v.scheduledOn, status: v.status as 'scheduled' | 'draft' | 'submitted', parts: v.sections }));
      const page = pageOf(rows, { limit: request.query.limit, cursor: request.query.cursor, key: (v) => v.scheduledOn, id: (v) => v.id });
      if (page === 'invalid') return badCursor(request, reply);
      return { visits: page.rows, next: page.next };
    },
  );

  app.get(
    '/territories/:slug/audits/visits/:visitId',
    {
      config: { access: 'audits.fieldwork.fill', scope: 'read:audits' },
      schema: {
        operationId: 'getMyVisit',
        summary: 'One of your visits: its questionnaire (every part, item, choice and condition) and the answers kept so far',
        description: "For the auditor it is assigned to (scope read:audits): the instrument version of the visit in every language it is written in, with each item's type, choices and show-if conditions, and the answers saved so far. Someone else's visit answers 404.",
        tags: ['audits'],
        params: VisitParams,
        response: { 200: SheetSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return notFoundProblem(request, reply);
      const sheet = await visitSheet(db, request.actor, territory.id, request.params.visitId);
      if (!sheet.ok) return failed(request, reply, sheet.error);
      return sheetOf(sheet.value);
    },
  );

  app.put(
    '/territories/:slug/audits/visits/:visitId/parts/:n',
    {
      config: { access: 'audits.fieldwork.fill', scope: 'write:audits' },
      schema: {
        operationId: 'saveVisitPart',
        summary: "Save the answers of one part of your visit, by item name (a choice's value, a list of values for several, a number or a text as typed; `<name>__reason` for a score's reason). Kept even when a field still has a problem",
        description: 'For the auditor it is assigned to (scope write:audits), until it is sent: answers are kept exactly as typed even when one still has a problem; problems names each such item in words. The offline app saves each part as it goes.',
        tags: ['audits'],
        params: SectionParams,
        body: Type.Object({
          answers: Type.Record(Type.String({ maxLength: 80 }), Type.Union([Type.String({ maxLength: 4000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 })]), { maxProperties: 400 }),
          lang: Type.Optional(Type.Unsafe<string>(Type.String({ enum: [...locales], description: 'The language the texts were typed in' }))),
        }),
        response: ok(SavedSchema),
      },
    },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return notFoundProblem(request, reply);
      const saved = await saveSection(db, request.actor, { territoryId: territory.id, visitId: request.params.visitId, section: request.params.n - 1, body: request.body.answers, lang: request.body.lang as string | undefined });
      if (!saved.ok && saved.error !== 'invalid') return sendOutcomeProblem(request, reply, saved.error, undefined, messages);
      const sheet = saved.ok ? saved.value : saved.sheet!;
      const t = request.i18n.t.bind(request.i18n);
      return { status: visitOf(sheet).status, problems: Object.fromEntries(Object.entries(saved.ok ? {} : (saved.fields ?? {})).map(([name, key]) => [name, t(key)])) };
    },
  );

  app.post(
    '/territories/:slug/audits/visits/:visitId/submit',
    {
      config: { access: 'audits.fieldwork.fill', scope: 'write:audits' },
      schema: {
        operationId: 'submitMyVisit',
        summary: 'Send your visit to the coordinators once every required answer that is shown is given; a sent visit no longer changes',
        description: "For the auditor it is assigned to (scope write:audits): answers 400 naming each required answer still missing; once sent, the visit counts in the campaign's results and can no longer change.",
        tags: ['audits'],
        headers: IdempotencyHeaders,
        params: VisitParams,
        response: ok(Type.Object({ id: Type.String(), status: VisitStatus })),
      },
    },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return notFoundProblem(request, reply);
      const sent = await submitVisit(db, request.actor, { territoryId: territory.id, visitId: request.params.visitId });
      // Missing answers are named one by one, like the check page's list.
      if (!sent.ok && sent.error === 'incomplete') return sendOutcomeProblem(request, reply, 'invalid', sent.fields);
      if (!sent.ok) return sendOutcomeProblem(request, reply, sent.error, undefined, messages);
      return { id: sent.value.id, status: 'submitted' as const };
    },
  );
};
