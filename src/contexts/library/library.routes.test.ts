// The library through HTTP on the demo: searching with a misspelt word, filters, open data and the API; sharing
// with files checked by content, bad input beside the field, permissions (no organisation, another territory,
// another publisher), garbage ids and bodies without a 500; comments removed by their author and hidden by a
// moderator with a reason in the access log and shown again by one; the organisation's page listing what it shared;
// the Atom feed of the newest items.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestApp, actorHeader, csrfFrom, type TestApp } from '../../../test/support/app.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { listMembers } from '../agreement/adhesion/adhesion.service.ts';
import { searchAccessLog } from '../../platform/access-log/access-log.ts';
import { childNamed, childrenNamed, langOf, parseXml } from '../../../test/support/xml.ts';

let t: TestApp;
let barcelonaId: string;
let memberOrg: { organisationId: string; name: string };
let otherOrg: { organisationId: string; name: string };
/** A Barcelona organisation that is not a member of the Metropolitan Social Forum. */
let notInForum: { organisationId: string; name: string };

const memberOf = (organisationId: string, personId = randomUUID()) => actorHeader({ personId, displayName: 'Marta Soler', grants: [{ role: 'organisation-member', scope: { kind: 'organisation', id: organisationId } }] });
const councilOf = (territoryId: string) => actorHeader({ personId: randomUUID(), displayName: 'Equip municipal', grants: [{ role: 'territory-admin', scope: { kind: 'territory', id: territoryId } }] });
const nobody = () => actorHeader({ personId: randomUUID(), displayName: 'Persona sense entitat', grants: [] });

before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  barcelonaId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  const forumId = (await findTerritory(t.database.db, 'metropolitan-social-forum'))!.id;
  const members = await listMembers(t.database.db, barcelonaId);
  const inForum = new Set((await listMembers(t.database.db, forumId)).map((m) => m.organisationId));
  memberOrg = members[0]!;
  otherOrg = members[1]!;
  notInForum = members.find((m) => !inForum.has(m.organisationId))!;
});
after(async () => t.close());

async function tokenFor(pageUrl: string, headers: Record<string, string>) {
  const page = await t.app.inject({ url: pageUrl, headers });
  return csrfFrom(page);
}

/** The CSRF token comes from a page with a form (someone refused has none: it is taken as a member would see it). */
const formReader = () => memberOf(memberOrg.organisationId);

async function postForm(url: string, headers: Record<string, string>, form: Record<string, string>, pageUrl: string) {
  const { token, cookie } = await tokenFor(pageUrl, formReader());
  return t.app.inject({ method: 'POST', url, headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: token, ...form }).toString() });
}

type Part = [name: string, value: string] | [name: string, file: { filename: string; type: string; content: Buffer }];
function multipart(parts: Part[]): { body: Buffer; type: string } {
  const boundary = `----library${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of parts) {
    if (typeof value === 'string') chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    else chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.filename}"\r\nContent-Type: ${value.type}\r\n\r\n`), value.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

async function share(url: string, headers: Record<string, string>, fields: Record<string, string | string[]>, files: { filename: string; type: string; content: Buffer }[] = []) {
  const { token, cookie } = await tokenFor('/ca/t/barcelona/library/new', formReader());
  const parts: Part[] = [['_csrf', token]];
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) parts.push([k, one]);
  for (const f of files) parts.push(['files', f]);
  const { body, type } = multipart(parts);
  return t.app.inject({ method: 'POST', url, headers: { ...headers, cookie, 'content-type': type }, payload: body });
}

const guide = (publisher: string) => ({
  publisher,
  kind: 'guide',
  title: 'Guia per obrir un rebost <b>solidari</b>',
  summary: 'Com començar un rebost de barri: local, voluntariat i aliments.',
  body: 'Primer, trobeu un local.\n\nDesprés, organitzeu el voluntariat.',
  areas: ['food', 'poverty'],
  languages: ['ca'],
  licence: 'cc-by-4.0',
  links: 'https://example.org/rebost Exemple de rebost',
});
const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

