// HTTP hardening: strict CSP and security headers, CSRF on every state-changing request (after the
// body is parsed), rate limits keyed by a keyed hash of the client (never the address itself).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import { keyedHash } from '../crypto/secrets.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false on the rare route that must accept a POST without a CSRF token (none today). */
    csrf?: boolean;
  }
  interface FastifyInstance {
    /** The keyed hash that stands for a client in rate limits: no IP address is ever kept. */
    clientKey(request: FastifyRequest): string;
    /** The Redis connection the rate limit uses (REDIS_URL), for other counters every instance must share; null without Redis. */
    redis: Redis | null;
  }
}

export interface SecurityOptions {
  cookieSecret: string;
  hashSecret: string;
  secureCookies: boolean;
  redisUrl: string | null;
  rateLimitPerMinute: number;
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerOf(header: string | undefined): string | null {
  const match = header ? /^Bearer\s+([A-Za-z0-9._~+/=-]{10,200})\s*$/i.exec(header) : null;
  return match ? match[1]! : null;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const securityPlugin = fp<SecurityOptions>(
  async (app: FastifyInstance, options) => {
    // Built once: @fastify/helmet rebuilt helmet's middleware (parsing the CSP directives again) on every request,
    // a tenth of a cached page's server time. The headers are the same for every answer.
    const securityHeaders = helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          manifestSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
          ...(options.secureCookies ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: options.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginEmbedderPolicy: false,
    });
    app.addHook('onRequest', (request, reply, done) => {
      reply.raw.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
      securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
    });

    await app.register(cookie, { secret: options.cookieSecret });
    await app.register(csrf, {
      sessionPlugin: '@fastify/cookie',
      cookieKey: 'coproduce_csrf',
      cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: options.secureCookies },
      getToken: (request) => {
        const body = request.body as Record<string, unknown> | undefined;
        const fromBody = body && typeof body === 'object' ? body._csrf : undefined;
        if (typeof fromBody === 'string') return fromBody;
        const header = request.headers['x-csrf-token'];
        return typeof header === 'string' ? header : undefined;
      },
    });
    // preHandler runs after the body is parsed, so a token in a form field is seen.
    app.addHook('preHandler', (request, reply, done) => {
      if (!unsafeMethods.has(request.method) || request.routeOptions.config?.csrf === false) return done();
      // A bearer token is not sent by a browser on its own (unlike a cookie), so a forged cross-site request
      // cannot carry one: CSRF applies to cookie-authenticated writes only. The identity hook sets apiToken
      // only on /api paths, and a request with a token is never also authenticated by its cookie.
      if ((request as { apiToken?: unknown }).apiToken) return done();
      app.csrfProtection(request, reply, done);
    });

    // Once per connection and address: a browser's keep-alive connection asks many times, and behind a proxy the
    // address (X-Forwarded-For) can change between requests on one connection, so it is compared each time.
    const clientKeys = new WeakMap<object, { ip: string; key: string }>();
    app.decorate('clientKey', (request: FastifyRequest) => {
      const known = clientKeys.get(request.socket);
      if (known && known.ip === request.ip) return known.key;
      const key = keyedHash(options.hashSecret, request.ip);
      clientKeys.set(request.socket, { ip: request.ip, key });
      return key;
    });
    const redis = options.redisUrl ? new Redis(options.redisUrl, { connectTimeout: 2000, maxRetriesPerRequest: 1, lazyConnect: false }) : undefined;
    if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => undefined)));
    app.decorate('redis', redis ?? null);
    await app.register(rateLimit, {
      global: true,
      max: options.rateLimitPerMinute,
      timeWindow: 60_000,
      // Per token for API clients (an integration behind a shared address is not throttled by its neighbours,
      // and one token cannot spend another's budget); per client otherwise.
      keyGenerator: (request) => {
        const bearer = bearerOf(request.headers.authorization);
        return bearer ? `t:${keyedHash(options.hashSecret, bearer)}` : app.clientKey(request);
      },
      ...(redis ? { redis, nameSpace: 'coproduce-rl:' } : {}),
      skipOnError: true,
      errorResponseBuilder: (_request, context) => {
        const error = new Error(`Too many requests; try again in ${context.after}`) as Error & { statusCode: number };
        error.statusCode = context.statusCode;
        return error;
      },
    });
  },
  { name: 'coproduce-security' },
);
