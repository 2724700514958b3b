// Pages under /:locale/notifications: the list, the choices per kind and follows, and the unsubscribe link.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { deny } from '../../platform/auth/plugin.ts';
import type { Denial } from '../../platform/auth/permissions.ts';
import { getOrCreateSecret } from '../../platform/crypto/secrets.ts';
import { findTerritory, listTerritories } from '../territories/territory.service.ts';
import { notificationKinds } from './notification.schema.ts';
import { isFollowing, markAllRead, myNotifications, preferencesOf, savePreferences, setFollowing, unsubscribe } from './notification.service.ts';
import { NotificationsPage, SettingsPage, UnsubscribePage } from './notification.views.tsx';

const Locale = Type.Object({ locale: Type.String() });
const text = (max = 200) => Type.Optional(Type.String({ maxLength: max }));
const UnsubscribeQuery = Type.Object({ person: text(40), kind: text(40), token: text(100) });

function denied(request: FastifyRequest, reply: FastifyReply, error: Denial | string) {
  if (error === 'signed-out' || error === 'forbidden' || error === 'two-factor-required') return deny(request, reply, error);
  return reply.callNotFound();
}

export const notificationPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const secret = await getOrCreateSecret(db, 'notifications-unsubscribe');
  const noStore = { 'Cache-Control': 'no-store' };

  app.get('/notifications', { schema: { params: Locale }, config: { access: 'notifications.own.read' } }, async (request, reply) => {
    const items = await myNotifications(db, request.actor);
    if (!items.ok) return denied(request, reply, items.error);
    return reply.headers(noStore).render(h(NotificationsPage, { items: items.value }));
  });
  app.post('/notifications/read', { schema: { params: Locale, body: Type.Object({ _csrf: text() }) }, config: { invalidates: false, access: 'notifications.own.read' } }, async (request, reply) => {
    const done = await markAllRead(db, request.actor);
    if (!done.ok) return denied(request, reply, done.error);
    return reply.redirect(`/${request.i18n.locale}/notifications`, 303);
  });

  const settingsPage = async (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string>, done: boolean, status = 200) => {
    const actor = request.actor!;
    const territories = await listTerritories(db);
    const followed: string[] = [];
    for (const summary of territories) {
      const territory = await findTerritory(db, summary.slug);
      if (territory && (await isFollowing(db, actor.personId, 'territory', territory.id))) followed.push(territory.slug);
    }
    return reply.headers(noStore).render(h(SettingsPage, { preferences: await preferencesOf(db, actor.personId), territories, followed, errors, done }), status);
  };
  app.get('/notifications/settings', { schema: { params: Locale, querystring: Type.Object({ done: text(10) }) }, config: { access: 'notifications.own.read' } }, async (request, reply) =>
    settingsPage(request, reply, {}, request.query.done === '1'),
  );
  const SettingsBody = Type.Object({
    _csrf: text(),
    follow: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 200 })])),
    ...Object.fromEntries(notificationKinds.map((k) => [k, text(20)])),
  });
  app.post('/notifications/settings', { schema: { params: Locale, body: SettingsBody }, config: { invalidates: false, access: 'notifications.own.read' } }, async (request, reply) => {
    const body = request.body as Record<string, string | string[] | undefined>;
    const choices = Object.fromEntries(notificationKinds.map((k) => [k, typeof body[k] === 'string' ? (body[k] as string) : undefined]));
    const saved = await savePreferences(db, request.actor, choices);
    if (!saved.ok) return saved.error === 'invalid' ? settingsPage(request, reply, saved.fields ?? {}, false, 400) : denied(request, reply, saved.error);
    const wanted = new Set(Array.isArray(body.follow) ? body.follow : body.follow ? [body.follow] : []);
    for (const summary of await listTerritories(db)) {
      const territory = await findTerritory(db, summary.slug);
      if (territory) await setFollowing(db, request.actor, { subjectKind: 'territory', subjectId: territory.id, on: wanted.has(territory.slug) });
    }
    return reply.redirect(`/${request.i18n.locale}/notifications/settings?done=1`, 303);
  });

  // Follow a network or a challenge from its page; back to that page (a path of this site only).
  app.post(
    '/notifications/follow',
    { schema: { params: Locale, body: Type.Object({ _csrf: text(), kind: text(20), id: text(40), on: text(5), back: text(500) }) }, config: { access: 'notifications.follow.manage' } },
    async (request, reply) => {
      const { kind, id, on, back } = request.body;
      if ((kind !== 'network' && kind !== 'challenge') || !/^[0-9a-f-]{36}$/.test(id ?? '')) return reply.callNotFound();
      const done = await setFollowing(db, request.actor, { subjectKind: kind, subjectId: id!, on: on === 'yes' });
      if (!done.ok) return denied(request, reply, done.error);
      const safe = back && back.startsWith(`/${request.i18n.locale}/`) && !back.startsWith('//') && !/[\\\p{Cc}]/u.test(back) ? back : `/${request.i18n.locale}/notifications/settings`;
      return reply.redirect(safe, 303);
    },
  );

  // One link from any email, without signing in: a page that says what stops, and one button.
  app.get('/notifications/unsubscribe', { schema: { params: Locale, querystring: UnsubscribeQuery }, config: { access: 'public' } }, async (request, reply) => {
    const { kind } = request.query;
    const valid = (notificationKinds as readonly string[]).includes(kind ?? '') && Boolean(request.query.person && request.query.token);
    return reply.headers(noStore).render(h(UnsubscribePage, { state: valid ? 'confirm' : 'invalid', kind: valid ? kind! : null, query: request.query }), valid ? 200 : 400);
  });
  app.post('/notifications/unsubscribe', { schema: { params: Locale, body: Type.Intersect([UnsubscribeQuery, Type.Object({ _csrf: text() })]) }, config: { invalidates: false, access: 'public' } }, async (request, reply) => {
    const result = await unsubscribe(db, secret, request.body);
    if (!result.ok) return reply.headers(noStore).render(h(UnsubscribePage, { state: 'invalid', kind: null, query: {} }), 400);
    return reply.headers(noStore).render(h(UnsubscribePage, { state: 'done', kind: result.value.kind, query: {} }));
  });
};
