import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, isNull, lt } from 'drizzle-orm';
import { createTestApp, actorHeader, type TestApp } from '../../../test/support/app.ts';
import { Browser, fillReport, handler, sendReport, simpleAnswers } from '../../../test/support/antenna.ts';
import { createTerritory, findTerritory } from '../territories/territory.service.ts';
import { configureAntenna } from './antenna.config.ts';
import { antennaFile, antennaKeySession, antennaMessage, antennaReport, antennaReportKey } from './antenna.schema.ts';
import { purgeExpired } from './retention.ts';
import { openWithReceipt } from './report.service.ts';

let t: TestApp;
let dataDir: string;

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'antenna-retention-'));
  configureAntenna({ accessLogger: { recordAccess: async () => undefined } });
  t = await createTestApp({ actAs: true, config: { dataDir } });
});
after(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('expired closed cases are purged: content, keys, receipt and files destroyed, classification kept', async () => {
  const barcelona = (await findTerritory(t.database.db, 'barcelona'))!;
  const staff = new Browser(t.app, handler(barcelona.id, '00000000-0000-4000-8000-000000000a11'));
  const keyPage = await staff.get('/en/t/barcelona/antenna/cases/key');
  await staff.post('/en/t/barcelona/antenna/cases/key', keyPage, { password: 'retention handler pw' });
  const person = new Browser(t.app);
  const { receipt } = await sendReport(person, 'en', 'barcelona', await fillReport(person, 'en', 'barcelona', simpleAnswers('to be purged')));
  const signIn = await person.get('/en/t/barcelona/antenna/follow');
  const mine = await person.follow(await person.post('/en/t/barcelona/antenna/follow', signIn, { receipt }));
  await person.post('/en/t/barcelona/antenna/follow/message', mine, { kind: 'message', text: 'purge me too' });
  const token = /name="_csrf" value="([^"]+)"/.exec(mine.body)![1]!;
  const b = '----r';
  await person.request({
    method: 'POST',
    url: '/en/t/barcelona/antenna/follow/file',
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
    payload: `--${b}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nfile to purge\r\n--${b}--\r\n`,
  });
  const queue = await staff.get('/en/t/barcelona/antenna/cases?status=new');
  const reference = /\/antenna\/cases\/([A-Z0-9]{4}-[A-Z0-9]{4})"/.exec(queue.body)![1]!;
  const url = `/en/t/barcelona/antenna/cases/${reference}`;
  const page = await staff.get(url);
  await staff.post(`${url}/classify`, page, { serviceId: '', grounds: ['age'], dimension: 'treatment', districtId: '', month: '2026-01' });
  assert.equal((await staff.post(`${url}/status`, page, { status: 'closed', reason: 'resolved' })).statusCode, 303);

  const [closed] = await t.database.db.select().from(antennaReport).where(eq(antennaReport.reference, reference));
  assert.ok(closed!.purgeAfter);
  const days = (closed!.purgeAfter!.getTime() - closed!.closedAt!.getTime()) / 86_400_000;
  assert.equal(Math.round(days), barcelona.settings.caseRetentionDays);

  // Not yet due: nothing happens.
  const early = await purgeExpired(t.database.db, t.app.files, new Date());
  assert.equal(early.ran, true);
  assert.equal(early.cases, 0);
  const dueAt = new Date(closed!.purgeAfter!.getTime() + 1000);
  // This case, and the demo's closed cases whose retention has ended by then too (they were closed earlier).
  const expected = await t.database.db
    .select({ id: antennaReport.id })
    .from(antennaReport)
    .where(and(eq(antennaReport.status, 'closed'), isNull(antennaReport.purgedAt), lt(antennaReport.purgeAfter, dueAt)));
  assert.ok(expected.some((r) => r.id === closed!.id));
  const due = await purgeExpired(t.database.db, t.app.files, dueAt);
  assert.equal(due.cases, expected.length);
  assert.equal(due.files, 1);
  assert.equal(due.sessions >= 1, true, 'expired key sessions are removed too');

  const [purged] = await t.database.db.select().from(antennaReport).where(eq(antennaReport.id, closed!.id));
  assert.equal(purged!.contentCipher, null);
  assert.equal(purged!.receiptHash, null);
  assert.equal(purged!.reporterKeyCipher, null);
  assert.ok(purged!.purgedAt);
  assert.deepEqual({ grounds: purged!.grounds, dimension: purged!.dimension, month: purged!.month }, { grounds: ['age'], dimension: 'treatment', month: '2026-01' });
  for (const table of [antennaReportKey, antennaMessage, antennaFile]) {
    assert.equal((await t.database.db.select().from(table).where(eq(table.reportId, closed!.id))).length, 0);
  }
  assert.deepEqual(await t.app.files.list('antenna'), []);
  const reopened = await openWithReceipt(t.database.db, null, barcelona.id, receipt);
  assert.equal(reopened.ok, false);
  assert.equal((await staff.get(url)).statusCode, 404);
  assert.equal((await t.database.db.select().from(antennaKeySession)).filter((s) => s.expiresAt < new Date()).length, 0);
});