test('the demo library: a misspelt word finds the item, filters narrow it, open data and the API have it', async () => {
  const list = await t.app.inject('/ca/t/barcelona/library');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Guia per aturar un desnonament/);
  const misspelt = await t.app.inject('/ca/t/barcelona/library?q=habitatje');
  assert.equal(misspelt.statusCode, 200);
  assert.match(misspelt.body, /Habitatge Primer a Ciutat Vella/);
  assert.match(misspelt.body, /habitatge/);
  assert.doesNotMatch(misspelt.body, /Targetes de conversa/);
  const studies = await t.app.inject('/es/t/barcelona/library?kind=study');
  assert.match(studies.body, /Recompte nocturn 2026/);
  assert.doesNotMatch(studies.body, /Guia per aturar un desnonament/);
  const spanish = await t.app.inject('/es/t/barcelona/library?language=es&kind=guide');
  assert.match(spanish.body, /arraigo para la formación/);
  assert.doesNotMatch(spanish.body, /Guia per aturar/);
  // The forum has its own items.
  assert.match((await t.app.inject('/ca/t/metropolitan-social-forum/library')).body, /Desnonaments a l&#39;àrea metropolitana|Desnonaments a l'àrea metropolitana/);

  const csv = await t.app.inject('/ca/t/barcelona/library.csv');
  assert.equal(csv.statusCode, 200);
  assert.match(csv.headers['content-type'] as string, /text\/csv/);
  assert.equal(csv.body.split(/\r?\n/)[0], 'id,kind,title,summary,publisher_kind,publisher,published_at,areas,district_ids,languages,licence,links,files');
  const json = (await t.app.inject('/ca/t/barcelona/library.json')).json() as { items: { title: string }[] };
  assert.ok(json.items.length >= 9);
  assert.equal(csv.body.trim().split(/\r?\n/).length, 1 + json.items.length);
  const datapackage = (await t.app.inject('/ca/t/barcelona/library/datapackage.json')).json() as { resources: { path: string; schema?: { fields: unknown[] } }[] };
  assert.equal(datapackage.resources[0]!.path, '/ca/t/barcelona/library.csv');
  assert.equal(datapackage.resources[0]!.schema!.fields.length, 13);
  const api = await t.app.inject('/api/v1/territories/barcelona/library?q=habitatje');
  assert.equal(api.statusCode, 200);
  const found = api.json() as { items: { id: string; title: string }[]; total: number };
  assert.ok(found.items.some((i) => i.title.includes('Habitatge Primer')));
  const one = await t.app.inject(`/api/v1/territories/barcelona/library/${found.items[0]!.id}`);
  assert.equal(one.statusCode, 200);
  assert.equal((await t.app.inject(`/api/v1/territories/barcelona/library/${randomUUID()}`)).statusCode, 404);
  assert.equal((await t.app.inject('/api/v1/territories/barcelona/library/x%00y')).statusCode, 404);
  const openapi = await t.app.inject('/api/v1/openapi.json');
  if (openapi.statusCode === 200) assert.match(openapi.body, /territories\/\{slug\}\/library/);
});

test('garbage never gives a 500: ids, NUL bytes, huge words, malformed multipart', async () => {
  assert.equal((await t.app.inject('/ca/t/barcelona/library/not-a-uuid')).statusCode, 404);
  assert.equal((await t.app.inject(`/ca/t/barcelona/library/${randomUUID()}`)).statusCode, 404);
  assert.equal((await t.app.inject(`/ca/t/barcelona/library/${randomUUID()}/files/zzz`)).statusCode, 404);
  assert.equal((await t.app.inject('/ca/t/barcelona/library?q=%00%00&kind=%00&district=nope&page=-3')).statusCode, 200);
  assert.equal((await t.app.inject(`/ca/t/barcelona/library?q=${'a'.repeat(200)}`)).statusCode, 200);
  assert.equal((await t.app.inject(`/ca/t/barcelona/library?q=${'a'.repeat(500)}`)).statusCode, 400);
  assert.equal((await t.app.inject('/ca/t/nowhere/library')).statusCode, 404);
  const headers = memberOf(memberOrg.organisationId);
  const { cookie } = await tokenFor('/ca/t/barcelona/library/new', headers);
  const broken = await t.app.inject({ method: 'POST', url: '/ca/t/barcelona/library/new', headers: { ...headers, cookie, 'content-type': 'multipart/form-data; boundary=xyz' }, payload: '--xyz\r\nContent-Disposition: form-data; name="title"\r\n\r\nhalf' });
  assert.ok(broken.statusCode >= 400 && broken.statusCode < 500, `got ${broken.statusCode}`);
  const withNul = await share('/ca/t/barcelona/library/new', headers, { ...guide(`organisation:${memberOrg.organisationId}`), title: 'a\u0000b' });
  assert.equal(withNul.statusCode, 400);
  assert.match(withNul.body, /id="f-title-error"/);
});

