// Builds the Fastify app: platform plugins, then each context from its manifest.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import formbody from '@fastify/formbody';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import type { Config } from './config.ts';
import type { Database } from './platform/db/client.ts';
import { ping } from './platform/db/client.ts';
import { getOrCreateSecret } from './platform/crypto/secrets.ts';
import { loadCatalogue } from './platform/i18n/i18n.ts';
import { i18nPlugin } from './platform/i18n/plugin.ts';
import { isLocale, negotiate } from './platform/i18n/locales.ts';
import { loggerOptions, safeError, type LogDestination } from './platform/http/logging.ts';
import { securityPlugin } from './platform/http/security.ts';
import { errorsPlugin } from './platform/http/errors.ts';
import { pageCachePlugin } from './platform/cache/page-cache.ts';
import { replicaReadsPlugin, replicaWritesPlugin } from './platform/db/replica.ts';
import { personaliseHeader, publicDir, viewsPlugin } from './platform/views/render.tsx';
import { openApiPlugin } from './platform/api/openapi.tsx';
import { authPlugin } from './platform/auth/plugin.ts';
import { registerPolicy } from './platform/auth/permissions.ts';
import { subscribe } from './platform/events.ts';
import { registerPortal } from './platform/portal.ts';
import type { ContextManifest } from './platform/manifest.ts';
import { platformManifest } from './platform/platform.manifest.ts';
import { territoriesManifest } from './contexts/territories/manifest.ts';
import { identityManifest } from './contexts/identity/manifest.ts';
import { catalogueManifest } from './contexts/catalogue/manifest.ts';
import { auditsManifest } from './contexts/audits/manifest.ts';
import { agreementManifest } from './contexts/agreement/manifest.ts';
import { antennaManifest } from './contexts/antenna/manifest.ts';
import { diagnosisManifest } from './contexts/diagnosis/manifest.ts';
import { plansManifest } from './contexts/plans/manifest.ts';
import { coproductionManifest } from './contexts/coproduction/manifest.ts';
import { projectsManifest } from './contexts/projects/manifest.ts';
import { libraryManifest } from './contexts/library/manifest.ts';
import { frameworksManifest } from './contexts/frameworks/manifest.ts';
import { notificationsManifest } from './contexts/notifications/manifest.ts';
import { portalManifest } from './contexts/portal/manifest.ts';
import { integrationsManifest } from './contexts/integrations/manifest.ts';
import { createMailer, type Mailer } from './platform/mail/mail.ts';
import { fileStoreFor, type FileStore } from './platform/files/file-store.ts';
import { accessLogPlugin } from './platform/access-log/plugin.ts';
import { idempotencyPlugin } from './platform/http/idempotency.ts';
import { apiEtagPlugin } from './platform/http/api-etag.ts';

/** Every context, in dependency order. Adding a context is adding a folder and one line here. */
export const manifests: ContextManifest[] = [
  platformManifest,
  territoriesManifest,
  identityManifest,
  catalogueManifest,
  auditsManifest,
  agreementManifest,
  antennaManifest,
  diagnosisManifest,
  plansManifest,
  coproductionManifest,
  projectsManifest,
  libraryManifest,
  frameworksManifest,
  notificationsManifest,
  integrationsManifest,
  portalManifest,
];

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    config: Config;
    /** Sends translated email (SMTP_URL), or keeps it in the outbox when no mail server is configured. */
    mailer: Mailer;
    /** Where contexts keep files: PostgreSQL when DATABASE_URL is set (every instance reads them), else DATA_DIR. */
    files: FileStore;
    /** Set on SIGTERM: no new connections, each open one answered once more with Connection: close, /readyz 503. */
    draining: boolean;
  }
}

export interface BuildOptions {
  config: Config;
  database: Database;
  logStream?: LogDestination;
  /** Extra routes, for tests of the platform's own machinery. */
  extraRoutes?: FastifyPluginAsync;
  /** Extra app-wide hooks registered before the routes (tests use it to act as a given person). */
  extraHooks?: FastifyPluginAsync;
}

for (const manifest of manifests) {
  loadCatalogue(manifest.localesDir);
  if (manifest.policy) registerPolicy(manifest.policy);
  if (manifest.subscriptions) subscribe(manifest.subscriptions);
  registerPortal(manifest.name, manifest.portal, manifest.desk);
}

