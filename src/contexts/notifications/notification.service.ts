// Telling people what concerns them: a notification on their desk, and an email now, in a daily or weekly
// digest, or never, as they chose per kind. Emails go through the platform's mail queue in the recipient's
// language, each with a one-link unsubscribe that needs no sign-in.
import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { Mailer } from '../../platform/mail/mail.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { keyedHash } from '../../platform/crypto/secrets.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { asLocale, findPerson, mailPerson } from '../identity/identity.service.ts';
import { deskOnlyKinds, follow, frequencies, notification, notificationKinds, notificationPreference, type FollowKind, type Frequency, type NotificationKind } from './notification.schema.ts';

export type Notification = typeof notification.$inferSelect;

/** Set by the manifest's hooks when the app starts: subscribers get only a transaction. */
let delivery: { mailer: Mailer; publicUrl: string; secret: string } | null = null;
export function setDelivery(value: typeof delivery): void {
  delivery = value;
}

export function isKind(value: string): value is NotificationKind {
  return (notificationKinds as readonly string[]).includes(value);
}

export function unsubscribeToken(secret: string, personId: string, kind: NotificationKind): string {
  return keyedHash(secret, `unsubscribe:${personId}:${kind}`);
}

export function unsubscribeLink(publicUrl: string, secret: string, personId: string, kind: NotificationKind, locale: string): string {
  const url = new URL(`/${locale}/notifications/unsubscribe`, publicUrl);
  url.searchParams.set('person', personId);
  url.searchParams.set('kind', kind);
  url.searchParams.set('token', unsubscribeToken(secret, personId, kind));
  return url.toString();
}

export async function preferencesOf(db: Db, personId: string): Promise<Record<NotificationKind, Frequency>> {
  const rows = await db.select().from(notificationPreference).where(eq(notificationPreference.personId, personId));
  const out = Object.fromEntries(notificationKinds.map((k) => [k, 'immediate'])) as Record<NotificationKind, Frequency>;
  for (const row of rows) out[row.kind] = row.frequency;
  return out;
}

/** The message of a notification in one language (for the desk, the feed of notifications and emails). */
export function messageOf(n: Pick<Notification, 'kind' | 'values'>, locale: string): string {
  return translator(asLocale(locale))(`notifications.kind.${n.kind}`, n.values);
}

/**
 * Tells these people: one row each (their desk), and an email now when that is their choice for the kind.
 * Runs inside the caller's transaction (domain events), so a rolled-back action tells nobody.
 */
export async function notify(db: Db, input: { personIds: string[]; kind: NotificationKind; territoryId: string | null; values: Record<string, string>; path: string; exceptId?: string | null }): Promise<number> {
  const people = [...new Set(input.personIds)].filter((id) => id !== input.exceptId);
  let told = 0;
  for (const personId of people) {
    const frequency = deskOnlyKinds.includes(input.kind) ? 'none' : (await preferencesOf(db, personId))[input.kind];
    const sendNow = frequency === 'immediate' && delivery !== null;
    await db.insert(notification).values({
      personId,
      kind: input.kind,
      territoryId: input.territoryId,
      values: input.values,
      path: input.path,
      mail: frequency === 'immediate' ? (sendNow ? 'sent' : 'none') : frequency,
      mailedAt: sendNow ? new Date() : null,
    });
    told += 1;
    if (!sendNow) continue;
    const person = await findPerson(db, personId);
    if (!person) continue;
    const locale = asLocale(person.locale);
    await mailPerson(db, delivery!.mailer, personId, {
      subjectKey: 'notifications.mail.subject',
      bodyKey: 'notifications.mail.body',
      values: {
        what: messageOf({ kind: input.kind, values: input.values }, locale),
        link: new URL(`/${locale}${input.path}`, delivery!.publicUrl).toString(),
        settings: new URL(`/${locale}/notifications/settings`, delivery!.publicUrl).toString(),
        unsubscribe: unsubscribeLink(delivery!.publicUrl, delivery!.secret, personId, input.kind, locale),
      },
    });
  }
  return told;
}

export async function followersOf(db: Db, subjectKind: FollowKind, subjectId: string): Promise<string[]> {
  const rows = await db.select({ personId: follow.personId }).from(follow).where(and(eq(follow.subjectKind, subjectKind), eq(follow.subjectId, subjectId)));
  return rows.map((r) => r.personId);
}

export async function isFollowing(db: Db, personId: string, subjectKind: FollowKind, subjectId: string): Promise<boolean> {
  const [row] = await db.select().from(follow).where(and(eq(follow.personId, personId), eq(follow.subjectKind, subjectKind), eq(follow.subjectId, subjectId)));
  return Boolean(row);
}

export async function setFollowing(db: Db, actor: Actor | null, input: { subjectKind: FollowKind; subjectId: string; on: boolean }): Promise<Outcome<null>> {
  const allowed = requirePermission(actor, 'notifications.follow.manage');
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  if (input.on) await db.insert(follow).values({ personId: actor!.personId, subjectKind: input.subjectKind, subjectId: input.subjectId }).onConflictDoNothing();
  else await db.delete(follow).where(and(eq(follow.personId, actor!.personId), eq(follow.subjectKind, input.subjectKind), eq(follow.subjectId, input.subjectId)));
  return { ok: true, value: null };
}