test('sharing is for members of an organisation of the territory, coordinators and council staff', async () => {
  assert.equal((await t.app.inject({ url: '/ca/t/barcelona/library/new', headers: nobody() })).statusCode, 403);
  const signedOut = await t.app.inject('/ca/t/barcelona/library/new');
  assert.ok([302, 303, 401].includes(signedOut.statusCode), `got ${signedOut.statusCode}`);
  // A Barcelona organisation that is not in the forum, and Barcelona's council, may not share in the forum.
  assert.equal((await t.app.inject({ url: '/ca/t/metropolitan-social-forum/library/new', headers: memberOf(notInForum.organisationId) })).statusCode, 403);
  assert.equal((await t.app.inject({ url: '/ca/t/metropolitan-social-forum/library/new', headers: councilOf(barcelonaId) })).statusCode, 403);
  // Posting anyway for an organisation one is not a member of is refused beside the field, and nothing is shared.
  const forged = await share('/ca/t/barcelona/library/new', memberOf(memberOrg.organisationId), guide(`organisation:${otherOrg.organisationId}`));
  assert.equal(forged.statusCode, 400);
  assert.match(forged.body, /id="f-publisher-error"/);
  // The council's staff share as the council.
  const council = await t.app.inject({ url: '/ca/t/barcelona/library/new', headers: councilOf(barcelonaId) });
  assert.equal(council.statusCode, 200);
  assert.match(council.body, /value="council"/);
});

test('an organisation member shares a guide with a PDF; bad input and a fake PDF are refused beside the field', async () => {
  const personId = randomUUID();
  const headers = memberOf(memberOrg.organisationId, personId);
  const url = '/ca/t/barcelona/library/new';
  const empty = await share(url, headers, { publisher: `organisation:${memberOrg.organisationId}`, kind: 'nope', title: '<script>x</script>', summary: '', body: '', licence: 'mine', links: 'javascript:alert(1)' });
  assert.equal(empty.statusCode, 400);
  for (const f of ['kind', 'summary', 'body', 'areas', 'languages', 'licence', 'links']) assert.match(empty.body, new RegExp(`id="f-${f}-error"`), f);
  assert.match(empty.body, /value="&lt;script>x&lt;\/script>"/);
  assert.doesNotMatch(empty.body, /<script>x<\/script>/);

  const fake = await share(url, headers, guide(`organisation:${memberOrg.organisationId}`), [{ filename: 'guia.pdf', type: 'application/pdf', content: Buffer.from('MZ this is a program, not a PDF') }]);
  assert.equal(fake.statusCode, 400);
  assert.match(fake.body, /id="f-files-error"/);
  assert.match(fake.body, /no és el que diu el nom/);
  // What was typed is kept.
  assert.match(fake.body, /Com començar un rebost de barri/);
  const exe = await share(url, headers, guide(`organisation:${memberOrg.organisationId}`), [{ filename: 'setup.exe', type: 'application/pdf', content: pdf }]);
  assert.equal(exe.statusCode, 400);
  assert.match(exe.body, /id="f-files-error"/);

  const made = await share(url, headers, guide(`organisation:${memberOrg.organisationId}`), [{ filename: 'guia-rebost.pdf', type: 'application/octet-stream', content: pdf }]);
  assert.equal(made.statusCode, 303, made.body.slice(0, 300));
  const path = made.headers.location!.split('?')[0]!;
  const page = await t.app.inject(path);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Guia per obrir un rebost &lt;b>solidari&lt;\/b>/);
  assert.match(page.body, /guia-rebost\.pdf/);
  assert.match(page.body, /href="https:\/\/example\.org\/rebost"/);
  const fileHref = /href="(\/ca\/t\/barcelona\/library\/[0-9a-f-]+\/files\/[0-9a-f-]+)"/.exec(page.body)![1]!;
  const download = await t.app.inject(fileHref);
  assert.equal(download.statusCode, 200);
  assert.equal(download.headers['content-type'], 'application/pdf');
  assert.match(download.headers['content-disposition'] as string, /^attachment/);
  assert.deepEqual(download.rawPayload, pdf);

  // Found by a misspelt word, shown on the organisation's page.
  assert.match((await t.app.inject('/ca/t/barcelona/library?q=rebots')).body, /Guia per obrir un rebost/);
  const orgPage = await t.app.inject(`/ca/organisations/${memberOrg.organisationId}`);
  assert.match(orgPage.body, /El que ha compartit a la biblioteca/);
  assert.match(orgPage.body, /Guia per obrir un rebost/);

  // Edit: the publisher's members may; another organisation's may not.
  assert.equal((await t.app.inject({ url: `${path}/edit`, headers: memberOf(otherOrg.organisationId) })).statusCode, 403);
  const editPage = await t.app.inject({ url: `${path}/edit`, headers });
  assert.equal(editPage.statusCode, 200);
  const edited = await share(`${path}/edit`, headers, { ...guide(''), title: 'Guia per obrir un rebost de barri' });
  assert.equal(edited.statusCode, 303);
  assert.match((await t.app.inject(path)).body, /Guia per obrir un rebost de barri/);
  const forgedEdit = await share(`${path}/edit`, memberOf(otherOrg.organisationId), guide(''), []);
  assert.equal(forgedEdit.statusCode, 403);
});

