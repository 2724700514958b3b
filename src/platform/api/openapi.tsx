// The OpenAPI 3.1 document, generated from the route schemas, and a readable page about it.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import { h } from 'preact';
import { Layout } from '../views/layout.tsx';
import { useView } from '../views/context.ts';

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

export const openApiPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Coproduce API',
          version: '1',
          description: 'Everything a public page of Coproduce shows, as JSON. Errors are RFC 9457 problem details.',
        },
      },
      // Only the JSON API belongs in the document; pages and assets are left out.
      transform: ({ schema, url }) => ({
        schema: (url.startsWith('/api/v1') ? schema : { ...(schema ?? {}), hide: true }) as never,
        url,
      }),
    });
    app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());
    app.get('/api/docs', { schema: { hide: true }, config: { access: 'public' } }, async (_request, reply) =>
      reply.render(h(ApiDocsPage, { document: app.swagger() as unknown as OpenApiDocument })),
    );
  },
  { name: 'coproduce-openapi', dependencies: ['coproduce-views'] },
);
