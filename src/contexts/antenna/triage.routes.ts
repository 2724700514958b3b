// Case handlers' pages (2FA) and the territory admin's recovery key page, under /:locale/t/:slug/antenna.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { deny } from '../../platform/auth/plugin.ts';
import { href } from '../../platform/views/context.ts';
import { listQueryFields, parseListQuery } from '../../platform/views/list-query.ts';
import { decodeCursor } from '../../platform/api/cursor.ts';
import type { Territory } from '../territories/territory.service.ts';
import { reportStatuses, type ReportStatus } from './antenna.schema.ts';
import { antennaDependencies } from './antenna.config.ts';
import { cookieOptions, formChoices, handlerCookie, noStore, perMinute, territoryOf } from './report.routes.ts';
import { ToldPage } from './report.views.tsx';
import { CasePage, KeyPage, QueuePage, RecoveryPage } from './triage.views.tsx';
import {
  assignCase,
  changeStatus,
  classifyCase,
  createRecoveryKey,
  declassifyCase,
  handlerKeyStatus,
  handlerPrivateKey,
  caseListDefaults,
  caseSorts,
  listCases,
  type CaseFilter,
  lockHandlerKey,
  readCase,
  readCaseFile,
  recoveryKeyExists,
  referCase,
  referralOrganisations,
  referredOrganisationName,
  regrantWithRecoveryKey,
  setUpHandlerKey,
  territoryHandlers,
  unlockHandlerKey,
  writeOnCase,
} from './triage.service.ts';
import type { Denial, Outcome } from '../../platform/auth/permissions.ts';

const SlugParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) });
const CaseParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), reference: Type.String({ pattern: '^[A-Z0-9]{4}-[A-Z0-9]{4}$' }) });
const FormBody = Type.Record(Type.String(), Type.Union([Type.String({ maxLength: 10_000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 30 })]));

