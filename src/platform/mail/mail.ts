// Sends email through nodemailer over SMTP_URL; with no mail server configured, messages go to the
// outbox table, which administrators read at /:locale/admin/outbox. Messages are written in the
// recipient's language from the ICU catalogues.
import nodemailer, { type Transporter } from 'nodemailer';
import { desc } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { translator, type MessageValues } from '../i18n/i18n.ts';
import type { Locale } from '../i18n/locales.ts';
import { mailOutbox } from './mail.schema.ts';

export interface MailMessage {
  to: string;
  /** The recipient's language. */
  locale: Locale;
  /** Message keys in the catalogues; the body is plain text with the values filled in. */
  subjectKey: string;
  bodyKey: string;
  values?: MessageValues;
}

export interface Mailer {
  /** Sends (or puts in the outbox, inside `db` when it is a transaction). */
  send(message: MailMessage, db?: Db): Promise<void>;
  readonly usesOutbox: boolean;
}

export type OutboxMessage = typeof mailOutbox.$inferSelect;

export function createMailer(options: { db: Db; smtpUrl: string | null; from: string; log?: (error: unknown) => void }): Mailer {
  const transport: Transporter | null = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    usesOutbox: transport === null,
    async send(message, db = options.db) {
      const t = translator(message.locale);
      const subject = t(message.subjectKey, message.values);
      const body = t(message.bodyKey, message.values);
      if (!transport) {
        await db.insert(mailOutbox).values({ toAddress: message.to, locale: message.locale, subject, body });
        return;
      }
      try {
        await transport.sendMail({ from: options.from, to: message.to, subject, text: body, headers: { 'Content-Language': message.locale } });
      } catch (error) {
        // A mail server that is down must not undo what the person did; the failure is logged.
        options.log?.(error);
      }
    },
  };
}

export async function listOutbox(db: Db, limit = 100): Promise<OutboxMessage[]> {
  return db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(limit);
}
