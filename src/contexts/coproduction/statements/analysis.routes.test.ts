// Analyses through HTTP on the demo: the forum's published report with its PDF and signatories, its open data and API;
// a network drafts one, a file that is not what its name says is refused beside the field, a real one is attached
// (access-logged), publication waits for a file and a signature; drafts and their files stay with the drafters.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestApp, actorHeader, csrfFrom, type TestApp } from '../../../../test/support/app.ts';
import { searchAccessLog } from '../../../platform/access-log/access-log.ts';
import { findTerritory } from '../../territories/territory.service.ts';
import { findNetwork } from '../../agreement/networks/network.service.ts';
import { listMembers } from '../../agreement/adhesion/adhesion.service.ts';
import { demoPdf } from '../coproduction.seed.ts';
import { attachAnalysisFile } from './statement.service.ts';
import type { Actor } from '../../../platform/auth/permissions.ts';

let t: TestApp;
let networkId: string;
let members: { organisationId: string; name: string }[];
const drafter = () => actorHeader({ personId: '0000c000-0000-4000-8000-0000000000d2', displayName: 'Lucía Romero', grants: [{ role: 'network-coordinator', scope: { kind: 'network', id: networkId } }] });
const adminOf = (organisationId: string) => actorHeader({ personId: randomUUID(), displayName: 'Admin', grants: [{ role: 'organisation-admin', scope: { kind: 'organisation', id: organisationId } }] });

before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  const forum = (await findTerritory(t.database.db, 'metropolitan-social-forum'))!;
  networkId = (await findNetwork(t.database.db, forum.id, 'residential-inclusion'))!.id;
  members = await listMembers(t.database.db, forum.id);
});
after(async () => t.close());

async function post(url: string, headers: Record<string, string>, form: Record<string, string>, pageUrl: string) {
  const { token, cookie } = csrfFrom(await t.app.inject({ url: pageUrl, headers }));
  return t.app.inject({ method: 'POST', url, headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: token, ...form }).toString() });
}