test('a handler who lost their password gets access again through the territory recovery key', async () => {
  const territory = await createTerritory(t.database.db, { slug: 'recovery-town', name: 'Recovery Town', kind: 'municipality' });
  const admin = new Browser(t.app, actorHeader({ grants: [{ role: 'territory-admin', scope: { kind: 'territory', id: territory.id } }] }));
  // Closed until a recovery key exists.
  assert.match((await new Browser(t.app).get('/en/t/recovery-town/antenna')).body, /not open yet/);
  const page = await admin.get('/en/t/recovery-town/antenna/recovery');
  assert.equal(page.statusCode, 200);
  const made = await admin.post('/en/t/recovery-town/antenna/recovery', page, {});
  const recoveryKey = /data-recovery-key[^>]*>([A-Za-z0-9_-]+)</.exec(made.body)?.[1];
  assert.ok(recoveryKey, 'the recovery key is shown once');
  assert.equal(made.headers['cache-control'], 'no-store');
  assert.ok(!(await admin.get('/en/t/recovery-town/antenna/recovery')).body.includes(recoveryKey));

  const handlerId = '00000000-0000-4000-8000-000000000b22';
  const staff = new Browser(t.app, handler(territory.id, handlerId));
  const keyPage = await staff.get('/en/t/recovery-town/antenna/cases/key');
  await staff.post('/en/t/recovery-town/antenna/cases/key', keyPage, { password: 'first password!!' });
  const person = new Browser(t.app);
  await sendReport(person, 'en', 'recovery-town', await fillReport(person, 'en', 'recovery-town', simpleAnswers('RECOVERY-STORY')));
  const reference = /\/antenna\/cases\/([A-Z0-9]{4}-[A-Z0-9]{4})"/.exec((await staff.get('/en/t/recovery-town/antenna/cases')).body)![1]!;
  assert.ok((await staff.get(`/en/t/recovery-town/antenna/cases/${reference}`)).body.includes('RECOVERY-STORY'));

  // A wrong password does not unlock.
  const fresh = new Browser(t.app, handler(territory.id, handlerId));
  const unlock = await fresh.get('/en/t/recovery-town/antenna/cases/key');
  const wrong = await fresh.post('/en/t/recovery-town/antenna/cases/key', unlock, { password: 'not the password' });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /does not open your case key/);

  // Lost password: a new key pair cannot read the old case…
  const replacePage = await fresh.get('/en/t/recovery-town/antenna/cases/key?replace=1');
  assert.equal((await fresh.post('/en/t/recovery-town/antenna/cases/key', replacePage, { password: 'second password!!', replace: '1' })).statusCode, 303);
  const locked = await fresh.get(`/en/t/recovery-town/antenna/cases/${reference}`);
  assert.ok(!locked.body.includes('RECOVERY-STORY'));
  assert.match(locked.body, /cannot open this case yet/);
  // …until the admin re-grants with the recovery key.
  const recoveryPage = await admin.get('/en/t/recovery-town/antenna/recovery');
  const bad = await admin.post('/en/t/recovery-town/antenna/recovery/regrant', recoveryPage, { personId: handlerId, recoveryKey: 'A'.repeat(43) });
  assert.equal(bad.statusCode, 400);
  const regranted = await admin.post('/en/t/recovery-town/antenna/recovery/regrant', recoveryPage, { personId: handlerId, recoveryKey });
  assert.equal(regranted.statusCode, 200);
  assert.match(regranted.body, /Access given to 1 case/);
  assert.ok((await fresh.get(`/en/t/recovery-town/antenna/cases/${reference}`)).body.includes('RECOVERY-STORY'));
  // The admin role does not read cases.
  assert.equal((await admin.get(`/en/t/recovery-town/antenna/cases/${reference}`)).statusCode, 403);
});
