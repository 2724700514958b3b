// Two app instances on one database: an attachment sent through one is read by the case handler on the
// other. On PostgreSQL (npm run test:pg) each instance has its own data directory, as on two machines,
// so the file must come from the database; on the embedded database (one process) both use one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { actAsHook, createTestApp, type TestApp } from '../support/app.ts';
import { Browser, fillReport, handler, sendReport, simpleAnswers } from '../support/antenna.ts';
import { findTerritory } from '../../src/contexts/territories/territory.service.ts';

const onPostgres = Boolean(process.env.COPRODUCE_TEST_PG_URL);
const dirs = [fs.mkdtempSync(path.join(os.tmpdir(), 'instance-one-')), fs.mkdtempSync(path.join(os.tmpdir(), 'instance-two-'))];
let one: TestApp;
let two: FastifyInstance;

before(async () => {
  one = await createTestApp({ actAs: true, config: { dataDir: dirs[0]! } });
  two = await buildApp({ config: { ...loadConfig({ NODE_ENV: 'test' }), dataDir: onPostgres ? dirs[1]! : dirs[0]! }, database: one.database, extraHooks: actAsHook });
  await two.ready();
});
after(async () => {
  await two.close();
  await one.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

test('an attachment uploaded through one instance is read by the case handler on the other', async () => {
  assert.equal(one.app.files.kind, onPostgres ? 'database' : 'disk');
  const barcelona = (await findTerritory(one.database.db, 'barcelona'))!.id;
  const staff = new Browser(two, handler(barcelona, '00000000-0000-4000-8000-0000000000f7'));
  const keyPage = await staff.get('/en/t/barcelona/antenna/cases/key');
  assert.equal((await staff.post('/en/t/barcelona/antenna/cases/key', keyPage, { password: 'a long handler password' })).statusCode, 303);

  const person = new Browser(one.app, {}, '203.0.113.77');
  const { receipt } = await sendReport(person, 'en', 'barcelona', await fillReport(person, 'en', 'barcelona', simpleAnswers('two instances, one file')));
  const signIn = await person.get('/en/t/barcelona/antenna/follow');
  const mine = await person.follow(await person.post('/en/t/barcelona/antenna/follow', signIn, { receipt }));
  const token = /name="_csrf" value="([^"]+)"/.exec(mine.body)![1]!;
  const boundary = '----two';
  const content = 'WITNESS-two-instances: what I saw';
  const upload = await person.request({
    method: 'POST',
    url: '/en/t/barcelona/antenna/follow/file',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="witness.txt"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`,
    ),
  });
  assert.equal(upload.statusCode, 303);
  if (onPostgres) assert.ok(!fs.existsSync(path.join(dirs[0]!, 'files')), 'nothing written to the first instance’s disk');

  const queue = await staff.get('/en/t/barcelona/antenna/cases');
  const references = [...queue.body.matchAll(/\/antenna\/cases\/([A-Z0-9]{4}-[A-Z0-9]{4})"/g)].map((m) => m[1]!);
  let download: Awaited<ReturnType<Browser['get']>> | null = null;
  for (const reference of references) {
    const casePage = await staff.get(`/en/t/barcelona/antenna/cases/${reference}`);
    const file = /\/files\/([0-9a-f-]{36})"/.exec(casePage.body)?.[1];
    if (!file || !casePage.body.includes('two instances, one file')) continue;
    download = await staff.get(`/en/t/barcelona/antenna/cases/${reference}/files/${file}`);
    break;
  }
  assert.ok(download, 'the case with the file is in the queue of the other instance');
  assert.equal(download.statusCode, 200);
  assert.equal(download.body, content);
});
