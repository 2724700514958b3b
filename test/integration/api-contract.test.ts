// The contract holds: every operation of the OpenAPI document, called on the demo, answers a status the
// document lists, with the media type it names, and a body its schema accepts (Ajv, as Fastify uses).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { eq } from 'drizzle-orm';
import { actorHeader, createTestApp, type TestApp } from '../support/app.ts';
import { apiDocument } from '../../src/platform/api/openapi.tsx';
import { findTerritory } from '../../src/contexts/territories/territory.service.ts';
import { findPersonByEmail } from '../../src/contexts/identity/identity.service.ts';
import { grantsFor } from '../../src/contexts/identity/roles.service.ts';
import { createPersonalToken } from '../../src/contexts/identity/tokens/token.service.ts';
import { apiScopes } from '../../src/contexts/identity/tokens/scopes.ts';
import { auditor, campaign, scoreCard, selfAssessment, visit } from '../../src/contexts/audits/audit.schema.ts';
import { setUpHandlerKey } from '../../src/contexts/antenna/triage.service.ts';

interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}
type Document = { paths: Record<string, Record<string, Operation>> };

let t: TestApp;
let document: Document;
const ajv = new Ajv({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv) => void)(ajv);
before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 100_000 } });
  document = apiDocument(t.app) as Document;
});
after(async () => t.close());

const json = async (url: string) => (await t.app.inject(url)).json() as Record<string, unknown>;

/** Real values of the demo for a path's parameters, per territory. */
async function samples(slug: string): Promise<Record<string, string[]>> {
  const territory = (await findTerritory(t.database.db, slug))!;
  const agreement = await json(`/api/v1/territories/${slug}/agreement`);
  const challenges = ((await json(`/api/v1/territories/${slug}/challenges`)).challenges ?? []) as { id: string }[];
  const diagnoses = ((await json(`/api/v1/territories/${slug}/diagnoses`)).diagnoses ?? []) as { number: number }[];
  const plans = ((await json(`/api/v1/territories/${slug}/plans`)).plans ?? []) as { slug: string }[];
  const number = diagnoses[0] ? String(diagnoses[0].number) : '1';
  const pkg = (await json(`/api/v1/territories/${slug}/diagnoses/${number}/datapackage.json`)) as { resources?: { name: string; path?: string }[] };
  const campaigns = await t.database.db.select({ id: campaign.id }).from(campaign).where(eq(campaign.territoryId, territory.id)).limit(1);
  const selfAssessments = await t.database.db.select({ id: selfAssessment.id }).from(selfAssessment).where(eq(selfAssessment.territoryId, territory.id)).limit(1);
  const cards = await t.database.db.select({ id: scoreCard.id }).from(scoreCard).where(eq(scoreCard.territoryId, territory.id)).limit(1);
  const members = ((agreement.members ?? []) as { id: string }[]).map((m) => m.id);
  const events = ((await json(`/api/v1/territories/${slug}/events`)).events ?? []) as { id: string }[];
  const projects = ((await json(`/api/v1/territories/${slug}/projects`)).projects ?? []) as { id: string; budget: { id: string }[]; partners: { id: string; role: string }[]; milestones: { id: string }[] }[];
  const libraryItems = ((await json(`/api/v1/territories/${slug}/library`)).items ?? []) as { id: string }[];
  // The demo's framework is the Metropolitan Social Forum's.
  const frameworks = ((await json('/api/v1/territories/metropolitan-social-forum/frameworks')).versions ?? []) as { frameworkId: string }[];
  const framework = frameworks[0] ? ((await json(`/api/v1/frameworks/${frameworks[0].frameworkId}`)) as { versions?: { sections: { paragraphIds: string[] }[] }[] }) : {};
  const frameworkParagraphs = (framework.versions ?? []).flatMap((v) => v.sections.flatMap((x) => x.paragraphIds));
  return {
    slug: [slug],
    network: ((agreement.networks ?? []) as { slug: string }[]).slice(0, 1).map((n) => n.slug),
    id: [...challenges.slice(0, 1).map((c) => c.id), ...members.slice(0, 1), ...events.slice(0, 1).map((e) => e.id), ...projects.slice(0, 1).map((p) => p.id), ...libraryItems.slice(0, 1).map((i) => i.id), ...frameworks.slice(0, 1).map((f) => f.frameworkId)],
    campaignId: campaigns.map((c) => c.id),
    selfAssessmentId: selfAssessments.map((s) => s.id),
    number: [number],
    plan: plans.slice(0, 1).map((p) => p.slug),
    resource: (pkg.resources ?? []).slice(0, 1).map((r) => (r.path ?? r.name).split('/').pop()!),
    meeting: ['00000000-0000-4000-8000-000000000001'],
    cardId: cards.map((c) => c.id),
    paragraphId: frameworkParagraphs.slice(0, 1),
    // The first project's own budget line, milestone and a partner that does not lead it (the lead cannot be removed).
    lineId: (projects[0]?.budget ?? []).slice(0, 1).map((b) => b.id),
    milestoneId: (projects[0]?.milestones ?? []).slice(0, 1).map((m) => m.id),
    partnerId: (projects[0]?.partners ?? []).filter((p) => p.role !== 'lead').slice(-1).map((p) => p.id),
  };
}

