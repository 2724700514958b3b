// For the whole app: the session cookie → request.actor (and request.viewer for the layout).
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { databaseCounterStore, redisCounterStore } from '../../platform/counters/counters.ts';
import { getOrCreateSecret } from '../../platform/crypto/secrets.ts';
import { createThrottle, throttlePrefix, type Throttle } from './throttle.ts';
import { sessionCookie, sessionLifetimeMs, sessionState } from './identity.service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts sign-in attempts per account and per client (Redis when REDIS_URL is set, else the database). */
    signInThrottle: Throttle;
  }
  interface FastifyRequest {
    /** The database id of this browser's session, when it has one. */
    sessionId: string | null;
    /** Signed in with a password, but the second factor is still to come. */
    pendingTwoFactor: boolean;
  }
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(sessionCookie, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: Math.floor(sessionLifetimeMs / 1000) });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(sessionCookie, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export const identityHooks: FastifyPluginAsync = async (app) => {
  const secret = await getOrCreateSecret(app.database.db, 'sign-in-throttle');
  const database = databaseCounterStore(app.database.db);
  let warned = false;
  const store = app.redis
    ? redisCounterStore(app.redis, throttlePrefix(secret), database, () => {
        if (!warned) app.log.warn('sign-in throttle: Redis does not answer; counting in the database until it does');
        warned = true;
      })
    : database;
  app.decorate('signInThrottle', createThrottle(store, secret));
  app.decorateRequest('sessionId', null);
  app.decorateRequest('pendingTwoFactor', false);
  const secure = app.config.publicUrl.startsWith('https://');

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/assets/') || request.url === '/healthz' || request.url === '/readyz') return;
    const token = request.cookies[sessionCookie];
    if (!token) return;
    const state = await sessionState(app.database.db, token);
    if (!state) {
      // Expired or revoked elsewhere: forget it.
      clearSessionCookie(reply, secure);
      return;
    }
    request.sessionId = state.sessionId;
    request.pendingTwoFactor = state.pendingTwoFactor;
    request.actor = state.actor;
    if (state.actor) request.viewer = { name: state.actor.displayName };
  });
  // A page that names the signed-in person is theirs only: never kept by a shared cache.
  app.addHook('onSend', async (request, reply) => {
    if (request.sessionId && !reply.hasHeader('cache-control')) reply.header('Cache-Control', 'private, no-store');
  });
};