export async function buildApp({ config, database, logStream, extraRoutes, extraHooks }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logStream ? { ...loggerOptions(config.logLevel), stream: logStream } : loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    bodyLimit: 512 * 1024,
    genReqId: () => randomUUID(),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    requestTimeout: 30_000,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // A schema on every route: a route added without one stops the start, not a review.
  app.addHook('onRoute', (route) => {
    if (!route.schema && !route.url.startsWith('/assets')) {
      throw new Error(`Route ${route.method} ${route.url} has no schema`);
    }
  });

  app.decorate('database', database);
  app.decorate('draining', false);
  // While draining, each connection still open gets its answer and is then closed: the load balancer opens a new
  // one, to another instance (this one no longer accepts connections).
  app.addHook('onSend', async (_request, reply, payload) => {
    if (app.draining) reply.header('Connection', 'close');
    return payload;
  });
  app.decorate('config', config);
  app.decorate('files', fileStoreFor(database, config.dataDir));
  app.decorate(
    'mailer',
    createMailer({
      db: database.db,
      smtpUrl: config.smtpUrl,
      from: `Coproduce <no-reply@${new URL(config.publicUrl).hostname}>`,
      log: (error) => app.log.error({ err: safeError(error) }, 'mail not sent'),
      keepSecretsInOutbox: config.env !== 'production',
      dropDir: config.mailDropDir,
    }),
  );
  app.addHook('onReady', async () => {
    if (!app.mailer.deliversSecrets) app.log.warn('no mail server (SMTP_URL) in production: password resets are refused and links that sign in are not kept; set SMTP_URL');
    app.mailer.start();
  });
  app.addHook('onClose', async () => {
    app.mailer.stop();
    await app.mailer.flush();
  });

  const [cookieSecret, hashSecret] = await Promise.all([
    getOrCreateSecret(database.db, 'cookie'),
    getOrCreateSecret(database.db, 'client-hash'),
  ]);
  await app.register(accessLogPlugin);
  await app.register(formbody);
  await app.register(i18nPlugin);
  await app.register(securityPlugin, {
    cookieSecret,
    hashSecret,
    secureCookies: config.publicUrl.startsWith('https://'),
    redisUrl: config.redisUrl,
    rateLimitPerMinute: config.rateLimitPerMinute,
  });
  // Before the page cache: a write's WAL position is recorded before the cache's version moves on.
  await app.register(replicaWritesPlugin);
  // Before compression, so that it keeps the body as rendered and sends its own compressed copies.
  await app.register(pageCachePlugin, { redis: app.redis, personalise: personaliseHeader });
  // After the page cache: only a page rendered afresh asks whether the replica has caught up.
  await app.register(replicaReadsPlugin);
  await app.register(apiEtagPlugin);
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(viewsPlugin);
  await app.register(errorsPlugin);
  await app.register(authPlugin);
  await app.register(idempotencyPlugin);
  for (const manifest of manifests) if (manifest.hooks) await app.register(fp(manifest.hooks, { name: `${manifest.name}-hooks` }));
  if (extraHooks) await app.register(fp(extraHooks));
  await app.register(openApiPlugin);
  await app.register(fastifyStatic, {
    root: publicDir,
    prefix: '/assets/',
    maxAge: '365d',
    immutable: true,
    schemaHide: true,
  });

  app.get('/', { schema: { hide: true }, config: { access: 'public' } }, async (request, reply) => {
    reply.header('Vary', 'Accept-Language');
    return reply.redirect(`/${negotiate(request.headers['accept-language'])}/`, 302);
  });
  // Browsers ask for it on every site; a 404 here fills logs and is flagged by checkers.
  app.get('/favicon.ico', { schema: { hide: true }, config: { access: 'public' } }, async (_request, reply) => {
    reply.header('Cache-Control', 'public, max-age=604800');
    return reply.type('image/x-icon').sendFile('favicon.ico');
  });
  app.get('/healthz', { schema: { hide: true }, config: { rateLimit: false, access: 'public' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true }, config: { rateLimit: false, access: 'public' } }, async (_request, reply) => {
    if (app.draining) return reply.code(503).send({ status: 'draining', database: database.engine });
    try {
      await ping(database.db);
      return { status: 'ok', database: database.engine };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: database.engine });
    }
  });

  await app.register(
    fp(async (scope) => {
      for (const manifest of manifests) {
        if (manifest.api) await scope.register(manifest.api, { prefix: '/api/v1' });
        if (manifest.pages) {
          await scope.register(
            async (pages) => {
              // /xx/… with an unknown language is a page that does not exist.
              pages.addHook('onRequest', async (request, reply) => {
                const locale = (request.params as { locale?: string }).locale;
                if (!isLocale(locale)) return reply.callNotFound();
              });
              await pages.register(manifest.pages!);
            },
            { prefix: '/:locale' },
          );
        }
      }
      if (extraRoutes) await scope.register(extraRoutes);
    }),
  );
  return app;
}
