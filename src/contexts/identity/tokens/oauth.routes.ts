// The OAuth 2.0 token endpoint, client-credentials grant only (RFC 6749 §4.4): the client authenticates
// with HTTP Basic (or client_id and client_secret in the form) and gets a one-hour bearer token.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { issueClientToken } from './token.service.ts';

const field = (max: number) => Type.Optional(Type.String({ maxLength: max }));

/** The client's id and secret from `Authorization: Basic` (form-encoded, RFC 6749 §2.3.1), or null. */
export function basicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | null {
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    return { clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')), clientSecret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')) };
  } catch {
    return null;
  }
}

const OAuthError = Type.Object({ error: Type.String(), error_description: Type.Optional(Type.String()) });

export const oauthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/oauth/token',
    {
      // No cookie is read here and the client proves itself with its secret: no CSRF token to ask for.
      config: { access: 'public', csrf: false, rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: {
        summary: 'OAuth 2.0 token endpoint (client credentials grant)',
        tags: ['identity'],
        body: Type.Object({ grant_type: field(100), scope: field(1000), client_id: field(200), client_secret: field(200) }),
        response: {
          200: Type.Object({ access_token: Type.String(), token_type: Type.Literal('Bearer'), expires_in: Type.Integer(), scope: Type.String() }),
          400: OAuthError,
          401: OAuthError,
        },
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache');
      const body = request.body ?? {};
      if (body.grant_type !== 'client_credentials') {
        return reply.code(400).send({ error: body.grant_type ? 'unsupported_grant_type' : 'invalid_request', error_description: 'grant_type must be client_credentials' });
      }
      const credentials = basicCredentials(request.headers.authorization) ?? (body.client_id && body.client_secret ? { clientId: body.client_id, clientSecret: body.client_secret } : null);
      if (!credentials) {
        reply.header('WWW-Authenticate', 'Basic realm="coproduce"');
        return reply.code(401).send({ error: 'invalid_client', error_description: 'Client authentication is required' });
      }
      const issued = await issueClientToken(app.database.db, { ...credentials, ...(body.scope !== undefined ? { scope: body.scope } : {}) });
      if (!issued.ok) {
        if (issued.error === 'invalid_client') reply.header('WWW-Authenticate', 'Basic realm="coproduce"');
        return reply.code(issued.error === 'invalid_client' ? 401 : 400).send({ error: issued.error });
      }
      return { access_token: issued.value.accessToken, token_type: 'Bearer' as const, expires_in: issued.value.expiresIn, scope: issued.value.scopes.join(' ') };
    },
  );
};