test('a comment is marked with the language of the page it was typed on, not the item\'s', async () => {
  const list = await t.app.inject('/ca/t/barcelona/library?kind=tool');
  const caPath = /href="(\/ca\/t\/barcelona\/library\/[0-9a-f-]{36})"/.exec(list.body)![1]!;
  const urPath = caPath.replace(/^\/ca\//, '/ur/');
  const headers = memberOf(memberOrg.organisationId);
  const made = await postForm(`${urPath}/comments`, headers, { organisationId: memberOrg.organisationId, body: 'یہ رہنما بہت مفید ہے۔' }, urPath);
  assert.equal(made.statusCode, 303);
  const id = /#comment-([0-9a-f-]{36})/.exec(made.headers.location!)![1]!;
  const onCatalan = (await t.app.inject(caPath)).body;
  const comment = new RegExp(`id="comment-${id}"[\\s\\S]*?<p dir="auto" lang="([a-z]+)">یہ رہنما بہت مفید ہے۔</p>`).exec(onCatalan);
  assert.equal(comment?.[1], 'ur', 'typed on the Urdu page, read as Urdu on the Catalan one');
  // The same member typing on the Catalan page writes Catalan.
  const ca = await postForm(`${caPath}/comments`, headers, { organisationId: memberOrg.organisationId, body: 'Molt clara.' }, caPath);
  const caId = /#comment-([0-9a-f-]{36})/.exec(ca.headers.location!)![1]!;
  const onUrdu = (await t.app.inject({ url: urPath, headers })).body;
  assert.match(onUrdu, /<label class="label" for="f-body">[^<]+<span lang="ca">[^<]+<\/span>[^<]*<\/label>/, 'the organisation in the form\'s label is marked as Catalan');
  assert.equal(new RegExp(`id="comment-${caId}"[\\s\\S]*?<p dir="auto" lang="([a-z]+)">Molt clara\\.</p>`).exec(onUrdu)?.[1], 'ca');
});

test('comments: by members, escaped, removed by their author only, hidden by a moderator with a logged reason, shown again', async () => {
  const list = await t.app.inject('/ca/t/barcelona/library?kind=tool');
  const path = /href="(\/ca\/t\/barcelona\/library\/[0-9a-f-]{36})"/.exec(list.body)![1]!;
  assert.match((await t.app.inject(path)).body, /Les persones membres d&#39;una entitat poden comentar|Les persones membres d'una entitat poden comentar/);
  const author = randomUUID();
  const headers = memberOf(memberOrg.organisationId, author);
  const bad = await postForm(`${path}/comments`, headers, { organisationId: memberOrg.organisationId, body: '   ' }, path);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /id="f-body-error"/);
  assert.equal((await postForm(`${path}/comments`, nobody(), { organisationId: memberOrg.organisationId, body: 'Hola' }, path)).statusCode, 403);
  assert.equal((await postForm(`${path}/comments`, headers, { organisationId: otherOrg.organisationId, body: 'Per una altra entitat' }, path)).statusCode, 403);
  const made = await postForm(`${path}/comments`, headers, { organisationId: memberOrg.organisationId, body: 'Molt útil <img src=x onerror=alert(1)>' }, path);
  assert.equal(made.statusCode, 303);
  const commentId = /#comment-([0-9a-f-]{36})/.exec(made.headers.location!)![1]!;
  const shown = await t.app.inject(path);
  assert.match(shown.body, /Molt útil &lt;img src=x onerror=alert\(1\)>/);

  // Someone else cannot remove it; a moderator's reason is required, then it is hidden and logged.
  assert.equal((await postForm(`${path}/comments/${commentId}/remove`, memberOf(memberOrg.organisationId), {}, path)).statusCode, 403);
  const moderator = councilOf(barcelonaId);
  const noReason = await postForm(`${path}/comments/${commentId}/hide`, moderator, { [`reason-${commentId}`]: '' }, path);
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, new RegExp(`id="f-reason-${commentId}-error"`));
  assert.equal((await postForm(`${path}/comments/${commentId}/hide`, memberOf(memberOrg.organisationId), { [`reason-${commentId}`]: 'x' }, path)).statusCode, 403);
  assert.equal((await postForm(`${path}/comments/${commentId}/hide`, moderator, { [`reason-${commentId}`]: 'Conté codi, no un comentari' }, path)).statusCode, 303);
  const publicView = await t.app.inject(path);
  assert.doesNotMatch(publicView.body, /Molt útil/);
  assert.match(publicView.body, /Una persona moderadora ha amagat aquest comentari/);
  const authorView = await t.app.inject({ url: path, headers });
  assert.match(authorView.body, /Conté codi, no un comentari/);
  const logged = await searchAccessLog(t.database.db, { action: 'library.comment.hide', recordId: commentId }, 'all', { limit: 5 });
  assert.equal(logged.length, 1);
  assert.equal(logged[0]!.reason, 'Conté codi, no un comentari');

  // Shown again: only a moderator of this territory sees the button and may; garbage ids are not found.
  const showUrl = `${path}/comments/${commentId}/show`;
  assert.ok((await t.app.inject({ url: path, headers: moderator })).body.includes(`action="${showUrl}"`));
  assert.ok(!authorView.body.includes(`action="${showUrl}"`));
  assert.ok(!publicView.body.includes(`action="${showUrl}"`));
  assert.equal((await postForm(showUrl, memberOf(memberOrg.organisationId), {}, path)).statusCode, 403);
  assert.equal((await postForm(showUrl, headers, {}, path)).statusCode, 403);
  const forumId = (await findTerritory(t.database.db, 'metropolitan-social-forum'))!.id;
  assert.equal((await postForm(showUrl, councilOf(forumId), {}, path)).statusCode, 403);
  assert.equal((await postForm(`/ca/t/metropolitan-social-forum/library/${path.split('/').pop()}/comments/${commentId}/show`, councilOf(forumId), {}, path)).statusCode, 404);
  assert.equal((await postForm(`${path}/comments/not-a-uuid/show`, moderator, {}, path)).statusCode, 404);
  assert.equal((await postForm(`/ca/t/barcelona/library/not-a-uuid/comments/${commentId}/show`, moderator, {}, path)).statusCode, 404);
  assert.equal((await postForm(`${path}/comments/${randomUUID()}/show`, moderator, {}, path)).statusCode, 404);
  assert.match((await t.app.inject(path)).body, /Una persona moderadora ha amagat aquest comentari/, 'refused attempts change nothing');
  const shownAgain = await postForm(showUrl, moderator, {}, path);
  assert.equal(shownAgain.statusCode, 303);
  assert.match(shownAgain.headers.location!, new RegExp(`\\?notice=shown#comment-${commentId}$`));
  const publicAgain = await t.app.inject(path);
  assert.match(publicAgain.body, /Molt útil &lt;img/);
  assert.doesNotMatch(publicAgain.body, /Una persona moderadora ha amagat|Conté codi/);
  assert.match((await t.app.inject({ url: path, headers })).body, /Molt útil &lt;img/);
  assert.match((await t.app.inject({ url: shownAgain.headers.location!, headers: moderator })).body, /El comentari torna a ser visible/);
  const showLogged = await searchAccessLog(t.database.db, { action: 'library.comment.show', recordId: commentId }, 'all', { limit: 5 });
  assert.equal(showLogged.length, 1);
  // Its hide form is back for the moderator; showing it once more changes and logs nothing.
  assert.ok((await t.app.inject({ url: path, headers: moderator })).body.includes(`action="${path}/comments/${commentId}/hide"`));
  assert.equal((await postForm(showUrl, moderator, {}, path)).statusCode, 303);
  assert.equal((await searchAccessLog(t.database.db, { action: 'library.comment.show', recordId: commentId }, 'all', { limit: 5 })).length, 1);

  assert.equal((await postForm(`${path}/comments/${commentId}/remove`, headers, {}, path)).statusCode, 303);
  assert.doesNotMatch((await t.app.inject({ url: path, headers })).body, /Molt útil/);
  assert.equal((await postForm(`${path}/comments/not-a-uuid/remove`, headers, {}, path)).statusCode, 404);
});

