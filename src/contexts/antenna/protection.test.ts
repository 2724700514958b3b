// The proofs of "Protecting people": a dump of the whole database and of the files directory holds
// none of a report's narrative, contact or attachment bytes; no client address is logged or stored.
// Runs on PGlite (npm test) and PostgreSQL (npm run test:pg).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { Browser, fillReport, handler, sendReport, simpleAnswers } from '../../../test/support/antenna.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { configureAntenna } from './antenna.config.ts';
import type { Db } from '../../platform/db/client.ts';

let t: TestApp;
let dataDir: string;
const clientAddress = '203.0.113.199';

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'antenna-protection-'));
  configureAntenna({ accessLogger: { recordAccess: async () => undefined } });
  t = await createTestApp({ actAs: true, config: { dataDir } });
});
after(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Every row of every table in every schema, as text. */
async function dumpDatabase(db: Db): Promise<string> {
  const tables = (await db.execute(
    sql`select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
  )) as unknown as { rows: { table_schema: string; table_name: string }[] };
  assert.ok(tables.rows.some((r) => r.table_name === 'antenna_report'));
  const parts: string[] = [];
  for (const { table_schema, table_name } of tables.rows) {
    const rows = (await db.execute(sql.raw(`select * from "${table_schema}"."${table_name}"`))) as unknown as { rows: unknown[] };
    parts.push(`-- ${table_schema}.${table_name}\n${rows.rows.map((r) => JSON.stringify(r, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v))).join('\n')}`);
  }
  return parts.join('\n');
}

function dumpFiles(dir: string): Buffer {
  const out: Buffer[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out.push(fs.readFileSync(p));
    }
  };
  walk(dir);
  return Buffer.concat(out);
}

test('a dump of the database and the files holds none of a report’s narrative, contact, messages or attachment bytes', async () => {
  const barcelona = (await findTerritory(t.database.db, 'barcelona'))!.id;
  const handlerHeaders = handler(barcelona, '00000000-0000-4000-8000-0000000000f1');
  const staff = new Browser(t.app, handlerHeaders);
  const keyPage = await staff.get('/en/t/barcelona/antenna/cases/key');
  assert.equal((await staff.post('/en/t/barcelona/antenna/cases/key', keyPage, { password: 'a long handler password' })).statusCode, 303);

  const secrets = {
    story: 'NARRATIVE-7f3a: the clerk refused my application because of my headscarf',
    email: 'secret.person.7f3a@example.org',
    phone: '+34 600 111 222',
    name: 'Fatima Secretname7f3a',
    wish: 'WISH-7f3a an apology',
    message: 'MESSAGE-7f3a it was on Monday',
    note: 'NOTE-7f3a call back',
    attachment: 'ATTACHMENT-7f3a-bytes: witness statement',
  };
  const person = new Browser(t.app, {}, clientAddress);
  const answers = simpleAnswers(secrets.story, {
    wishes: { wishes: ['contact'], wishText: secrets.wish, referral: 'yes' },
    contact: { mode: 'confidential', contactName: secrets.name, contactEmail: secrets.email, contactPhone: secrets.phone },
  });
  const check = await fillReport(person, 'fr', 'barcelona', answers);
  const { receipt } = await sendReport(person, 'fr', 'barcelona', check);
  const signIn = await person.get('/fr/t/barcelona/antenna/follow');
  const mine = await person.follow(await person.post('/fr/t/barcelona/antenna/follow', signIn, { receipt }));
  assert.equal((await person.post('/fr/t/barcelona/antenna/follow/message', mine, { kind: 'message', text: secrets.message })).statusCode, 303);
  const token = /name="_csrf" value="([^"]+)"/.exec(mine.body)![1]!;
  const boundary = '----dump';
  const upload = await person.request({
    method: 'POST',
    url: '/fr/t/barcelona/antenna/follow/file',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="statement.txt"\r\nContent-Type: text/plain\r\n\r\n${secrets.attachment}\r\n--${boundary}--\r\n`,
    ),
  });
  assert.equal(upload.statusCode, 303);
  const queue = await staff.get('/en/t/barcelona/antenna/cases');
  const reference = /\/antenna\/cases\/([A-Z0-9]{4}-[A-Z0-9]{4})"/.exec(queue.body)![1]!;
  const casePage = await staff.get(`/en/t/barcelona/antenna/cases/${reference}`);
  // The handler can read all of it: the data is there, only locked.
  for (const s of [secrets.story, secrets.email, secrets.phone, secrets.name, secrets.message]) assert.ok(casePage.body.includes(s), s);
  assert.equal((await staff.post(`/en/t/barcelona/antenna/cases/${reference}/write`, casePage, { visibility: 'note', text: secrets.note })).statusCode, 303);
  const file = /\/files\/([0-9a-f-]{36})"/.exec((await staff.get(`/en/t/barcelona/antenna/cases/${reference}`)).body)![1]!;
  const download = await staff.get(`/en/t/barcelona/antenna/cases/${reference}/files/${file}`);
  assert.equal(download.body, secrets.attachment);

  const database = await dumpDatabase(t.database.db);
  // Wherever the store keeps them (disk, or PostgreSQL), plus anything else under the data directory.
  const stored = await Promise.all((await t.app.files.list('antenna')).map(async (id) => Buffer.from((await t.app.files.get('antenna', id))!)));
  const files = Buffer.concat([dumpFiles(dataDir), ...stored]);
  assert.ok(stored.length > 0, 'the attachment is stored');
  for (const [what, value] of Object.entries(secrets)) {
    for (const form of [value, Buffer.from(value).toString('base64'), Buffer.from(value).toString('base64url'), Buffer.from(value).toString('hex')]) {
      assert.ok(!database.includes(form), `${what} is not in the database dump`);
      assert.ok(!files.includes(form), `${what} is not in the files`);
    }
  }
  assert.ok(!database.includes(receipt), 'the receipt is stored only as a keyed hash');
});

test('no client address is logged or stored on the antenna’s paths', async () => {
  const person = new Browser(t.app, {}, clientAddress);
  const { receipt } = await sendReport(person, 'en', 'barcelona', await fillReport(person, 'en', 'barcelona', simpleAnswers('ip test')));
  const signIn = await person.get('/en/t/barcelona/antenna/follow');
  await person.post('/en/t/barcelona/antenna/follow', signIn, { receipt: '1234 1234 1234 1234' });
  await person.follow(await person.post('/en/t/barcelona/antenna/follow', signIn, { receipt }));
  assert.ok(t.logs.length > 20, 'requests were logged');
  assert.ok(t.logs.some((l) => l.includes('/antenna')), 'antenna requests are in the captured logs');
  const logs = t.logs.join('\n');
  assert.ok(!logs.includes(clientAddress), 'no address in the logs');
  assert.ok(!logs.includes('remoteAddress'));
  const database = await dumpDatabase(t.database.db);
  assert.ok(!database.includes(clientAddress), 'no address in the database');
});
