// An app on a cloned test database, for tests through app.inject().
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { Writable } from 'node:stream';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { cloneTestDatabase, type TemplateKind } from './database.ts';
import type { Database } from '../../src/platform/db/client.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** Every log line the app wrote, as text. */
  logs: string[];
  close(): Promise<void>;
}

export async function createTestApp(
  options: { template?: TemplateKind; config?: Partial<Config>; extraRoutes?: FastifyPluginAsync } = {},
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
  const app = await buildApp({ config, database, logStream, ...(options.extraRoutes ? { extraRoutes: options.extraRoutes } : {}) });
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