async function upload(id: string, headers: Record<string, string>, file: { filename: string; type: string; content: Buffer } | null) {
  const { token, cookie } = csrfFrom(await t.app.inject({ url: `/ca/statements/${id}`, headers }));
  const boundary = `----analysis${randomUUID()}`;
  const chunks: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`)];
  if (file) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.content, Buffer.from('\r\n'));
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({ method: 'POST', url: `/ca/statements/${id}/files`, headers: { ...headers, cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(chunks) });
}

test('the demo analysis: published by the forum with its PDF, its signatories and the date; open data and API list its file', async () => {
  const list = await t.app.inject('/ca/t/metropolitan-social-forum/analyses');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Informe: l’exclusió residencial a l’àrea metropolitana, 2026/);
  assert.match(list.body, /Publicada/);
  assert.doesNotMatch((await t.app.inject('/ca/t/metropolitan-social-forum/statements')).body, /Informe: l’exclusió residencial/, 'an analysis is not listed among statements');
  const link = /href="(\/ca\/statements\/[0-9a-f-]{36})"[^>]*>Informe/.exec(list.body)![1]!;
  const page = await t.app.inject(link);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /La signen 6 entitats/);
  const file = /href="(\/ca\/statements\/[0-9a-f-]{36}\/files\/[0-9a-f-]{36})"[^>]*>informe-exclusio-residencial-2026\.pdf/.exec(page.body)![1]!;
  const download = await t.app.inject(file);
  assert.equal(download.statusCode, 200);
  assert.equal(download.headers['content-type'], 'application/pdf');
  assert.match(String(download.headers['content-disposition']), /^attachment; filename="informe-exclusio-residencial-2026\.pdf"/);
  assert.equal(download.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
  const spanish = await t.app.inject(link.replace('/ca/', '/es/'));
  assert.match(spanish.body, /Informe: la exclusión residencial en el área metropolitana, 2026/);
  assert.match(spanish.body, /El original está en catalán/);
  const csv = await t.app.inject('/ca/t/metropolitan-social-forum/analyses.csv');
  const lines = csv.body.trim().split(/\r?\n/);
  assert.equal(lines[0], 'statement_id,title,original_language,languages,status,published_at,organisation,signed_at,files');
  assert.equal(lines.length, 1 + 6);
  assert.match(lines[1]!, /\/files\/[0-9a-f-]{36}$/);
  const api = await t.app.inject('/api/v1/territories/metropolitan-social-forum/analyses');
  assert.equal(api.statusCode, 200);
  const [analysis] = api.json().analyses;
  assert.equal(analysis.signatories.length, 6);
  assert.equal(analysis.files[0].name, 'informe-exclusio-residencial-2026.pdf');
  assert.equal(analysis.files[0].mediaType, 'application/pdf');
  assert.equal((await t.app.inject(analysis.files[0].url)).statusCode, 200);
  assert.ok(!('files' in (await t.app.inject('/api/v1/territories/metropolitan-social-forum/statements')).json().statements[0]));
});

test('a network drafts an analysis: a fake PDF is refused beside the field, a real one attached, published after a signature', async () => {
  const drafted = await post('/ca/t/metropolitan-social-forum/analyses/new', drafter(), { networkId, locale: 'ca', title: 'Informe de seguiment', body: 'Què ha canviat en sis mesos.' }, '/ca/t/metropolitan-social-forum/analyses/new');
  assert.equal(drafted.statusCode, 303);
  const id = /statements\/([0-9a-f-]{36})/.exec(String(drafted.headers.location))![1]!;
  assert.equal((await t.app.inject(`/ca/statements/${id}`)).statusCode, 404, 'a draft is the drafters’ only');
  const empty = await upload(id, drafter(), null);
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /id="f-file-error"[^>]*>[\s\S]*?Trieu un fitxer/);
  const fake = await upload(id, drafter(), { filename: 'informe.pdf', type: 'application/pdf', content: Buffer.from('<html><script>alert(1)</script></html>') });
  assert.equal(fake.statusCode, 400);
  assert.match(fake.body, /id="f-file-error"/);
  assert.match(fake.body, /Informe de seguiment/, 'the page is still there, nothing lost');
  const attached = await upload(id, drafter(), { filename: 'seguiment.pdf', type: 'application/pdf', content: demoPdf(['Seguiment']) });
  assert.equal(attached.statusCode, 303);
  const page = await t.app.inject({ url: `/ca/statements/${id}`, headers: drafter() });
  const file = /href="(\/ca\/statements\/[0-9a-f-]{36}\/files\/([0-9a-f-]{36}))"/.exec(page.body)!;
  assert.equal((await t.app.inject(file[1]!)).statusCode, 404, 'a draft’s file is not public');
  assert.equal((await t.app.inject({ url: file[1]!, headers: drafter() })).statusCode, 200);
  const logged = await searchAccessLog(t.database.db, { action: 'coproduction.analysis.file.attach', recordId: file[2]! }, 'all', { limit: 10 });
  assert.equal(logged.length, 1, 'attaching a file is access-logged');
  assert.equal((await post(`/ca/statements/${id}/open`, drafter(), { closesOn: '2099-01-31' }, `/ca/statements/${id}`)).statusCode, 303);
  // Open for signature, an organisation's admin reads it (and has a form on it), but does not attach files.
  const stranger = await upload(id, adminOf(members[0]!.organisationId), { filename: 'x.pdf', type: 'application/pdf', content: demoPdf(['x']) });
  assert.equal(stranger.statusCode, 403, 'only the drafters attach files');
  const noSignature = await post(`/ca/statements/${id}/publish`, drafter(), {}, `/ca/statements/${id}`);
  assert.equal(noSignature.statusCode, 400);
  const signer = adminOf(members[0]!.organisationId);
  assert.equal((await post(`/ca/statements/${id}/sign`, signer, { organisationId: members[0]!.organisationId }, `/ca/statements/${id}`)).statusCode, 303);
  assert.equal((await post(`/ca/statements/${id}/publish`, drafter(), {}, `/ca/statements/${id}`)).statusCode, 303);
  assert.equal((await t.app.inject(file[1]!)).statusCode, 200, 'published: its file is public');
  // Published: the page offers no file form any more, and the service refuses one.
  assert.doesNotMatch((await t.app.inject({ url: `/ca/statements/${id}`, headers: drafter() })).body, /name="file"/);
  const coordinator: Actor = { personId: '0000c000-0000-4000-8000-0000000000d2', displayName: 'Lucía Romero', locale: 'ca', twoFactorVerified: false, grants: [{ role: 'network-coordinator', scope: { kind: 'network' as const, id: networkId } }] };
  const late = await attachAnalysisFile(t.database.db, coordinator, id, { name: 'tard.pdf', content: demoPdf(['tard']), truncated: false });
  assert.deepEqual(late, { ok: false, error: 'invalid', fields: { file: 'coproduction.statement.errors.published' } }, 'no file is added after publication');
});

test('an analysis without a file is not published', async () => {
  const drafted = await post('/ca/t/metropolitan-social-forum/analyses/new', drafter(), { networkId, locale: 'ca', title: 'Sense fitxers', body: 'Text.' }, '/ca/t/metropolitan-social-forum/analyses/new');
  const id = /statements\/([0-9a-f-]{36})/.exec(String(drafted.headers.location))![1]!;
  await post(`/ca/statements/${id}/open`, drafter(), { closesOn: '2099-01-31' }, `/ca/statements/${id}`);
  await post(`/ca/statements/${id}/sign`, adminOf(members[1]!.organisationId), { organisationId: members[1]!.organisationId }, `/ca/statements/${id}`);
  const refused = await post(`/ca/statements/${id}/publish`, drafter(), {}, `/ca/statements/${id}`);
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /Afegiu almenys un fitxer abans de publicar l&#x27;anàlisi|Afegiu almenys un fitxer abans de publicar l'anàlisi/);
  assert.equal((await t.app.inject(`/ca/statements/${randomUUID()}/files/${randomUUID()}`)).statusCode, 404);
  assert.equal((await t.app.inject(`/ca/statements/${id}/files/not-a-uuid`)).statusCode, 404);
});
