// The library's JSON under /api/v1: a territory's items (searched and filtered as the page does), and one item.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { problemSchema, sendProblem } from '../../platform/http/problem.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { itemDetail, perPage, searchLibrary, type ItemSummary, type LibraryFile } from './library.service.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const ItemJson = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  publisher: Type.Object({ kind: Type.String(), id: Nullable(Type.String()), name: Type.String() }),
  publishedAt: Type.String({ format: 'date-time' }),
  areas: Type.Array(Type.String()),
  districtIds: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  licence: Type.String(),
  links: Type.Array(Type.Object({ url: Type.String(), label: Type.String() })),
});
const ItemDetailJson = Type.Composite([
  ItemJson,
  Type.Object({
    body: Type.String(),
    files: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), mediaType: Type.String(), size: Type.Integer(), url: Type.String() })),
    comments: Type.Array(Type.Object({ organisation: Type.String(), body: Type.String(), lang: Type.String({ description: 'The language the comment is written in' }), createdAt: Type.String({ format: 'date-time' }) })),
  }),
]);

const itemJson = (i: ItemSummary) => ({
  id: i.id,
  kind: i.kind,
  title: i.title,
  summary: i.summary,
  publisher: { kind: i.publisherKind, id: i.publisherId, name: i.publisherName },
  publishedAt: i.publishedAt.toISOString(),
  areas: i.areas,
  districtIds: i.districtIds,
  languages: i.languages,
  licence: i.licence,
  links: i.links,
});

export const libraryApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.database.db;
  const notFound = (request: FastifyRequest, reply: FastifyReply) => sendProblem(reply, { type: 'about:blank', title: request.i18n.t('platform.errors.notFound.title'), status: 404 });
  const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) });
  const Query = Type.Object({
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Words to find; accents are ignored and small typos tolerated' })),
    kind: Type.Optional(Type.String({ maxLength: 20 })),
    area: Type.Optional(Type.String({ maxLength: 40 })),
    district: Type.Optional(Type.String({ maxLength: 40 })),
    language: Type.Optional(Type.String({ maxLength: 10 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  });

  app.get(
    '/territories/:slug/library',
    {
      config: { access: 'library.public.view' },
      schema: { summary: "A territory's knowledge library: initiatives, experiences, guides, studies and tools", description: "Public: the library's search, as its page does it (words with accents ignored and small typos tolerated; kind, area, district, language), 20 items a page: pass page for the next ones.", tags: ['library'], params: SlugParams, querystring: Query, response: { 200: Type.Object({ items: Type.Array(ItemJson), total: Type.Integer(), page: Type.Integer(), perPage: Type.Integer() }), 404: problemSchema } },
    },
    async (request, reply) => {
      const territory = await findTerritory(db(), request.params.slug);
      if (!territory) return notFound(request, reply);
      const page = request.query.page ?? 1;
      const found = await searchLibrary(db(), territory.id, { ...request.query, q: request.query.q?.split('\u0000').join(''), page });
      return { items: found.items.map(itemJson), total: found.total, page, perPage };
    },
  );

  app.get(
    '/territories/:slug/library/:id',
    {
      config: { access: 'library.public.view' },
      schema: { summary: 'One item of the library, with its body, files and visible comments', description: "Public: one library item with its body, links, licence, files (with their download addresses) and the comments shown to everyone, by organisation; hidden comments and people's names stay out.", tags: ['library'], params: Type.Object({ slug: Type.String({ maxLength: 100 }), id: Type.String({ maxLength: 40 }) }), response: { 200: ItemDetailJson, 404: problemSchema } },
    },
    async (request, reply) => {
      const territory = await findTerritory(db(), request.params.slug);
      const detail = territory && (await itemDetail(db(), territory.id, request.params.id));
      if (!territory || !detail) return notFound(request, reply);
      const fileJson = (f: LibraryFile) => ({ id: f.id, name: f.name, mediaType: f.mediaType, size: f.size, url: `/en/t/${territory.slug}/library/${detail.item.id}/files/${f.id}` });
      return {
        ...itemJson(detail.item),
        body: detail.item.body,
        files: detail.files.map(fileJson),
        // Only what the page shows everyone: hidden comments and people's names stay out.
        comments: detail.comments.filter((c) => !c.hiddenAt).map((c) => ({ organisation: c.organisationName, body: c.body, lang: c.lang, createdAt: c.createdAt.toISOString() })),
      };
    },
  );
};
