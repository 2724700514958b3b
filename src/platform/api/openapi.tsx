// The OpenAPI 3.1 document, generated from the route schemas, and a readable page about it.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import { h } from 'preact';
import { Layout } from '../views/layout.tsx';
import { useView } from '../views/context.ts';
import { problemSchema } from '../http/problem.ts';

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: { type?: string } }[];
  responses?: Record<string, { description?: string }>;
}
interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
}

/** The scope a bearer token needs for an operation, from its security requirement; null when it needs none. */
function scopeOf(op: Operation): string | null {
  return op.security?.flatMap((requirement) => requirement.oauth ?? [])[0] ?? null;
}

/** The operations grouped by their tag (the context they belong to), in the document's order. */
function byTag(document: OpenApiDocument) {
  const groups = new Map<string, { path: string; method: string; op: Operation }[]>();
  for (const [path, methods] of Object.entries(document.paths ?? {})) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? 'api';
      groups.set(tag, [...(groups.get(tag) ?? []), { path, method: method.toUpperCase(), op }]);
    }
  }
  return [...groups.entries()];
}

function ApiDocsPage({ document }: { document: OpenApiDocument }) {
  const { t } = useView();
  const groups = byTag(document);
  const total = groups.reduce((n, [, ops]) => n + ops.length, 0);
  return (
    <Layout title={t('platform.api.title')}>
      <h1>{t('platform.api.title')}</h1>
      <p>{t('platform.api.intro')}</p>
      <p>{t('platform.api.auth')}</p>
      <p>
        <a href="/api/openapi.json">{t('platform.api.document')}</a>
      </p>
      <nav aria-labelledby="api-contents">
        <h2 id="api-contents">{t('platform.api.operations', { count: total })}</h2>
        <ul>
          {groups.map(([tag, ops]) => (
            <li key={tag}>
              <a href={`#tag-${tag}`}>
                <span lang="en">{tag}</span>
              </a>{' '}
              ({t('platform.api.operations', { count: ops.length })})
            </li>
          ))}
        </ul>
      </nav>
      {groups.map(([tag, ops]) => (
        <section key={tag} aria-labelledby={`tag-${tag}`} class="api-tag">
          <h2 id={`tag-${tag}`}>
            <span lang="en">{tag}</span>
          </h2>
          {ops.map(({ path, method, op }) => {
            const scope = scopeOf(op);
            const id = op.operationId ?? `${method}-${path}`;
            return (
              <article key={id} class="api-operation" aria-labelledby={`op-${id}`}>
                <h3 id={`op-${id}`} class="api-operation__title">
                  <code>{method}</code> <code class="api-operation__path" dir="ltr">{path}</code>
                </h3>
                <div lang="en" dir="ltr">
                  <p>
                    <strong>{op.summary ?? ''}</strong>
                  </p>
                  {op.description && <p>{op.description}</p>}
                </div>
                <dl class="summary-list">
                  <div class="summary-list__row">
                    <dt class="summary-list__key">{t('platform.api.operationId')}</dt>
                    <dd class="summary-list__value">
                      <code>{op.operationId ?? ''}</code>
                    </dd>
                  </div>
                  <div class="summary-list__row">
                    <dt class="summary-list__key">{t('platform.api.scope')}</dt>
                    <dd class="summary-list__value">{scope ? <code>{scope}</code> : t('platform.api.noScope')}</dd>
                  </div>
                  {(op.parameters ?? []).length > 0 && (
                    <div class="summary-list__row">
                      <dt class="summary-list__key">{t('platform.api.parameters')}</dt>
                      <dd class="summary-list__value">
                        {(op.parameters ?? []).map((p) => (
                          <div key={`${p.in}-${p.name}`}>
                            <code>{p.name}</code> ({p.in}
                            {p.required ? `, ${t('platform.api.required')}` : ''})
                          </div>
                        ))}
                      </dd>
                    </div>
                  )}
                  <div class="summary-list__row">
                    <dt class="summary-list__key">{t('platform.api.responses')}</dt>
                    <dd class="summary-list__value">{Object.keys(op.responses ?? {}).join(', ')}</dd>
                  </div>
                </dl>
              </article>
            );
          })}
        </section>
      ))}
    </Layout>
  );
}

type Document = {
  paths?: Record<string, Record<string, { operationId?: string; security?: Record<string, string[]>[]; responses?: Record<string, { content?: Record<string, unknown> }> }>>;
  components?: { securitySchemes?: Record<string, { flows?: { clientCredentials?: { scopes: Record<string, string> } } }> };
};

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
  // The scopes are those the routes name: listed once, with how many operations need each.
  const scopes = new Map<string, number>();
  for (const [path, methods] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(methods)) {
      operation.operationId ??= derivedOperationId(method, path);
      for (const scope of operation.security?.flatMap((r) => r.oauth ?? []) ?? []) scopes.set(scope, (scopes.get(scope) ?? 0) + 1);
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
  const flow = document.components?.securitySchemes?.oauth?.flows?.clientCredentials;
  if (flow) flow.scopes = Object.fromEntries([...scopes.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([scope, n]) => [scope, `Needed by ${n} operation${n === 1 ? '' : 's'}`]));
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
        components: {
          securitySchemes: {
            oauth: {
              type: 'oauth2',
              description: 'An OAuth 2.0 client of your account page gets an access token with the client-credentials grant; each operation names the scope it needs.',
              flows: { clientCredentials: { tokenUrl: '/api/oauth/token', scopes: {} } },
            },
            bearer: {
              type: 'http',
              scheme: 'bearer',
              description: 'A personal access token from your account page, or an OAuth 2.0 access token. It needs the same scope as the oauth requirement of the operation (403 problem details otherwise).',
            },
          },
        },
      },
      // Only the JSON API belongs in the document; pages and assets are left out. An operation that needs a
      // scope says so as its security requirement (OpenAPI 3.1 lets a bearer requirement name roles).
      transform: ({ schema, url, route }) => {
        if (!url.startsWith('/api/v1')) return { schema: { ...(schema ?? {}), hide: true } as never, url };
        const scope = (route.config as { scope?: string } | undefined)?.scope;
        return { schema: (scope ? { ...schema, security: [{ oauth: [scope] }, { bearer: [] }] } : schema) as never, url };
      },
    });
    app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => apiDocument(app));
    app.get('/api/docs', { schema: { hide: true }, config: { access: 'public' } }, async (_request, reply) =>
      reply.render(h(ApiDocsPage, { document: apiDocument(app) as OpenApiDocument })),
    );
  },
  { name: 'coproduce-openapi', dependencies: ['coproduce-views'] },
);
