// An app on a cloned test database, for tests through app.inject().
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { Writable } from 'node:stream';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { cloneTestDatabase, type TemplateKind, type TestDatabase } from './database.ts';
import type { Db } from '../../src/platform/db/client.ts';
import type { Actor } from '../../src/platform/auth/permissions.ts';
import { person } from '../../src/contexts/identity/identity.schema.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  /** Every log line the app wrote, as text. */
  logs: string[];
  close(): Promise<void>;
}

export async function createTestApp(
  options: { template?: TemplateKind; config?: Partial<Config>; extraRoutes?: FastifyPluginAsync; actAs?: boolean } = {},
): Promise<TestApp> {
  const database = await cloneTestDatabase(options.template ?? 'demo');
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config = { ...loadConfig({ NODE_ENV: 'test' }), logLevel: 'info', ...options.config };
  const app = await buildApp({
    config,
    database,
    logStream,
    ...(options.extraRoutes ? { extraRoutes: options.extraRoutes } : {}),
    ...(options.actAs ? { extraHooks: actAsHook } : {}),
  });
  await app.ready();
  return {
    app,
    database,
    logs,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** Reads the CSRF cookie and token from a page that has a form. */
export function csrfFrom(response: { body: string; cookies: { name: string; value: string }[] }) {
  const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
  const cookie = response.cookies.find((c) => c.name === 'coproduce_csrf');
  if (!token || !cookie) throw new Error('No CSRF token on this page');
  return { token, cookie: `${cookie.name}=${cookie.value}` };
}

/**
 * Test-only: act as a given person. The header carries the Actor as JSON; this hook exists only
 * in apps built by createTestApp({ actAs: true }), never in the real server.
 */
/** Makes the actor's person exist, as a signed-in person always does (other tables refer to people). */
export async function ensurePerson(db: Db, actor: Pick<Actor, 'personId' | 'displayName' | 'locale'>): Promise<void> {
  await db
    .insert(person)
    .values({ id: actor.personId, email: `${actor.personId}@test.invalid`, displayName: actor.displayName, locale: actor.locale, passwordHash: '!' })
    .onConflictDoNothing();
}

export const actAsHook: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', async (request) => {
    const header = request.headers['x-test-actor'];
    if (typeof header !== 'string') return;
    const actor = JSON.parse(header) as Actor;
    await ensurePerson(app.database.db, actor);
    request.actor = actor;
  });
};

export function actorHeader(actor: Partial<Actor> & Pick<Actor, 'grants'>): Record<string, string> {
  const full: Actor = { personId: actor.personId ?? '00000000-0000-4000-8000-000000000001', displayName: 'Test person', locale: 'en', twoFactorVerified: true, ...actor };
  return { 'x-test-actor': JSON.stringify(full) };
}
