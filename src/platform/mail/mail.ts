// Sends email through nodemailer over SMTP_URL; with no mail server configured, messages go to the
// outbox table, whose recipients and subjects administrators read at /:locale/admin/outbox. A message
// that carries a secret (a reset link, an invitation, a confirmation code) is never shown there, and in
// production its text is not even kept: who reads the outbox could otherwise take over the account.
// Messages are written in the recipient's language from the ICU catalogues.
//
// With a mail server, a message is first written to the mail queue in the caller's transaction and sent
// by a worker after the commit: a rolled-back action sends nothing, and a mail server that is down delays
// the message (retried with back-off) instead of losing it or failing the person's action.
import nodemailer, { type Transporter } from 'nodemailer';
import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { translator, type MessageValues } from '../i18n/i18n.ts';
import type { Locale } from '../i18n/locales.ts';
import { mailOutbox, mailQueue } from './mail.schema.ts';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Attempts before the worker gives up on a message; the wait doubles from one minute (about 4 h in all). */
export const maxMailAttempts = 8;
const pollMs = 5_000;
const batchSize = 20;

export interface MailMessage {
  to: string;
  /** The recipient's language. */
  locale: Locale;
  /** Message keys in the catalogues; the body is plain text with the values filled in. */
  subjectKey: string;
  bodyKey: string;
  values?: MessageValues;
  /** The text holds a secret (a link that signs in, resets a password, accepts a role; a code). */
  secret?: boolean;
  /** The territory the message is about, so that its administrators (and only they) see it in the outbox. */
  territoryId?: string | null;
}

export interface Mailer {
  /** Queues for the mail server (or puts in the outbox), inside `db` when it is a transaction. */
  send(message: MailMessage, db?: Db): Promise<void>;
  /** Sends what is due in the mail queue now; resolves to the number sent. */
  flush(): Promise<number>;
  /** Starts the worker that sends the queue every few seconds (and soon after each send). */
  start(): void;
  stop(): void;
  readonly usesOutbox: boolean;
  /** False in production without a mail server: a secret would have nowhere safe to go. */
  readonly deliversSecrets: boolean;
}

export type OutboxMessage = typeof mailOutbox.$inferSelect;

interface ClaimedRow {
  id: string;
  to_address: string;
  locale: string;
  subject: string;
  body: string;
  attempts: number;
}

/** Writes one email whole to the drop folder, readable by the operator only. */
function dropMail(dir: string, mail: { toAddress: string; locale: string; subject: string; body: string }): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const name = `${Date.now()}-${randomBytes(4).toString('hex')}.json`;
  fs.writeFileSync(path.join(dir, name), JSON.stringify({ to: mail.toAddress, locale: mail.locale, subject: mail.subject, body: mail.body }), { mode: 0o600 });
}

export function createMailer(options: {
  db: Db;
  smtpUrl: string | null;
  from: string;
  log?: (error: unknown) => void;
  /** Keep the text of secret messages in the outbox table (development and tests, never production). */
  keepSecretsInOutbox?: boolean;
  /** Without SMTP, every email is also written whole to this folder, one 0600 file each (MAIL_DROP_DIR). */
  dropDir?: string | null;
}): Mailer {
  const transport: Transporter | null = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<number> | null = null;

  /** Claims due messages (a lease, so two instances never send the same one), sends, deletes the sent. */
  async function sendDue(): Promise<number> {
    if (!transport) return 0;
    let sent = 0;
    const claimed = await options.db.execute(sql`
      UPDATE mail_queue SET attempts = attempts + 1, next_attempt_at = now() + interval '10 minutes'
      WHERE id IN (SELECT id FROM mail_queue WHERE next_attempt_at <= now() ORDER BY created_at LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
      RETURNING id, to_address, locale, subject, body, attempts`);
    // Both drivers answer { rows }; Drizzle's type for it differs between them.
    const rows = (claimed as unknown as { rows: ClaimedRow[] }).rows;
    for (const row of rows) {
      try {
        await transport.sendMail({ from: options.from, to: row.to_address, subject: row.subject, text: row.body, headers: { 'Content-Language': row.locale } });
        await options.db.delete(mailQueue).where(eq(mailQueue.id, row.id));
        sent++;
      } catch (error) {
        options.log?.(error);
        const giveUp = row.attempts >= maxMailAttempts;
        await options.db
          .update(mailQueue)
          .set({
            lastError: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500),
            nextAttemptAt: giveUp ? null : sql`now() + make_interval(mins => ${2 ** (row.attempts - 1)})`,
          })
          .where(eq(mailQueue.id, row.id));
      }
    }
    return sent;
  }

  const flush = (): Promise<number> => {
    // One flush at a time in this instance; a caller during a flush waits for it.
    flushing ??= sendDue()
      .catch((error: unknown) => {
        options.log?.(error);
        return 0;
      })
      .finally(() => (flushing = null));
    return flushing;
  };

  return {
    usesOutbox: transport === null,
    deliversSecrets: transport !== null || options.keepSecretsInOutbox === true,
    async send(message, db = options.db) {
      const t = translator(message.locale);
      const subject = t(message.subjectKey, message.values);
      const body = t(message.bodyKey, message.values);
      const row = { toAddress: message.to, locale: message.locale, subject, body };
      if (!transport) {
        const secret = message.secret === true;
        await db.insert(mailOutbox).values({ ...row, body: secret && !options.keepSecretsInOutbox ? '' : body, secret, territoryId: message.territoryId ?? null });
        if (options.dropDir) dropMail(options.dropDir, row);
        return;
      }
      await db.insert(mailQueue).values(row);
      // Soon after the caller's commit; the poll catches what this misses.
      if (timer) setTimeout(() => void flush(), 100).unref();
    },
    flush,
    start() {
      if (!transport || timer) return;
      timer = setInterval(() => void flush(), pollMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

export async function listOutbox(db: Db, limit = 100): Promise<OutboxMessage[]> {
  return db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(limit);
}

/** What the outbox page may show: recipients and subjects, the text only of messages without a secret. */
export interface OutboxEntry {
  id: string;
  toAddress: string;
  locale: string;
  subject: string;
  /** Null when the message carries a secret. */
  body: string | null;
  createdAt: Date;
}

/** The outbox for readers of the given territories ('all': every message, also those of no territory). */
export async function listOutboxFor(db: Db, territories: 'all' | string[], limit = 100): Promise<OutboxEntry[]> {
  if (territories !== 'all' && territories.length === 0) return [];
  const rows = await db
    .select({ id: mailOutbox.id, toAddress: mailOutbox.toAddress, locale: mailOutbox.locale, subject: mailOutbox.subject, body: mailOutbox.body, secret: mailOutbox.secret, createdAt: mailOutbox.createdAt })
    .from(mailOutbox)
    .where(territories === 'all' ? undefined : inArray(mailOutbox.territoryId, territories))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(limit);
  return rows.map(({ secret, body, ...rest }) => ({ ...rest, body: secret ? null : body }));
}

export interface QueuedMail {
  id: string;
  toAddress: string;
  subject: string;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  createdAt: Date;
}

/** Messages still waiting for the mail server (never their bodies, which may hold sign-in links). */
export async function listMailQueue(db: Db, limit = 100): Promise<QueuedMail[]> {
  return db
    .select({ id: mailQueue.id, toAddress: mailQueue.toAddress, subject: mailQueue.subject, attempts: mailQueue.attempts, nextAttemptAt: mailQueue.nextAttemptAt, lastError: mailQueue.lastError, createdAt: mailQueue.createdAt })
    .from(mailQueue)
    .orderBy(desc(mailQueue.createdAt))
    .limit(limit);
}
