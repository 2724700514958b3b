// Administration pages under /:locale/admin: roles and invitations, the mail outbox, the access log.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { writeCsv } from '../../platform/csv/csv.ts';
import type { Actor } from '../../platform/auth/permissions.ts';
import type { Locale as LocaleCode } from '../../platform/i18n/locales.ts';
import { nameScopes } from '../../platform/portal.ts';
import type { AccessLogFilter } from '../../platform/access-log/access-log.ts';
import { assignRole, findAssignment, inviteToRole, listAssignments, listInvitations, revokeRole, displayNames, type RoleInput } from './roles.service.ts';
import { readAccessLog, readOutbox, territoryOptions } from './admin.service.ts';
import { answerDenial } from './account.routes.ts';
import * as views from './admin.views.tsx';
import { isUuid } from '../../platform/ids.ts';

const Locale = Type.Object({ locale: Type.String() });
const text = (max = 500) => Type.Optional(Type.String({ maxLength: max }));
const csrf = { _csrf: text(200) };

const LogQuery = Type.Object({ actor: text(60), action: text(100), recordType: text(60), recordId: text(100), territory: text(60), from: text(20), to: text(20), before: text(20) });
type LogQueryValues = Partial<Record<'actor' | 'action' | 'recordType' | 'recordId' | 'territory' | 'from' | 'to' | 'before', string>>;

/** Filter values from the URL → a filter, or the fields that are wrong (kept as typed). */
export function parseLogFilter(query: LogQueryValues): { filter: AccessLogFilter; beforeSeq?: number; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const filter: AccessLogFilter = {};
  const trimmed = (v?: string) => v?.trim() || undefined;
  const actor = trimmed(query.actor);
  if (actor) {
    if (isUuid(actor)) filter.actorId = actor;
    else errors.actor = 'identity.validation.idInvalid';
  }
  const territory = trimmed(query.territory);
  if (territory) {
    if (isUuid(territory)) filter.territoryId = territory;
    else errors.territory = 'identity.validation.scopeRequired';
  }
  if (trimmed(query.action)) filter.action = trimmed(query.action);
  if (trimmed(query.recordType)) filter.recordType = trimmed(query.recordType);
  if (trimmed(query.recordId)) filter.recordId = trimmed(query.recordId);
  for (const key of ['from', 'to'] as const) {
    const value = trimmed(query[key]);
    if (!value) continue;
    const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
    if (!date || Number.isNaN(date.getTime())) errors[key] = 'identity.validation.dateInvalid';
    // "To" includes the whole day.
    else filter[key] = key === 'to' ? new Date(date.getTime() + 24 * 3600_000) : date;
  }
  const before = trimmed(query.before);
  const beforeSeq = before && /^\d{1,15}$/.test(before) ? Number(before) : undefined;
  return { filter, beforeSeq, errors };
}

function roleInput(body: { email?: string; role?: string; scope?: string; reason?: string }): RoleInput {
  const scope = body.scope ?? '';
  return { email: body.email, role: body.role, reason: body.reason, scopeKind: scope === 'platform' ? 'platform' : 'territory', scopeId: scope === 'platform' ? '' : scope };
}

