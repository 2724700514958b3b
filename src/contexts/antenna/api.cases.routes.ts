// The case handlers' JSON API (a council's case-management system): the queue's rows, moving a case along and
// assigning it, and — exactly as on the case page — a case's narrative and messages, decrypted only for a handler
// whose case key is open in this key session: `openCaseKey` takes the handler's case-key password and answers the
// short-lived key-session token the page keeps in its cookie; `readCase` and `writeCaseMessage` need it in the
// `Coproduce-Case-Key` header. Same service functions as the pages (permission first, the access log before any
// decryption, the case's history). Handlers only, with the `antenna:handle` scope, which needs two-step sign-in.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemSchema, sendOutcomeProblem, sendProblem } from '../../platform/http/problem.ts';
import { CursorQuery, NextCursor, badCursor, decodeCursor, encodeCursor } from '../../platform/api/cursor.ts';
import { IdempotencyHeaders, created, notFoundProblem, ok } from '../../platform/api/write.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { reportStatuses, type ReportStatus } from './antenna.schema.ts';
import { closeReasons } from './answers.ts';
import {
  assignCase,
  changeStatus,
  handlerPrivateKey,
  handlerSessionMs,
  listCases,
  lockHandlerKey,
  readCase,
  territoryHandlers,
  unlockHandlerKey,
  writeOnCase,
} from './triage.service.ts';
import { formChoices, noStore, perMinute } from './report.routes.ts';
import { antennaDependencies } from './antenna.config.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';

const Slug = Type.String({ maxLength: 100 });
const Reference = Type.String({ maxLength: 9, pattern: '^[A-Za-z0-9-]{1,9}$' });
const Status = Type.Unsafe<ReportStatus>(Type.String({ enum: [...reportStatuses] }));
const YesNo = Type.Union([Type.Literal('yes'), Type.Literal('no')]);

const CaseSchema = Type.Object({
  reference: Type.String(),
  status: Status,
  mode: Type.Union([Type.Literal('anonymous'), Type.Literal('confidential')]),
  onBehalf: Type.Boolean({ description: 'Sent by an organisation for the person, with their consent' }),
  organisation: Type.Union([Type.String(), Type.Null()], { description: 'The organisation that sent it, by name' }),
  classified: Type.Boolean({ description: 'Counted in the diagnosis' }),
  assignedTo: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  receivedAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const messages: Record<string, string> = { locked: 'antenna.api.caseKeyClosed' };

/** The header that carries the key-session token `openCaseKey` answered (the page keeps it in a cookie). */
export const caseKeyHeader = 'coproduce-case-key';
const CaseKeyHeaders = Type.Object({
  [caseKeyHeader]: Type.Optional(Type.String({ maxLength: 100, description: 'The token openCaseKey answered: the case key open for this key session' })),
});

const Named = Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]);
const CaseMessage = Type.Object({
  id: Type.String(),
  author: Type.Union([Type.Literal('reporter'), Type.Literal('intermediary'), Type.Literal('handler')]),
  kind: Type.Union([Type.Literal('message'), Type.Literal('information'), Type.Literal('note')], { description: 'note: seen by handlers only' }),
  text: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
const Narrative = Type.Object({
  story: Type.String(),
  when: Type.String({ description: '"YYYY-MM", "earlier" or "unknown"' }),
  service: Named,
  district: Named,
  facility: Named,
  grounds: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
  before: Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('unsure'), Type.Null()], { description: 'Whether it happened before' }),
  wishes: Type.Array(Type.String()),
  wishText: Type.String(),
  contact: Type.Union([Type.Object({ name: Type.String(), email: Type.String(), phone: Type.String() }), Type.Null()], { description: 'Only for a confidential report' }),
});
const CaseRead = Type.Object({
  reference: Type.String(),
  status: Status,
  statusReason: Type.Union([Type.String(), Type.Null()]),
  mode: Type.Union([Type.Literal('anonymous'), Type.Literal('confidential')]),
  onBehalf: Type.Boolean(),
  referralConsent: Type.Boolean(),
  receivedAt: Type.String({ format: 'date-time' }),
  sealedToYou: Type.Boolean({ description: 'False when your case key holds no copy of this case yet: the territory administrator re-grants it with the recovery key' }),
  narrative: Type.Union([Narrative, Type.Null()]),
  messages: Type.Array(CaseMessage),
  files: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), type: Type.String(), size: Type.Integer(), createdAt: Type.String({ format: 'date-time' }) })),
});

/** 403 problem details: the case key is not open in this key session (no header, a forged, expired or someone else's token). */
function caseKeyClosed(request: FastifyRequest, reply: FastifyReply) {
  const t = request.i18n.t.bind(request.i18n);
  return sendProblem(reply, { type: 'about:blank', title: t('platform.errors.forbidden.title'), status: 403, detail: t('antenna.api.caseKeyClosed') });
}