function fill(path: string, values: Record<string, string[]>): string[] {
  let urls = [path];
  for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
    const options = values[name!] ?? [];
    urls = urls.flatMap((u) => (options.length ? options : ['00000000-0000-4000-8000-000000000000']).map((v) => u.replace(`{${name}}`, encodeURIComponent(v))));
  }
  return urls;
}

function check(operation: Operation, method: string, url: string, response: Awaited<ReturnType<TestApp['app']['inject']>>) {
  const where = `${method} ${url} → ${response.statusCode}`;
  const documented = operation.responses[String(response.statusCode)];
  assert.ok(documented, `${where}: status not in the document (${Object.keys(operation.responses).join(', ')})`);
  if (!documented.content) return;
  const type = String(response.headers['content-type'] ?? '').split(';')[0]!;
  const media = documented.content[type];
  assert.ok(media, `${where}: ${type} is not among ${Object.keys(documented.content).join(', ')}`);
  if (!media.schema || !/json/.test(type)) return;
  const validate = ajv.compile(media.schema);
  const body = response.json();
  assert.ok(validate(body), `${where}: ${ajv.errorsText(validate.errors)}`);
}

test('every operation answers on the demo as its schema says (reads as a platform admin, writes through a token with every scope)', async () => {
  const admin = (await findPersonByEmail(t.database.db, 'admin@coproduce.example'))!;
  const made = await createPersonalToken(t.database.db, { personId: admin.id, displayName: admin.displayName, locale: 'en', grants: await grantsFor(t.database.db, admin.id), twoFactorVerified: true }, {
    name: 'contract',
    scopes: [...apiScopes],
    territoryId: (await findTerritory(t.database.db, 'barcelona'))!.id,
    lifetime: '30',
  });
  assert.ok(made.ok);
  const token = made.value.secret;
  // Reads as staff who may see everything a page shows: platform admin, and territory admin of both demo territories.
  const staff = await Promise.all(['barcelona', 'fuenlabrada'].map(async (slug) => (await findTerritory(t.database.db, slug))!.id));
  const reader = actorHeader({
    personId: admin.id,
    grants: [{ role: 'platform-admin', scope: { kind: 'platform', id: null } }, ...staff.map((id) => ({ role: 'territory-admin' as const, scope: { kind: 'territory' as const, id } }))],
  });
  // What is a person's own (an auditor's visits, a handler's queue) is read as that person: nobody else may.
  const own = async (email: string) => {
    const who = (await findPersonByEmail(t.database.db, email))!;
    return actorHeader({ personId: who.id, grants: await grantsFor(t.database.db, who.id) });
  };
  const ownReaders: [RegExp, Record<string, string>][] = [
    [/\/audits\/visits/, await own('auditor@coproduce.example')],
    [/\/antenna\/cases/, await own('case-handler@coproduce.example')],
    // A self-assessment is read by the managers of its service (or a coordinator), not by a territory admin.
    [/\/self-assessments\//, await own('service-manager@coproduce.example')],
    // What only the page's own role reads: instruments and a campaign's plan (audit coordinators), adhesions (the promoting group).
    [/\/audits\/(instruments|campaigns\/\{campaignId\}$)/, await own('audit-coordinator@coproduce.example')],
    [/\/adhesions$/, await own('promoting-group-member@coproduce.example')],
  ];
  // A case's content is read with the handler's case key open in a key session, as openCaseKey answers it.
  const handler = (await findPersonByEmail(t.database.db, 'case-handler@coproduce.example'))!;
  const barcelonaId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  const key = await setUpHandlerKey(t.database.db, { personId: handler.id, displayName: handler.displayName, locale: 'en', grants: await grantsFor(t.database.db, handler.id), twoFactorVerified: true }, barcelonaId, { password: 'contract test case key', replace: true });
  assert.ok(key.ok);
  const caseKey = { 'coproduce-case-key': key.value.token };
  const readerOf = (path: string) => {
    const own = ownReaders.find(([pattern]) => pattern.test(path))?.[1] ?? reader;
    return path.includes('/antenna/cases/{reference}') ? { ...own, ...caseKey } : own;
  };
  const values = { barcelona: await samples('barcelona'), fuenlabrada: await samples('fuenlabrada') };
  const auditorId = (await findPersonByEmail(t.database.db, 'auditor@coproduce.example'))!.id;
  const [ownAuditor] = await t.database.db.select({ id: auditor.id }).from(auditor).where(eq(auditor.personId, auditorId)).limit(1);
  const ownVisits = ownAuditor ? await t.database.db.select({ id: visit.id }).from(visit).where(eq(visit.auditorId, ownAuditor.id)).limit(1) : [];
  values.barcelona.visitId = ownVisits.map((v) => v.id);
  const queue = await t.app.inject({ url: '/api/v1/territories/barcelona/antenna/cases?limit=1', headers: await own('case-handler@coproduce.example') });
  values.barcelona.reference = ((queue.json().cases ?? []) as { reference: string }[]).map((c) => c.reference);
  assert.equal(values.barcelona.reference.length, 1, queue.body);
  let calls = 0;
  const answered = new Map<string, Set<number>>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const urls = [...new Set([...fill(path, values.barcelona), ...fill(path, values.fuenlabrada)])];
      for (const url of urls) {
        const response =
          method === 'get'
            ? await t.app.inject({ url, headers: readerOf(path) })
            : await t.app.inject({ method: method.toUpperCase() as 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...caseKey }, payload: {} });
        check(operation, method.toUpperCase(), url, response);
        calls++;
        answered.set(operation.operationId, (answered.get(operation.operationId) ?? new Set()).add(response.statusCode));
      }
    }
  }
  // Reads answer 200 somewhere in the demo (not only errors); writes with an empty body are refused as bad input, never a 500.
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const statuses = [...answered.get(operation.operationId)!];
      if (method === 'get' && !path.endsWith('/logo') && !path.endsWith('/me')) assert.ok(statuses.includes(200), `${method} ${path}: only ${statuses.join(', ')}`);
      assert.ok(statuses.every((s) => s < 500), `${method} ${path}: ${statuses.join(', ')}`);
    }
  }
  assert.ok(calls >= Object.keys(document.paths).length);
});

test("a forum's events, which say in which of its municipalities each is held, answer as the schema says", async () => {
  const list = document.paths['/api/v1/territories/{slug}/events']!.get!;
  const read = document.paths['/api/v1/events/{id}']!.get!;
  const url = '/api/v1/territories/metropolitan-social-forum/events';
  const all = await t.app.inject({ url, headers: { 'accept-language': 'ca' } });
  check(list, 'GET', url, all);
  const events = all.json().events as { id: string; municipality: { slug: string } | null }[];
  const held = events.filter((e) => e.municipality !== null);
  assert.ok(held.length > 0, 'the demo forum holds events in its municipalities: the sample is not only nulls');
  check(read, 'GET', `/api/v1/events/${held[0]!.id}`, await t.app.inject(`/api/v1/events/${held[0]!.id}`));
  for (const query of [`municipality=${held[0]!.municipality!.slug}`, 'municipality=atlantis', `municipality=${'x'.repeat(101)}`]) check(list, 'GET', `${url}?${query}`, await t.app.inject(`${url}?${query}`));
});