test('a network coordinator shares for the network with two files, then removes one by editing', async () => {
  const network = (await t.app.inject('/api/v1/territories/barcelona/agreement')).json().networks[0] as { id: string };
  const coordinator = actorHeader({ personId: randomUUID(), displayName: 'Lucía Romero', grants: [{ role: 'network-coordinator', scope: { kind: 'network', id: network.id } }] });
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  const made = await share('/es/t/barcelona/library/new', coordinator, { ...guide(`network:${network.id}`), kind: 'study', title: 'Estudio de la red', languages: ['es'] }, [
    { filename: 'estudio.pdf', type: 'application/pdf', content: pdf },
    { filename: 'grafico.png', type: 'image/png', content: png },
  ]);
  assert.equal(made.statusCode, 303, made.body.slice(0, 300));
  const path = made.headers.location!.split('?')[0]!;
  const page = await t.app.inject(path);
  const fileLinks = [...page.body.matchAll(/href="(\/es\/t\/barcelona\/library\/[0-9a-f-]+\/files\/([0-9a-f-]+))"/g)];
  assert.equal(fileLinks.length, 2);
  const png404 = /href="([^"]+\/files\/([0-9a-f-]{36}))"[^>]*>grafico\.png</.exec(page.body)!;
  assert.equal((await t.app.inject(png404[1]!)).statusCode, 200);
  // An organisation's member may not edit the network's item.
  assert.equal((await t.app.inject({ url: `${path}/edit`, headers: memberOf(memberOrg.organisationId) })).statusCode, 403);
  const edited = await share(`${path}/edit`, coordinator, { ...guide(''), kind: 'study', title: 'Estudio de la red', languages: ['es'], removeFiles: [png404[2]!] });
  assert.equal(edited.statusCode, 303);
  const after = await t.app.inject(path);
  assert.doesNotMatch(after.body, /grafico\.png/);
  assert.match(after.body, /estudio\.pdf/);
  assert.equal((await t.app.inject(png404[1]!)).statusCode, 404);
  // Five files at most: six at once are refused beside the field.
  const six = await share('/es/t/barcelona/library/new', coordinator, guide(`network:${network.id}`), Array.from({ length: 6 }, (_, i) => ({ filename: `f${i}.pdf`, type: 'application/pdf', content: pdf })));
  assert.equal(six.statusCode, 400);
  assert.match(six.body, /id="f-files-error"/);
});

