// The OpenAPI 3.1 document, generated from the route schemas, and a readable page about it.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import { h } from 'preact';
import { Layout } from '../views/layout.tsx';
import { useView } from '../views/context.ts';
import { problemSchema } from '../http/problem.ts';

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: { type?: string } }[];
  responses?: Record<string, { description?: string }>;
}
interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
}

function ApiDocsPage({ document }: { document: OpenApiDocument }) {
  const { t } = useView();
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  return (
    <Layout title={t('platform.api.title')}>
      <h1>{t('platform.api.title')}</h1>
      <p>{t('platform.api.intro')}</p>
      <p>
        <a href="/api/openapi.json">{t('platform.api.document')}</a>
      </p>
      <div class="table-scroll">
        <table class="table">
          <caption>{t('platform.api.operations', { count: operations.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('platform.api.method')}</th>
              <th scope="col">{t('platform.api.path')}</th>
              <th scope="col">{t('platform.api.summary')}</th>
              <th scope="col">{t('platform.api.parameters')}</th>
              <th scope="col">{t('platform.api.responses')}</th>
            </tr>
          </thead>
          <tbody>
            {operations.map(({ path, method, op }) => (
              <tr key={`${method} ${path}`}>
                <td>
                  <code>{method}</code>
                </td>
                <td>
                  <code>{path}</code>
                </td>
                <td>{op.summary ?? ''}</td>
                <td>
                  {(op.parameters ?? []).map((p) => (
                    <div key={`${p.in}-${p.name}`}>
                      <code>{p.name}</code> ({p.in}
                      {p.required ? ', required' : ''})
                    </div>
                  ))}
                </td>
                <td>{Object.keys(op.responses ?? {}).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

type Document = { paths?: Record<string, Record<string, { operationId?: string; responses?: Record<string, { content?: Record<string, unknown> }> }>> };

/** `GET /territories/{slug}/challenges` → `getTerritoriesSlugChallenges`: for operations that do not name themselves. */
export function derivedOperationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1/, '')
    .split(/[/{}.-]+/)
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}

/**
 * The document as served: every operation has an operationId (its own, or one derived from method and path),
 * and error responses are described as what they are on the wire, RFC 9457 `application/problem+json`.
 */
export function apiDocument(app: FastifyInstance): unknown {
  const document = structuredClone(app.swagger()) as Document;
  for (const [path, methods] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(methods)) {
      operation.operationId ??= derivedOperationId(method, path);
      // Said once here, true of every operation: a bad bearer token is 401, too many requests 429.
      operation.responses ??= {};
      operation.responses['401'] ??= { description: 'Not signed in, or the bearer token is unknown, expired or revoked', content: { 'application/problem+json': { schema: problemSchema } } } as never;
      // Parameters and bodies are validated against their schema before anything else: 400 when they do not match.
      if ((operation as { parameters?: unknown[] }).parameters?.length || (operation as { requestBody?: unknown }).requestBody) {
        operation.responses['400'] ??= { description: 'A parameter or the body does not match its schema', content: { 'application/problem+json': { schema: problemSchema } } } as never;
      }
      operation.responses['429'] ??= { description: 'Too many requests from this client or token', content: { 'application/problem+json': { schema: problemSchema } } } as never;
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (Number(status) < 400 || !response.content?.['application/json']) continue;
        response.content = { 'application/problem+json': response.content['application/json'] };
      }
    }
  }
  return document;
}

export const openApiPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Coproduce API',
          version: '1',
          description:
            'Everything a page of Coproduce shows, as JSON, and its main actions. Authenticate with `Authorization: Bearer <token>`: a personal access token from your account page, or an OAuth 2.0 client-credentials token from `/api/oauth/token`. A token acts as its person, in its territory, on the operations its scopes allow (403 otherwise). POST takes an `Idempotency-Key`. Errors are RFC 9457 problem details.',
          license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
          contact: { name: 'Coproduce', url: 'https://github.com/' },
        },
        servers: [{ url: '/', description: 'This installation' }],
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A personal access token or an OAuth 2.0 access token' } } },
      },
      // Only the JSON API belongs in the document; pages and assets are left out.
      transform: ({ schema, url }) => ({
        schema: (url.startsWith('/api/v1') ? schema : { ...(schema ?? {}), hide: true }) as never,
        url,
      }),
    });
    app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => apiDocument(app));
    app.get('/api/docs', { schema: { hide: true }, config: { access: 'public' } }, async (_request, reply) =>
      reply.render(h(ApiDocsPage, { document: app.swagger() as unknown as OpenApiDocument })),
    );
  },
  { name: 'coproduce-openapi', dependencies: ['coproduce-views'] },
);