/** The person's own notifications, newest first; `after` (the API's cursor) starts after that one. */
export async function myNotifications(db: Db, actor: Actor | null, limit = 50, after?: { at: string; id: string }): Promise<Outcome<(Notification & { position: string })[]>> {
  const allowed = requirePermission(actor, 'notifications.own.read');
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const mine = eq(notification.personId, actor!.personId);
  // Compared as the database holds the time (to the microsecond), never rounded through a JS date.
  const where = after ? and(mine, sql`(${notification.createdAt}, ${notification.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`) : mine;
  const rows = await db
    .select({ row: notification, position: sql<string>`${notification.createdAt}::text` })
    .from(notification)
    .where(where)
    .orderBy(desc(notification.createdAt), desc(notification.id))
    .limit(limit);
  return { ok: true, value: rows.map((r) => ({ ...r.row, position: r.position })) };
}

export async function unreadCount(db: Db, personId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(notification).where(and(eq(notification.personId, personId), isNull(notification.readAt)));
  return row?.n ?? 0;
}

export async function markAllRead(db: Db, actor: Actor | null): Promise<Outcome<null>> {
  const allowed = requirePermission(actor, 'notifications.own.read');
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  await db.update(notification).set({ readAt: new Date() }).where(and(eq(notification.personId, actor!.personId), isNull(notification.readAt)));
  return { ok: true, value: null };
}

export async function savePreferences(db: Db, actor: Actor | null, choices: Record<string, string | undefined>): Promise<Outcome<null, 'invalid'>> {
  const allowed = requirePermission(actor, 'notifications.own.read');
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const fields: Record<string, string> = {};
  for (const kind of notificationKinds) {
    const value = choices[kind];
    if (value !== undefined && !(frequencies as readonly string[]).includes(value)) fields[kind] = 'notifications.settings.errors.frequency';
  }
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  await db.transaction(async (tx) => {
    for (const kind of notificationKinds) {
      const frequency = choices[kind] as Frequency | undefined;
      if (!frequency) continue;
      await tx.insert(notificationPreference).values({ personId: actor!.personId, kind, frequency }).onConflictDoUpdate({ target: [notificationPreference.personId, notificationPreference.kind], set: { frequency } });
    }
  });
  return { ok: true, value: null };
}

/** The link in an email: valid for its person and kind only, and needs no sign-in. */
export async function unsubscribe(db: Db, secret: string, input: { person?: string; kind?: string; token?: string }): Promise<Outcome<{ kind: NotificationKind }, 'invalid-link'>> {
  const { person, kind, token } = input;
  if (!person || !kind || !token || !/^[0-9a-f-]{36}$/.test(person) || !isKind(kind)) return { ok: false, error: 'invalid-link' };
  const expected = unsubscribeToken(secret, person, kind);
  if (expected.length !== token.length || expected !== token) return { ok: false, error: 'invalid-link' };
  await db.insert(notificationPreference).values({ personId: person, kind, frequency: 'none' }).onConflictDoUpdate({ target: [notificationPreference.personId, notificationPreference.kind], set: { frequency: 'none' } });
  return { ok: true, value: { kind } };
}

/**
 * Sends the digests that are due: one email per person with what waited since the last, daily or weekly.
 * Takes an advisory lock so that one instance runs it at a time.
 */
export async function sendDigests(db: Db, now = new Date()): Promise<number> {
  if (!delivery) return 0;
  const { mailer, publicUrl } = delivery;
  return db.transaction(async (tx) => {
    const locked = (await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext('notifications-digest')) as locked`)) as unknown as { rows: { locked: boolean }[] };
    if (!locked.rows[0]?.locked) return 0;
    let sent = 0;
    for (const [frequency, days] of [['daily', 1], ['weekly', 7]] as const) {
      const cutoff = new Date(now.getTime() - days * 24 * 3600 * 1000);
      // Due when the oldest waiting item is at least a period old.
      const due = await tx
        .select({ personId: notification.personId })
        .from(notification)
        .where(and(eq(notification.mail, frequency), isNull(notification.mailedAt), lt(notification.createdAt, cutoff)))
        .groupBy(notification.personId);
      for (const { personId } of due) {
        const items = await tx.select().from(notification).where(and(eq(notification.personId, personId), eq(notification.mail, frequency), isNull(notification.mailedAt))).orderBy(notification.createdAt);
        const person = await findPerson(tx, personId);
        if (person) {
          const locale = asLocale(person.locale);
          await mailPerson(tx, mailer, personId, {
            subjectKey: 'notifications.mail.digestSubject',
            bodyKey: 'notifications.mail.digestBody',
            values: {
              count: items.length,
              list: items.map((n) => `- ${messageOf(n, locale)}\n  ${new URL(`/${locale}${n.path}`, publicUrl).toString()}`).join('\n'),
              settings: new URL(`/${locale}/notifications/settings`, publicUrl).toString(),
            },
          });
          sent += 1;
        }
        await tx.update(notification).set({ mailedAt: now }).where(inArray(notification.id, items.map((n) => n.id)));
      }
    }
    return sent;
  });
}