test('the Atom feed has the newest items with absolute links, each title in its own language, escaped; linked from the library', async () => {
  const feedUrl = '/en/t/barcelona/library/feed.atom';
  const before = await t.app.inject(feedUrl);
  assert.equal(before.statusCode, 200);
  assert.match(before.headers['content-type'] as string, /^application\/atom\+xml; charset=utf-8/);
  const base = t.app.config.publicUrl;
  const feed = parseXml(before.body);
  assert.equal(feed.name, 'feed');
  assert.equal(feed.uri, 'http://www.w3.org/2005/Atom');
  assert.equal(langOf(feed), 'en');
  assert.equal(childNamed(feed, 'title')!.text, 'Library of Barcelona');
  assert.equal(childrenNamed(feed, 'link').find((l) => l.attributes.rel === 'self')!.attributes.href, `${base}${feedUrl}`);
  // The newest items, newest first, with their own languages, as the open data has them.
  const all = ((await t.app.inject('/en/t/barcelona/library.json')).json() as { items: { id: string; title: string; languages: string[]; published_at: string }[] }).items;
  const entries = childrenNamed(feed, 'entry');
  assert.equal(entries.length, Math.min(30, all.length));
  const times = entries.map((e) => Date.parse(childNamed(e, 'published')!.text));
  assert.deepEqual(times, [...times].sort((a, b) => b - a));
  const inFeed = new Set(entries.map((e) => childNamed(e, 'id')!.text));
  for (const item of all) if (Date.parse(item.published_at) > times.at(-1)!) assert.ok(inFeed.has(`${base}/en/t/barcelona/library/${item.id}`), item.title);
  for (const e of entries) {
    const id = childNamed(e, 'id')!.text;
    const item = all.find((i) => id.endsWith(`/library/${i.id}`))!;
    assert.equal(childNamed(e, 'title')!.text, item.title);
    assert.equal(langOf(childNamed(e, 'title')!), item.languages[0]);
    assert.equal(childNamed(e, 'link')!.attributes.href, id);
    for (const name of ['updated', 'author', 'summary']) assert.ok(childNamed(e, name), name);
  }
  assert.ok(entries.some((e) => langOf(childNamed(e, 'title')!) !== 'en'), 'the demo has items in other languages than the reader’s');

  // Something shared with <&> in its title comes first, escaped, and the feed kept in the cache is not served stale.
  assert.equal((await t.app.inject(feedUrl)).headers['x-cache'], 'hit');
  const made = await share('/ca/t/barcelona/library/new', memberOf(memberOrg.organisationId), { ...guide(`organisation:${memberOrg.organisationId}`), title: 'Rebost <i>&</i> menjador & "cafè"', languages: ['ca', 'es'] });
  assert.equal(made.statusCode, 303);
  const newId = /\/library\/([0-9a-f-]{36})/.exec(made.headers.location!)![1]!;
  const after = await t.app.inject(feedUrl);
  assert.match(after.body, /Rebost &lt;i&gt;&amp;&lt;\/i&gt; menjador &amp; &quot;cafè&quot;/);
  const first = childrenNamed(parseXml(after.body), 'entry')[0]!;
  assert.equal(childNamed(first, 'id')!.text, `${base}/en/t/barcelona/library/${newId}`);
  assert.equal(childNamed(first, 'title')!.text, 'Rebost <i>&</i> menjador & "cafè"');
  assert.equal(langOf(childNamed(first, 'title')!), 'ca');
  assert.equal(childNamed(first, 'category')!.attributes.label, 'Guide');

  // The library's page announces it in its head and links to it.
  const page = await t.app.inject('/en/t/barcelona/library');
  const head = page.body.slice(0, page.body.indexOf('</head>'));
  assert.match(head, /<link rel="alternate" type="application\/atom\+xml" href="\/en\/t\/barcelona\/library\/feed\.atom" title="Library of Barcelona"\/?>/);
  assert.match(page.body.slice(page.body.indexOf('<main')), /<a href="\/en\/t\/barcelona\/library\/feed\.atom" type="application\/atom\+xml">Follow what is new in the library in a feed reader \(Atom\)<\/a>/);
  assert.equal((await t.app.inject('/en/t/nowhere/library/feed.atom')).statusCode, 404);
  assert.equal(parseXml((await t.app.inject('/ar/t/metropolitan-social-forum/library/feed.atom')).body).attributes['xml:lang'], 'ar');
});
