// Who is asking: request.actor (set by the identity context's session hook), and the coarse
// check every route declares in config.access before its service checks the exact subject.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { h } from 'preact';
import { isApiPath, sendProblem } from '../http/problem.ts';
import { ErrorPage } from '../views/error-pages.tsx';
import { dependsOnTerritory, mayActInTerritory, mayEverBeAllowed, ruleFor, type Actor, type Denial } from './permissions.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'public', or the policy action this route needs (e.g. 'antenna.case.read'). Required on every route. */
    access?: string;
    /**
     * The API scope a bearer token needs for this route (e.g. 'write:agreement'). A route that is not public
     * and names no scope is refused to every token: cookie sessions only.
     */
    scope?: string;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** Set when the request is authenticated by an API token (Authorization: Bearer), never by a cookie. */
    apiToken: ApiCredential | null;
  }
  interface FastifyInstance {
    /** A territory's id from its slug (set by the territories context), for the scope check of /t/:slug routes. */
    territoryIdOf: ((slug: string) => Promise<string | null>) | null;
  }
}

/** The token behind a bearer-authenticated request: what it may do (its scopes), for whom it counts (its id). */
export interface ApiCredential {
  id: string;
  scopes: readonly string[];
}

/** Answers a denial the same way everywhere: sign in, pass the second factor, or 403. */
export function deny(request: FastifyRequest, reply: FastifyReply, reason: Denial) {
  const locale = request.i18n.locale;
  const next = encodeURIComponent(request.url);
  if (isApiPath(request.url)) {
    const status = reason === 'signed-out' ? 401 : 403;
    return sendProblem(reply, { type: 'about:blank', title: request.i18n.t(status === 401 ? 'platform.errors.signedOut.title' : 'platform.errors.forbidden.title'), status });
  }
  reply.header('Cache-Control', 'no-store');
  if (reason === 'signed-out') return reply.redirect(`/${locale}/account/sign-in?next=${next}`, 303);
  if (reason === 'two-factor-required') return reply.redirect(`/${locale}/account/two-factor?next=${next}`, 303);
  return reply.render(h(ErrorPage, { kind: 'forbidden' }), 403);
}

export const authPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('actor', null);
    app.decorateRequest('apiToken', null);
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/assets') && !route.config?.access) {
        throw new Error(`Route ${route.method} ${route.url} declares no config.access ('public' or a policy action)`);
      }
    });
    // Before validation, so a person without access is answered 401/403/sign-in, never "bad input".
    app.addHook('preValidation', async (request, reply) => {
      const access = request.routeOptions.config?.access;
      if (!access || access === 'public') return;
      // A token acts only within its scopes: 403 problem details naming the missing scope, before anything else.
      if (request.apiToken) {
        const scope = request.routeOptions.config?.scope;
        // What anyone may do needs no scope (read:public); anything else needs the scope the route names.
        const open = !scope && ruleFor(access).allow === 'anyone';
        if (!open && (!scope || !request.apiToken.scopes.includes(scope))) {
          return sendProblem(reply, {
            type: 'about:blank',
            title: request.i18n.t('platform.errors.forbidden.title'),
            status: 403,
            detail: scope ? request.i18n.t('platform.api.missingScope', { scope }) : request.i18n.t('platform.api.noTokens'),
          });
        }
      }
      const result = mayEverBeAllowed(request.actor, access);
      if (!result.ok) return deny(request, reply, result.reason);
      // Every route under a territory's slug checks that territory's scope, written once here rather than
      // trusted to each handler (a Fuenlabrada admin read Barcelona's case handlers on the recovery page).
      // A rule open to anyone (or to anyone signed in, or to an owner) holds in every territory: no lookup.
      if (!app.territoryIdOf || !dependsOnTerritory(access)) return;
      const slug = (request.params as { slug?: unknown } | undefined)?.slug;
      if (typeof slug !== 'string') return;
      const territoryId = await app.territoryIdOf(slug);
      // An unknown territory: the route answers "not found".
      if (territoryId && !mayActInTerritory(request.actor, access, territoryId)) return deny(request, reply, 'forbidden');
    });
    app.decorate('territoryIdOf', null);
  },
  { name: 'coproduce-auth', dependencies: ['coproduce-views'] },
);
