// For the whole app: the session cookie → request.actor (and request.viewer for the layout).
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { databaseCounterStore, redisCounterStore } from '../../platform/counters/counters.ts';
import { getOrCreateSecret } from '../../platform/crypto/secrets.ts';
import { bearerOf } from '../../platform/http/security.ts';
import { isApiPath, sendProblem } from '../../platform/http/problem.ts';
import { createThrottle, throttlePrefix, type Throttle } from './throttle.ts';
import { authenticateBearer } from './tokens/token.service.ts';
import { oauthRoutes } from './tokens/oauth.routes.ts';
import { ruleFor } from '../../platform/auth/permissions.ts';
import { hashToken } from './tokens.ts';
import { sessionCookie, sessionLifetimeMs, sessionState, type SessionState } from './identity.service.ts';

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

/** How long a session read for a public page is used again for that browser's next public pages. */
export const publicSessionReuseMs = 5_000;
const publicSessionLimit = 10_000;

/**
 * Whether this request may use a session read a moment ago: a GET of a page that is the same for everyone and open
 * to anyone (the page cache's 'public' pages), where the session only names the person in the header. Everything
 * else (writes, a person's own pages, staff pages) reads the session afresh, so a sign-out or a grant withdrawn
 * elsewhere holds at once there; on a public page the header may name the person for up to 5 s more.
 */
function mayReuseSession(method: string, config: { cache?: string; access?: string } | undefined): boolean {
  if (method !== 'GET' || config?.cache !== 'public' || !config.access) return false;
  return config.access === 'public' || ruleFor(config.access).allow === 'anyone';
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

  // Sessions read for public pages in the last few seconds (by the token's hash), oldest first.
  const recentSessions = new Map<string, { state: SessionState; at: number }>();
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/assets/') || request.url === '/healthz' || request.url === '/readyz') return;
    // The JSON API also takes API tokens. A request with one is that token's alone: its cookie is not read,
    // so a bearer request never carries a browser session's powers (and CSRF, which only cookies need, is skipped).
    if (isApiPath(request.url) && /^bearer\s/i.test(request.headers.authorization ?? '')) {
      const bearer = bearerOf(request.headers.authorization);
      const found = bearer ? await authenticateBearer(app.database.db, bearer) : null;
      if (!found) {
        reply.header('WWW-Authenticate', 'Bearer error="invalid_token"');
        return sendProblem(reply, { type: 'about:blank', title: request.i18n.t('platform.errors.signedOut.title'), status: 401, detail: request.i18n.t('platform.api.invalidToken') });
      }
      request.actor = found.actor;
      request.apiToken = { id: found.credentialId, scopes: found.scopes };
      return;
    }
    const token = request.cookies[sessionCookie];
    if (!token) return;
    const key = hashToken(token);
    let state: SessionState | null;
    const recent = recentSessions.get(key);
    const reuse = mayReuseSession(request.method, request.routeOptions.config);
    if (reuse && recent && Date.now() - recent.at < publicSessionReuseMs) {
      state = recent.state;
    } else {
      state = await sessionState(app.database.db, token);
      // Any other request (a sign-out among them) forgets it: the next public page reads it again.
      recentSessions.delete(key);
      if (state && reuse) {
        if (recentSessions.size >= publicSessionLimit) recentSessions.delete(recentSessions.keys().next().value!);
        recentSessions.set(key, { state, at: Date.now() });
      }
    }
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
  await app.register(oauthRoutes);
  // A page that names the signed-in person is theirs only: never kept by a shared cache.
  app.addHook('onSend', async (request, reply) => {
    if (request.sessionId && !reply.hasHeader('cache-control')) reply.header('Cache-Control', 'private, no-store');
  });
};
