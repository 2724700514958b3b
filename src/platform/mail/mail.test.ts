// Mail: through SMTP when SMTP_URL is set (checked against a minimal SMTP server in this test), into
// the outbox otherwise; always in the recipient's language.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { cloneTestDatabase } from '../../../test/support/database.ts';
import type { Database } from '../db/client.ts';
import { loadCatalogue } from '../i18n/i18n.ts';
import { manifests } from '../../app.ts';
import { eq } from 'drizzle-orm';
import { createMailer, listOutbox, maxMailAttempts } from './mail.ts';
import { mailQueue } from './mail.schema.ts';

let database: Database;
before(async () => {
  for (const m of manifests) loadCatalogue(m.localesDir);
  database = await cloneTestDatabase('migrated');
});
after(async () => database.close());

/** Just enough SMTP (RFC 5321) to receive one message; collects what DATA carried. */
function smtpServer(): Promise<{ port: number; messages: string[]; close(): Promise<void> }> {
  const messages: string[] = [];
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) return;
          messages.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          inData = false;
          socket.write('250 OK queued\r\n');
          continue;
        }
        const lineEnd = buffer.indexOf('\r\n');
        if (lineEnd === -1) return;
        const line = buffer.slice(0, lineEnd).toUpperCase();
        buffer = buffer.slice(lineEnd + 2);
        if (line.startsWith('EHLO') || line.startsWith('HELO')) socket.write('250-test\r\n250 8BITMIME\r\n');
        else if (line.startsWith('DATA')) {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (line.startsWith('QUIT')) socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({ port, messages, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

const queued = async () => (await database.db.select().from(mailQueue)).length;

const message = { to: 'laila@example.org', subjectKey: 'identity.mail.reset.subject', bodyKey: 'identity.mail.reset.body', values: { name: 'Laila', link: 'http://localhost/x' } } as const;

test('without SMTP_URL, messages go to the outbox, written in the recipient’s language', async () => {
  const mailer = createMailer({ db: database.db, smtpUrl: null, from: 'Coproduce <no-reply@localhost>' });
  assert.equal(mailer.usesOutbox, true);
  await mailer.send({ ...message, locale: 'ar' });
  await mailer.send({ ...message, locale: 'ca' });
  const [catalan, arabic] = await listOutbox(database.db);
  assert.equal(arabic!.subject, 'إعادة تعيين كلمة مرور Coproduce');
  assert.match(arabic!.body, /مرحبًا Laila/);
  assert.equal(catalan!.subject, 'Restableix la contrasenya de Coproduce');
  assert.equal(catalan!.locale, 'ca');
});

test('with SMTP_URL, messages are queued, sent through the mail server after the commit, and not kept', async () => {
  const smtp = await smtpServer();
  try {
    const before = (await listOutbox(database.db)).length;
    const mailer = createMailer({ db: database.db, smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: 'Coproduce <no-reply@localhost>' });
    assert.equal(mailer.usesOutbox, false);
    await mailer.send({ ...message, locale: 'es' });
    assert.equal(smtp.messages.length, 0, 'nothing leaves before the worker runs');
    assert.equal(await mailer.flush(), 1);
    assert.equal(smtp.messages.length, 1);
    assert.equal(await queued(), 0, 'a sent message is deleted from the queue');
    assert.equal(await mailer.flush(), 0, 'and never sent twice');
    const raw = smtp.messages[0]!;
    assert.match(raw, /^To: laila@example.org$/m);
    assert.match(raw, /^Content-Language: es$/m);
    assert.match(raw, /^Subject: =\?UTF-8\?Q\?Restablece_tu_contrase=C3=B1a/m);
    assert.match(raw, /Abre este enlace para elegir una contrase=C3=B1a nueva/);
    assert.equal((await listOutbox(database.db)).length, before);
  } finally {
    await smtp.close();
  }
});

test('a mail server that is down is logged, does not fail the person’s action, and the message waits for a retry', async () => {
  const errors: unknown[] = [];
  const mailer = createMailer({ db: database.db, smtpUrl: 'smtp://127.0.0.1:1', from: 'Coproduce <no-reply@localhost>', log: (e) => errors.push(e) });
  await mailer.send({ ...message, to: 'down@example.org', locale: 'en' });
  assert.equal(await mailer.flush(), 0);
  assert.equal(errors.length, 1);
  const [row] = await database.db.select().from(mailQueue).where(eq(mailQueue.toAddress, 'down@example.org'));
  assert.equal(row!.attempts, 1);
  assert.ok(row!.lastError);
  assert.ok(row!.nextAttemptAt! > new Date(), 'retried later, not in a loop');
  assert.equal(await mailer.flush(), 0, 'not due yet');
  assert.equal(errors.length, 1);
  // After the last attempt the worker gives up and keeps the error for the administrator.
  await database.db.update(mailQueue).set({ attempts: maxMailAttempts - 1, nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(mailQueue.id, row!.id));
  await mailer.flush();
  const [given] = await database.db.select().from(mailQueue).where(eq(mailQueue.id, row!.id));
  assert.equal(given!.attempts, maxMailAttempts);
  assert.equal(given!.nextAttemptAt, null);
  await database.db.delete(mailQueue).where(eq(mailQueue.id, row!.id));
});

test('a message sent inside an action that is rolled back never leaves', async () => {
  const smtp = await smtpServer();
  try {
    const mailer = createMailer({ db: database.db, smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: 'Coproduce <no-reply@localhost>' });
    await assert.rejects(
      database.db.transaction(async (tx) => {
        await mailer.send({ ...message, to: 'rolled-back@example.org', locale: 'ca' }, tx);
        throw new Error('the action failed');
      }),
      /the action failed/,
    );
    assert.equal(await mailer.flush(), 0);
    assert.equal(smtp.messages.length, 0);
  } finally {
    await smtp.close();
  }
});
