// A person's own notifications through the JSON API (a phone app, a desktop notifier): what the desk shows, in
// words in the language asked, with the page to open, newest first, a page at a time; and marking them read.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemSchema, sendOutcomeProblem } from '../../platform/http/problem.ts';
import { CursorQuery, NextCursor, badCursor, decodeCursor, encodeCursor } from '../../platform/api/cursor.ts';
import { ok } from '../../platform/api/write.ts';
import { markAllRead, messageOf, myNotifications, unreadCount } from './notification.service.ts';
import { notificationKinds } from './notification.schema.ts';
import { isUuid } from '../../platform/ids.ts';

const NotificationSchema = Type.Object({
  id: Type.String(),
  kind: Type.Unsafe<string>(Type.String({ enum: [...notificationKinds] })),
  message: Type.String({ description: 'What happened, in words, in the language asked' }),
  url: Type.String({ description: 'The page to open, in that language' }),
  createdAt: Type.String({ format: 'date-time' }),
  read: Type.Boolean(),
});

export const notificationsApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get(
    '/me/notifications',
    {
      config: { access: 'notifications.own.read', scope: 'read:account' },
      schema: {
        operationId: 'listMyNotifications',
        summary: 'Your notifications, newest first, a page at a time, with how many are unread',
        description: 'For the person the token acts as (scope read:account): their own notifications, newest first, each in words in their language with the address of the page it is about, and how many are unread. A page at a time: pass next as cursor.',
        tags: ['notifications'],
        querystring: Type.Object({ ...CursorQuery }),
        response: { 200: Type.Object({ unread: Type.Integer(), notifications: Type.Array(NotificationSchema), next: NextCursor }), 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request, reply) => {
      const limit = request.query.limit ?? 50;
      let after: { at: string; id: string } | undefined;
      if (request.query.cursor) {
        const position = decodeCursor(request.query.cursor);
        if (!position || typeof position.value !== 'string' || Number.isNaN(Date.parse(position.value)) || !isUuid(position.id)) return badCursor(request, reply);
        after = { at: position.value, id: position.id };
      }
      const mine = await myNotifications(db, request.actor, limit, after);
      if (!mine.ok) return sendOutcomeProblem(request, reply, mine.error);
      const locale = request.i18n.locale;
      const last = mine.value.at(-1);
      return {
        unread: await unreadCount(db, request.actor!.personId),
        notifications: mine.value.map((n) => ({ id: n.id, kind: n.kind, message: messageOf(n, locale), url: `/${locale}${n.path}`, createdAt: n.createdAt.toISOString(), read: n.readAt !== null })),
        next: last && mine.value.length === limit ? encodeCursor({ value: last.position, id: last.id }) : null,
      };
    },
  );

  app.post(
    '/me/notifications/read',
    {
      config: { access: 'notifications.own.read', scope: 'write:account', invalidates: false },
      schema: {
        operationId: 'markMyNotificationsRead',
        summary: 'Mark all your notifications read (what the desk does with "Mark all as read")',
        description: 'For the person the token acts as, with scope write:account (a read:account token is refused with 403): every one of their notifications is marked read; answers the unread count, 0.',
        tags: ['notifications'],
        response: ok(Type.Object({ unread: Type.Integer() })),
      },
    },
    async (request, reply) => {
      const done = await markAllRead(db, request.actor);
      if (!done.ok) return sendOutcomeProblem(request, reply, done.error);
      return { unread: 0 };
    },
  );
};