export const adminPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const noStore = { 'Cache-Control': 'no-store' };

  // ——— Roles ———
  const RolesQuery = Type.Object({ territory: text(60), history: text(10), done: text(20) });
  async function rolesPage(
    locale: LocaleCode,
    actor: Actor | null,
    query: { territory?: string; history?: string; done?: string },
    form: { values: Record<string, string | undefined>; errors: Record<string, string> },
  ) {
    const territoryId = query.territory && isUuid(query.territory) ? query.territory : undefined;
    const assignments = await listAssignments(db, actor, { territoryId, includeRevoked: query.history === 'yes' });
    if (!assignments.ok) return assignments;
    const invitations = await listInvitations(db, actor);
    const territories = await territoryOptions(db);
    const names = await displayNames(db, assignments.value.flatMap((a) => [a.grantedBy, a.revokedBy].filter((x): x is string => Boolean(x))));
    const scopes = await nameScopes(db, [...assignments.value, ...(invitations.ok ? invitations.value : [])].map((a) => ({ kind: a.scopeKind, id: a.scopeId })), locale);
    return { ok: true as const, props: { assignments: assignments.value, invitations: invitations.ok ? invitations.value : [], territories, names, scopes, query, form } };
  }

  app.get('/admin/roles', { schema: { params: Locale, querystring: RolesQuery }, config: { access: 'identity.role.manage' } }, async (request, reply) => {
    const page = await rolesPage(request.i18n.locale, request.actor, request.query, { values: {}, errors: {} });
    if (!page.ok) return answerDenial(request, reply, page.error);
    return reply.headers(noStore).render(h(views.RolesPage, page.props));
  });
  const RoleBody = Type.Object({ ...csrf, email: text(300), role: text(60), scope: text(60), reason: text(1000), intent: text(10) });
  app.post('/admin/roles', { schema: { params: Locale, body: RoleBody }, config: { access: 'identity.role.manage' } }, async (request, reply) => {
    const input = roleInput(request.body);
    const result = request.body.intent === 'invite' ? await inviteToRole({ db, mailer: app.mailer, publicUrl: app.config.publicUrl }, request.actor, { ...input, locale: request.i18n.locale }) : await assignRole(db, request.actor, input);
    if (!result.ok) {
      if (result.error !== 'invalid') return answerDenial(request, reply, result.error);
      const page = await rolesPage(request.i18n.locale, request.actor, {}, { values: request.body, errors: result.fields ?? {} });
      if (!page.ok) return answerDenial(request, reply, page.error);
      return reply.headers(noStore).render(h(views.RolesPage, page.props), 400);
    }
    return reply.redirect(`/${request.i18n.locale}/admin/roles?done=${request.body.intent === 'invite' ? 'invited' : 'granted'}`, 303);
  });
  const AssignmentParams = Type.Object({ locale: Type.String(), id: Type.String({ maxLength: 40 }) });
  app.get('/admin/roles/:id/revoke', { schema: { params: AssignmentParams }, config: { access: 'identity.role.manage' } }, async (request, reply) => {
    const found = await findAssignment(db, request.actor, request.params.id);
    if (!found.ok) return answerDenial(request, reply, found.error);
    return reply.render(h(views.RevokePage, { assignment: found.value, territories: await territoryOptions(db), scopes: await nameScopes(db, [{ kind: found.value.scopeKind, id: found.value.scopeId }], request.i18n.locale), values: {}, errors: {} }));
  });
  app.post(
    '/admin/roles/:id/revoke',
    { schema: { params: AssignmentParams, body: Type.Object({ ...csrf, reason: text(1000) }) }, config: { access: 'identity.role.manage' } },
    async (request, reply) => {
      const result = await revokeRole(db, request.actor, request.params.id, request.body);
      if (!result.ok) {
        if (result.error !== 'invalid') return answerDenial(request, reply, result.error);
        const found = await findAssignment(db, request.actor, request.params.id);
        if (!found.ok) return answerDenial(request, reply, found.error);
        return reply.render(h(views.RevokePage, { assignment: found.value, territories: await territoryOptions(db), scopes: await nameScopes(db, [{ kind: found.value.scopeKind, id: found.value.scopeId }], request.i18n.locale), values: request.body, errors: result.fields ?? {} }), 400);
      }
      return reply.redirect(`/${request.i18n.locale}/admin/roles?done=revoked`, 303);
    },
  );

  // ——— Outbox ———
  app.get('/admin/outbox', { schema: { params: Locale }, config: { access: 'identity.outbox.read' } }, async (request, reply) => {
    const messages = await readOutbox(db, request.actor);
    if (!messages.ok) return answerDenial(request, reply, messages.error);
    return reply.headers(noStore).render(h(views.OutboxPage, { ...messages.value, usesOutbox: app.mailer.usesOutbox }));
  });

  // ——— Access log ———
  const pageSize = 100;
  app.get('/admin/access-log', { schema: { params: Locale, querystring: LogQuery }, config: { access: 'identity.accessLog.read' } }, async (request, reply) => {
    const { filter, beforeSeq, errors } = parseLogFilter(request.query);
    const territories = await territoryOptions(db);
    if (Object.keys(errors).length > 0) return reply.headers(noStore).render(h(views.AccessLogPage, { entries: [], names: new Map(), territories, query: request.query, errors, nextBefore: null }), 400);
    const entries = await readAccessLog(db, request.actor, filter, { limit: pageSize, beforeSeq }, 'page');
    if (!entries.ok) return answerDenial(request, reply, entries.error);
    const names = await displayNames(db, entries.value.map((e) => e.actorId).filter((x): x is string => Boolean(x)));
    const nextBefore = entries.value.length === pageSize ? entries.value[entries.value.length - 1]!.position : null;
    return reply.headers(noStore).render(h(views.AccessLogPage, { entries: entries.value, names, territories, query: request.query, errors: {}, nextBefore }));
  });
  app.get('/admin/access-log.csv', { schema: { params: Locale, querystring: LogQuery }, config: { access: 'identity.accessLog.read' } }, async (request, reply) => {
    const { filter, errors } = parseLogFilter(request.query);
    if (Object.keys(errors).length > 0) return reply.redirect(`/${request.i18n.locale}/admin/access-log${request.url.slice(request.url.indexOf('?'))}`, 303);
    const entries = await readAccessLog(db, request.actor, filter, { limit: 50_000 }, 'export');
    if (!entries.ok) return answerDenial(request, reply, entries.error);
    const territories = new Map((await territoryOptions(db)).map((t) => [t.id, t.name]));
    const csv = writeCsv(
      entries.value.map((e) => [e.seq, e.at.toISOString(), e.actorId ?? '', e.action, e.recordType, e.recordId, e.territoryId ? (territories.get(e.territoryId) ?? e.territoryId) : '', e.reason ?? '', e.hash]),
      { columns: ['seq', 'at', 'actor_id', 'action', 'record_type', 'record_id', 'territory', 'reason', 'hash'] },
    );
    return reply
      .headers(noStore)
      .header('Content-Disposition', `attachment; filename="access-log-${new Date().toISOString().slice(0, 10)}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(csv);
  });
};