export const antennaCasesApi: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', noStore);
  const db = app.database.db;

  app.get(
    '/territories/:slug/antenna/cases',
    {
      config: { access: 'antenna.case.list', scope: 'antenna:handle' },
      schema: {
        operationId: 'listCases',
        summary: "The territory's cases as the queue shows them (no content), most recently changed first or by date received, a page at a time",
        description: "For the territory's case handlers with two-step sign-in (scope antenna:handle): the queue's rows only — reference, status, mode, who has the case, dates — never a narrative, message or contact. Filtered like the queue, with a count per status. A page at a time: pass next as cursor.",
        tags: ['antenna'],
        params: Type.Object({ slug: Slug }),
        querystring: Type.Object({
          status: Type.Optional(Status),
          mine: Type.Optional(YesNo),
          mode: Type.Optional(Type.Union([Type.Literal('anonymous'), Type.Literal('confidential')])),
          classified: Type.Optional(YesNo),
          onBehalf: Type.Optional(YesNo),
          sort: Type.Optional(Type.Union([Type.Literal('updated'), Type.Literal('received')], { default: 'updated' })),
          ...CursorQuery,
        }),
        response: { 200: Type.Object({ cases: Type.Array(CaseSchema), byStatus: Type.Record(Type.String(), Type.Integer()), next: NextCursor }), 400: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      if (!territory) return notFoundProblem(request, reply);
      const q = request.query;
      let after: { value: string; reference: string } | undefined;
      if (q.cursor) {
        const position = decodeCursor(q.cursor);
        if (!position || typeof position.value !== 'string' || Number.isNaN(Date.parse(position.value))) return badCursor(request, reply);
        after = { value: position.value, reference: position.id };
      }
      const yesNo = (v: 'yes' | 'no' | undefined) => (v === undefined ? undefined : v === 'yes');
      const limit = q.limit ?? 50;
      const queue = await listCases(
        db,
        request.actor,
        territory.id,
        { status: q.status as ReportStatus | undefined, mine: q.mine === 'yes', mode: q.mode, classified: yesNo(q.classified), onBehalf: yesNo(q.onBehalf) },
        { q: '', sort: q.sort ?? 'updated', dir: 'desc', page: 1, perPage: limit },
        after,
      );
      if (!queue.ok) return sendOutcomeProblem(request, reply, queue.error);
      const names = new Map((await territoryHandlers(db, territory.id)).map((h) => [h.personId, h.displayName]));
      const rows = queue.value.rows;
      const last = rows.at(-1);
      return {
        cases: rows.map((r) => ({
          reference: r.reference,
          status: r.status,
          mode: r.mode,
          onBehalf: r.onBehalf,
          organisation: r.organisationName,
          classified: r.classified,
          assignedTo: r.assignedTo ? { id: r.assignedTo, name: names.get(r.assignedTo) ?? '' } : null,
          receivedAt: r.createdAt.toISOString(),
          updatedAt: r.updatedAt.toISOString(),
        })),
        byStatus: queue.value.byStatus,
        next: last && rows.length === limit ? encodeCursor({ value: last.position, id: last.reference }) : null,
      };
    },
  );

  app.post(
    '/territories/:slug/antenna/cases/:reference/status',
    {
      config: { access: 'antenna.case.manage', scope: 'antenna:handle', invalidates: false },
      schema: {
        operationId: 'changeCaseStatus',
        summary: 'Move a case along: new → in triage → referred / being followed → closed (with a reason); reopening goes back to triage',
        description: "For the territory's case handlers (scope antenna:handle): the same moves as the case page allow from the current status; closing needs a reason from the list. Answers 400 beside the field when the move or reason is not allowed.",
        tags: ['antenna'],
        headers: IdempotencyHeaders,
        params: Type.Object({ slug: Slug, reference: Reference }),
        body: Type.Object({ status: Status, reason: Type.Optional(Type.Unsafe<string>(Type.String({ enum: [...closeReasons], description: 'Why it is closed (closing only)' }))) }),
        response: ok(Type.Object({ reference: Type.String(), status: Status })),
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      if (!territory) return notFoundProblem(request, reply);
      const reference = request.params.reference.toUpperCase();
      const outcome = await changeStatus(db, request.actor, territory, reference, { status: request.body.status as string, reason: (request.body.reason as string | undefined) ?? '' });
      if (!outcome.ok) return sendOutcomeProblem(request, reply, outcome.error, outcome.fields, messages);
      return { reference, status: request.body.status as ReportStatus };
    },
  );

  app.post(
    '/territories/:slug/antenna/cases/:reference/assignee',
    {
      config: { access: 'antenna.case.manage', scope: 'antenna:handle', invalidates: false },
      schema: {
        operationId: 'assignCase',
        summary: "Give a case to one of the territory's case handlers (their id, as listCases names them), or to nobody (null)",
        description: "For the territory's case handlers (scope antenna:handle): the person must be a case handler of this territory (400 otherwise); null takes the case from whoever had it.",
        tags: ['antenna'],
        headers: IdempotencyHeaders,
        params: Type.Object({ slug: Slug, reference: Reference }),
        body: Type.Object({ personId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]) }),
        response: ok(Type.Object({ reference: Type.String(), assignedTo: Type.Union([Type.String(), Type.Null()]) })),
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      if (!territory) return notFoundProblem(request, reply);
      const reference = request.params.reference.toUpperCase();
      const outcome = await assignCase(db, request.actor, territory.id, reference, request.body.personId ?? '');
      if (!outcome.ok) return sendOutcomeProblem(request, reply, outcome.error, outcome.fields, messages);
      return { reference, assignedTo: request.body.personId };
    },
  );

  app.post(
    '/territories/:slug/antenna/case-key',
    {
      // The password in, the key-session token out: neither is ever kept, so no Idempotency-Key here.
      config: { access: 'antenna.key.manage', scope: 'antenna:handle', invalidates: false, idempotency: false, rateLimit: { max: perMinute(app, 60), timeWindow: 60_000 } },
      schema: {
        operationId: 'openCaseKey',
        summary: "Open your case key with its password for a key session; answers the key-session token to send as Coproduce-Case-Key",
        description:
          'For a case handler of the territory whose case key is set up (on the case key page). The password opens the private key, which is kept for two hours encrypted under the answered token, exactly as the case page keeps it in its cookie; the token is shown only here. Five wrong passwords in 15 minutes: 429.',
        tags: ['antenna'],
        params: Type.Object({ slug: Slug }),
        body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }),
        response: {
          201: Type.Object({ caseKey: Type.String({ description: 'The key-session token, for the Coproduce-Case-Key header' }), expiresAt: Type.String({ format: 'date-time' }) }),
          400: problemSchema,
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      if (!territory) return notFoundProblem(request, reply);
      const actor = request.actor;
      const guardKey = `${actor?.personId ?? ''}:${territory.id}`;
      if (actor && (await app.antennaGuards.unlockFailures.blocked(guardKey))) {
        return sendProblem(reply, { type: 'about:blank', title: request.i18n.t('antenna.errors.tooManyTries'), status: 429, errors: { password: request.i18n.t('antenna.errors.tooManyTries') } });
      }
      const opened = await unlockHandlerKey(db, actor, territory.id, request.body.password);
      if (!opened.ok) {
        if (opened.error === 'wrong-password') await app.antennaGuards.unlockFailures.hit(guardKey);
        if (opened.error === 'wrong-password') return sendOutcomeProblem(request, reply, 'invalid', opened.fields);
        return sendOutcomeProblem(request, reply, opened.error, opened.fields, { 'no-key': 'antenna.api.noCaseKey' });
      }
      return reply.code(201).send({ caseKey: opened.value.token, expiresAt: new Date(Date.now() + handlerSessionMs).toISOString() });
    },
  );

  app.delete(
    '/territories/:slug/antenna/case-key',
    {
      config: { access: 'antenna.key.manage', scope: 'antenna:handle', invalidates: false },
      schema: {
        operationId: 'closeCaseKey',
        summary: 'Close the case key of this key session (what "Lock" does on the case page)',
        description: 'For a case handler of the territory: the key session named by Coproduce-Case-Key is deleted at once, so its token opens nothing any more. Closing a session that is already closed or expired is not an error.',
        tags: ['antenna'],
        headers: CaseKeyHeaders,
        params: Type.Object({ slug: Slug }),
        response: { 200: Type.Object({ closed: Type.Boolean() }), 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      if (!territory) return notFoundProblem(request, reply);
      const token = request.headers[caseKeyHeader];
      // Only a session of this person and territory is closed: someone else's token is left alone.
      if (typeof token === 'string' && (await handlerPrivateKey(db, request.actor!, territory.id, token))) await lockHandlerKey(db, token);
      return { closed: true };
    },
  );

  app.get(
    '/territories/:slug/antenna/cases/:reference',
    {
      config: { access: 'antenna.case.read', scope: 'antenna:handle' },
      schema: {
        operationId: 'readCase',
        summary: "A case as its page shows it to a handler: the narrative, the answers, the messages and notes, the files' names",
        description:
          'For a case handler of the territory, with the case key open: send the token openCaseKey answered in Coproduce-Case-Key (without it, or with an expired, forged or someone else\'s token: 403). The read is written to the access log before anything is decrypted, as on the page. narrative is null when your key holds no copy of the case yet.',
        tags: ['antenna'],
        headers: CaseKeyHeaders,
        params: Type.Object({ slug: Slug, reference: Reference }),
        response: { 200: CaseRead, 403: problemSchema, 404: problemSchema, 503: problemSchema },
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      if (!territory) return notFoundProblem(request, reply);
      const actor = request.actor!;
      const key = await handlerPrivateKey(db, actor, territory.id, request.headers[caseKeyHeader]);
      if (!key) return caseKeyClosed(request, reply);
      const read = await readCase(db, actor, territory.id, request.params.reference.toUpperCase(), key, antennaDependencies().accessLogger);
      if (!read.ok) {
        if (read.error === 'no-access-log') return sendProblem(reply, { type: 'about:blank', title: request.i18n.t('antenna.handler.noLogTitle'), status: 503, detail: request.i18n.t('antenna.handler.noLogBody') });
        return sendOutcomeProblem(request, reply, read.error);
      }
      const { report, content } = read.value;
      let narrative = null;
      if (content) {
        const { choices } = await formChoices(app, request, territory);
        const named = (options: { value: string; label: string }[], id: string | undefined) => {
          const found = id && id !== 'unknown' ? options.find((o) => o.value === id) : undefined;
          return found ? { id: found.value, name: found.label } : null;
        };
        const a = content.answers;
        narrative = {
          story: a.story ?? '',
          when: a.when ?? 'unknown',
          service: named(choices.services, a.serviceId),
          district: named(choices.districts, a.districtId),
          facility: named(choices.facilities, a.facilityId),
          grounds: (a.grounds ?? []).map((g) => ({ key: g, name: g === 'unsure' ? request.i18n.t('antenna.q.grounds.unsure') : (choices.grounds.find((o) => o.value === g)?.label ?? g) })),
          before: a.before ?? null,
          wishes: a.wishes ?? [],
          wishText: a.wishText ?? '',
          contact: a.mode === 'confidential' ? { name: a.contactName ?? '', email: a.contactEmail ?? '', phone: a.contactPhone ?? '' } : null,
        };
      }
      return {
        reference: report.reference,
        status: report.status,
        statusReason: report.statusReason,
        mode: report.mode,
        onBehalf: report.organisationId !== null,
        referralConsent: report.referralConsent,
        receivedAt: report.createdAt.toISOString(),
        sealedToYou: content !== null,
        narrative,
        messages: (content?.messages ?? []).map((m) => ({ id: m.id, author: m.author, kind: m.kind, text: m.text, createdAt: m.createdAt.toISOString() })),
        files: (content?.files ?? []).map((f) => ({ id: f.id, name: f.name, type: f.type, size: f.size, createdAt: f.createdAt.toISOString() })),
      };
    },
  );

  app.post(
    '/territories/:slug/antenna/cases/:reference/messages',
    {
      config: { access: 'antenna.case.manage', scope: 'antenna:handle', invalidates: false },
      schema: {
        operationId: 'writeCaseMessage',
        summary: 'Write to the person who reported (message) or to the other handlers only (note), encrypted with the case key',
        description:
          "For a case handler of the territory, with the case key open (Coproduce-Case-Key, as readCase). A message is what the person reads on their receipt page; a note stays among the handlers. Answers 403 when the key is not open, 409 when your key holds no copy of this case, 400 beside the text when it is empty or too long.",
        tags: ['antenna'],
        headers: Type.Composite([IdempotencyHeaders, CaseKeyHeaders]),
        params: Type.Object({ slug: Slug, reference: Reference }),
        body: Type.Object({ visibility: Type.Union([Type.Literal('message'), Type.Literal('note')]), text: Type.String({ maxLength: 20_000 }) }, { additionalProperties: false }),
        response: created(Type.Object({ reference: Type.String(), visibility: Type.Union([Type.Literal('message'), Type.Literal('note')]) })),
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      if (!territory) return notFoundProblem(request, reply);
      const actor = request.actor!;
      const key = await handlerPrivateKey(db, actor, territory.id, request.headers[caseKeyHeader]);
      if (!key) return caseKeyClosed(request, reply);
      const reference = request.params.reference.toUpperCase();
      const written = await writeOnCase(db, actor, territory.id, reference, key, { kind: request.body.visibility, text: request.body.text });
      if (!written.ok) return sendOutcomeProblem(request, reply, written.error === 'locked' ? 'no-grant' : written.error, written.fields, { 'no-grant': 'antenna.handler.noGrant' });
      return reply.code(201).send({ reference, visibility: request.body.visibility });
    },
  );
};