function str(body: unknown, name: string): string {
  const v = (body as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
}
function list(body: unknown, name: string): string[] {
  const v = (body as Record<string, unknown>)[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : [];
}

function isDenial(error: string): error is Denial {
  return error === 'signed-out' || error === 'forbidden' || error === 'two-factor-required';
}

export const triagePages: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', noStore);
  const db = app.database.db;
  const casesBase = (locale: string, slug: string) => href(locale, `/t/${slug}/antenna/cases`);

  async function renderCase(
    request: FastifyRequest,
    reply: FastifyReply,
    territory: Territory,
    reference: string,
    organisationSearch: string,
    errors: Record<string, string> = {},
    values: Record<string, string | string[]> = {},
  ) {
    const actor = request.actor!;
    const token = request.cookies[handlerCookie];
    const key = await handlerPrivateKey(db, actor, territory.id, token);
    const read = await readCase(db, actor, territory.id, reference, key, antennaDependencies().accessLogger);
    if (!read.ok) {
      if (read.error === 'not-found') return reply.callNotFound();
      if (read.error === 'no-access-log') {
        return reply.render(h(ToldPage, { title: request.i18n.t('antenna.handler.noLogTitle'), body: request.i18n.t('antenna.handler.noLogBody') }), 503);
      }
      return deny(request, reply, read.error);
    }
    const report = read.value.report;
    const [{ choices }, handlers, status, organisations, referredOrganisation, filedBy] = await Promise.all([
      formChoices(app, request, territory),
      territoryHandlers(db, territory.id),
      handlerKeyStatus(db, actor, territory.id, token),
      report.referralConsent ? referralOrganisations(db, actor, territory.id, organisationSearch) : null,
      report.referredKind === 'organisation' && report.referredTo ? referredOrganisationName(db, actor, territory.id, report.referredTo) : null,
      report.organisationId ? referredOrganisationName(db, actor, territory.id, report.organisationId) : null,
    ]);
    const referredTo =
      report.referredKind === 'service' ? (choices.services.find((s) => s.value === report.referredTo)?.label ?? null) : report.referredKind === 'organisation' ? referredOrganisation : null;
    return reply.render(
      h(CasePage, {
        slug: territory.slug,
        view: read.value,
        unlocked: key !== null,
        hasKey: status.hasKey,
        services: choices.services,
        districts: choices.districts,
        facilities: choices.facilities,
        grounds: choices.grounds,
        handlers: handlers.map((x) => ({ value: x.personId, label: x.displayName })),
        referral: {
          search: organisationSearch,
          organisations: organisations?.ok ? organisations.value.organisations.map((o) => ({ value: o.id, label: o.name })) : [],
          total: organisations?.ok ? organisations.value.total : 0,
          referredTo,
        },
        filedBy,
        errors,
        values,
      }),
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  }

  app.get(
    '/t/:slug/antenna/cases',
    {
      schema: {
        params: SlugParams,
        querystring: Type.Object({
          ...listQueryFields,
          status: Type.Optional(Type.String({ maxLength: 20 })),
          mine: Type.Optional(Type.String({ maxLength: 2 })),
          mode: Type.Optional(Type.String({ maxLength: 20 })),
          onBehalf: Type.Optional(Type.String({ maxLength: 20 })),
          classified: Type.Optional(Type.String({ maxLength: 20 })),
          after: Type.Optional(Type.String({ maxLength: 200 })),
          before: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
      config: { access: 'antenna.case.list' },
    },
    async (request, reply) => {
      const territory = await territoryOf(app, request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const query = request.query;
      const yesNo = (v: string | undefined) => (v === 'yes' ? true : v === 'no' ? false : undefined);
      const filter: CaseFilter = {
        status: (reportStatuses as readonly string[]).includes(query.status ?? '') ? (query.status as ReportStatus) : undefined,
        mine: query.mine === '1',
        mode: query.mode === 'anonymous' || query.mode === 'confidential' ? query.mode : undefined,
        onBehalf: yesNo(query.onBehalf),
        classified: yesNo(query.classified),
      };
      const list = parseListQuery(query, { sorts: caseSorts, defaultSort: caseListDefaults.sort, defaultDir: caseListDefaults.dir });
      // The next and previous links carry a keyset cursor beside the page number; one that does not decode is ignored.
      const cursor = query.after ? decodeCursor(query.after) : query.before ? decodeCursor(query.before) : null;
      const keyset = cursor && typeof cursor.value === 'string' && list.page > 1 ? { value: cursor.value, reference: cursor.id, backwards: !query.after } : undefined;
      const queue = await listCases(db, request.actor, territory.id, { ...filter, q: list.q }, list, keyset);
      if (!queue.ok) return deny(request, reply, queue.error);
      const [keyStatus, handlers] = await Promise.all([handlerKeyStatus(db, request.actor!, territory.id, request.cookies[handlerCookie]), territoryHandlers(db, territory.id)]);
      return reply.render(
        h(QueuePage, {
          slug: territory.slug,
          queue: queue.value,
          filter,
          list,
          hasKey: keyStatus.hasKey,
          unlocked: keyStatus.unlocked,
          handlerNames: Object.fromEntries(handlers.map((x) => [x.personId, x.displayName])),
        }),
      );
    },
  );

  app.get(
    '/t/:slug/antenna/cases/key',
    { schema: { params: SlugParams, querystring: Type.Object({ replace: Type.Optional(Type.String({ maxLength: 2 })) }) }, config: { access: 'antenna.key.manage' } },
    async (request, reply) => {
      const territory = await territoryOf(app, request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const status = await handlerKeyStatus(db, request.actor!, territory.id, request.cookies[handlerCookie]);
      return reply.render(h(KeyPage, { slug: territory.slug, hasKey: status.hasKey, errors: {}, replace: request.query.replace === '1' && status.hasKey }));
    },
  );

  app.post(
    '/t/:slug/antenna/cases/key',
    { schema: { params: SlugParams, body: FormBody }, config: { invalidates: false, access: 'antenna.key.manage', rateLimit: { max: perMinute(app, 60), timeWindow: 60_000 } } },
    async (request, reply) => {
      const territory = await territoryOf(app, request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const actor = request.actor!;
      const password = str(request.body, 'password');
      const replace = str(request.body, 'replace') === '1';
      const status = await handlerKeyStatus(db, actor, territory.id, undefined);
      const guardKey = `${actor.personId}:${territory.id}`;
      if (status.hasKey && !replace && (await app.antennaGuards.unlockFailures.blocked(guardKey))) {
        return reply.render(h(KeyPage, { slug: territory.slug, hasKey: true, errors: { password: 'antenna.errors.tooManyTries' }, replace: false }), 429);
      }
      const result = status.hasKey && !replace ? await unlockHandlerKey(db, actor, territory.id, password) : await setUpHandlerKey(db, actor, territory.id, { password, replace });
      if (!result.ok) {
        if (isDenial(result.error)) return deny(request, reply, result.error);
        if (result.error === 'wrong-password') await app.antennaGuards.unlockFailures.hit(guardKey);
        return reply.render(h(KeyPage, { slug: territory.slug, hasKey: status.hasKey, errors: result.fields ?? { password: 'antenna.errors.passwordWrong' }, replace }), 400);
      }
      await lockHandlerKey(db, request.cookies[handlerCookie]);
      reply.setCookie(handlerCookie, result.value.token, cookieOptions(app));
      return reply.redirect(casesBase(request.i18n.locale, territory.slug), 303);
    },
  );

  app.post('/t/:slug/antenna/cases/key/lock', { schema: { params: SlugParams, body: FormBody }, config: { invalidates: false, access: 'antenna.key.manage' } }, async (request, reply) => {
    const territory = await territoryOf(app, request, request.params.slug);
    if (!territory) return reply.callNotFound();
    await lockHandlerKey(db, request.cookies[handlerCookie]);
    reply.clearCookie(handlerCookie, { path: '/' });
    return reply.redirect(casesBase(request.i18n.locale, territory.slug), 303);
  });

  app.get(
    '/t/:slug/antenna/cases/:reference',
    { schema: { params: CaseParams, querystring: Type.Object({ organisation: Type.Optional(Type.String({ maxLength: 100 })) }) }, config: { access: 'antenna.case.read' } },
    async (request, reply) => {
      const territory = await territoryOf(app, request, request.params.slug);
      if (!territory) return reply.callNotFound();
      return renderCase(request, reply, territory, request.params.reference, request.query.organisation ?? '');
    },
  );

  app.get(
    '/t/:slug/antenna/cases/:reference/files/:fileId',
    { schema: { params: Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), reference: Type.String({ maxLength: 9 }), fileId: Type.String({ format: 'uuid' }) }) }, config: { access: 'antenna.case.read' } },
    async (request, reply) => {
      const territory = await territoryOf(app, request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const key = await handlerPrivateKey(db, request.actor!, territory.id, request.cookies[handlerCookie]);
      const file = await readCaseFile(db, request.actor, app.files, territory.id, request.params.reference, request.params.fileId, key, antennaDependencies().accessLogger);
      if (!file.ok) {
        if (file.error === 'not-found' || file.error === 'locked') return reply.callNotFound();
        if (file.error === 'no-access-log') return reply.render(h(ToldPage, { title: request.i18n.t('antenna.handler.noLogTitle'), body: request.i18n.t('antenna.handler.noLogBody') }), 503);
        return deny(request, reply, file.error);
      }
      const ascii = file.value.meta.name.replace(/[^A-Za-z0-9._-]/g, '_');
      return reply
        .type(file.value.meta.type)
        .header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.value.meta.name)}`)
        .header('X-Content-Type-Options', 'nosniff')
        .send(Buffer.from(file.value.data));
    },
  );

  const CaseAction = Type.Object({
    locale: Type.String(),
    slug: Type.String({ maxLength: 100 }),
    reference: Type.String({ pattern: '^[A-Z0-9]{4}-[A-Z0-9]{4}$' }),
    action: Type.Union(['write', 'status', 'assign', 'classify', 'declassify', 'refer'].map((a) => Type.Literal(a))),
  });

  app.post('/t/:slug/antenna/cases/:reference/:action', { schema: { params: CaseAction, body: FormBody }, config: { invalidates: false, access: 'antenna.case.manage' } }, async (request, reply) => {
    const territory = await territoryOf(app, request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const { reference, action } = request.params;
    const actor = request.actor;
    const body = request.body;
    let result: Outcome<null, 'not-found' | 'invalid' | 'locked' | 'no-consent'>;
    switch (action) {
      case 'write': {
        const key = await handlerPrivateKey(db, actor!, territory.id, request.cookies[handlerCookie]);
        result = await writeOnCase(db, actor, territory.id, reference, key, { kind: str(body, 'visibility') === 'message' ? 'message' : 'note', text: str(body, 'text') });
        break;
      }
      case 'status':
        result = await changeStatus(db, actor, territory, reference, { status: str(body, 'status'), reason: str(body, 'reason') });
        break;
      case 'assign':
        result = await assignCase(db, actor, territory.id, reference, str(body, 'assignee'));
        break;
      case 'classify':
        result = await classifyCase(db, actor, territory, reference, {
          serviceId: str(body, 'serviceId'),
          grounds: list(body, 'grounds'),
          dimension: str(body, 'dimension'),
          districtId: str(body, 'districtId'),
          month: str(body, 'month').trim(),
        });
        break;
      case 'declassify':
        result = await declassifyCase(db, actor, territory.id, reference);
        break;
      case 'refer':
        result = await referCase(db, actor, territory.id, reference, { kind: str(body, 'referKind'), serviceId: str(body, 'referServiceId'), organisationId: str(body, 'organisationId').trim() });
        break;
      default:
        return reply.callNotFound();
    }
    if (!result.ok) {
      if (isDenial(result.error)) return deny(request, reply, result.error);
      if (result.error === 'not-found') return reply.callNotFound();
      let errors: Record<string, string> =
        result.error === 'locked'
          ? { text: 'antenna.errors.locked' }
          : result.error === 'no-consent'
            ? { referKind: 'antenna.errors.noConsent' }
            : (result.fields ?? { text: 'antenna.errors.chooseOne' });
      // The referral form's fields have their own names, so no two forms of the page share an id.
      if (action === 'refer') errors = Object.fromEntries(Object.entries(errors).map(([k, m]) => [k === 'kind' ? 'referKind' : k === 'serviceId' ? 'referServiceId' : k, m]));
      const values: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(body)) if (k !== '_csrf') values[k] = v;
      // The referral form carries the organisation search it was shown with, so the same list comes back.
      return renderCase(request, reply, territory, reference, str(body, 'organisationSearch').slice(0, 100), errors, values);
    }
    return reply.redirect(`${casesBase(request.i18n.locale, territory.slug)}/${reference}`, 303);
  });

  // ------------------------------------------------------------ recovery key (territory admin)

  async function renderRecovery(request: FastifyRequest, reply: FastifyReply, territory: Territory, extra: { privateKey?: string | null; errors?: Record<string, string>; regranted?: number | null }, status = 200) {
    const [exists, handlers] = await Promise.all([recoveryKeyExists(db, territory.id), territoryHandlers(db, territory.id)]);
    return reply.render(
      h(RecoveryPage, {
        slug: territory.slug,
        exists,
        privateKey: extra.privateKey ?? null,
        handlers: handlers.map((x) => ({ value: x.personId, label: x.displayName })),
        errors: extra.errors ?? {},
        regranted: extra.regranted ?? null,
      }),
      status,
    );
  }

  app.get('/t/:slug/antenna/recovery', { schema: { params: SlugParams }, config: { access: 'antenna.recovery.manage' } }, async (request, reply) => {
    const territory = await territoryOf(app, request, request.params.slug);
    if (!territory) return reply.callNotFound();
    return renderRecovery(request, reply, territory, {});
  });

  app.post('/t/:slug/antenna/recovery', { schema: { params: SlugParams, body: FormBody }, config: { invalidates: false, access: 'antenna.recovery.manage' } }, async (request, reply) => {
    const territory = await territoryOf(app, request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const made = await createRecoveryKey(db, request.actor, territory.id);
    if (!made.ok) {
      if (made.error === 'exists') return renderRecovery(request, reply, territory, {});
      return deny(request, reply, made.error);
    }
    // Shown once, in this response only (no redirect): the private key is kept nowhere on the server.
    return renderRecovery(request, reply, territory, { privateKey: made.value.privateKey });
  });

  app.post('/t/:slug/antenna/recovery/regrant', { schema: { params: SlugParams, body: FormBody }, config: { invalidates: false, access: 'antenna.recovery.manage', rateLimit: { max: perMinute(app, 60), timeWindow: 60_000 } } }, async (request, reply) => {
    const territory = await territoryOf(app, request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const result = await regrantWithRecoveryKey(db, request.actor, territory.id, { recoveryKey: str(request.body, 'recoveryKey'), personId: str(request.body, 'personId') });
    if (!result.ok) {
      if (isDenial(result.error)) return deny(request, reply, result.error);
      return renderRecovery(request, reply, territory, { errors: result.fields ?? {} }, 400);
    }
    return renderRecovery(request, reply, territory, { regranted: result.value.cases });
  });
};
