// Library pages: the territory's library with search and filters, open data and its Atom feed, sharing and editing an item (a
// multipart form with files), one item with its files and comments, and the comments' removal and moderation
// (hidden with a reason, shown again).
import { forumMunicipalities, territoryHeader } from '../territories/territory.http.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { acceptUploads, failed, field, fields, FormBody, isUpload } from '../../platform/http/forms.ts';
import { href } from '../../platform/views/context.ts';
import { findTerritory, listAreas, type Territory } from '../territories/territory.service.ts';
import { maxLibraryFileBytes } from './library.files.ts';
import { libraryOpenData } from './library.opendata.ts';
import { libraryFeed } from './library.feed.ts';
import {
  addComment,
  commentersFor,
  editItem,
  fileArea,
  findFile,
  findItem,
  hideComment,
  itemDetail,
  mayEdit,
  mayModerate,
  publishersFor,
  publisherTerritories,
  removeComment,
  searchLibrary,
  shareItem,
  showComment,
  type ItemInput,
  type LibraryQuery,
} from './library.service.ts';
import { LibraryPage, ItemPage } from './library.views.tsx';
import { ItemFormPage, type FormValues } from './item-form.views.tsx';

const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const SlugParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) });
const ItemParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), id: Type.String({ maxLength: 40 }) });
const CommentParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), id: Type.String({ maxLength: 40 }), commentId: Type.String({ maxLength: 40 }) });
const FileParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), id: Type.String({ maxLength: 40 }), fileId: Type.String({ maxLength: 40 }) });
const ListQuerystring = Type.Object({ q: Text(200), kind: Text(20), area: Text(40), district: Text(40), language: Text(10), municipality: Text(100), page: Text(6) });

const textFields = ['publisher', 'kind', 'title', 'summary', 'body', 'links', 'licence'] as const;
const listFields = ['areas', 'districtIds', 'languages', 'removeFiles'] as const;

/** What a multipart (or urlencoded) body holds, as the service reads it; text fields also kept to show again. */
function readForm(body: unknown): { input: ItemInput; values: FormValues } {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const values: FormValues = {};
  for (const name of textFields) values[name] = field(b, name);
  for (const name of listFields) values[name] = fields(b, name);
  const raw = b.files;
  const uploads = (Array.isArray(raw) ? raw : [raw]).filter(isUpload).map((u) => ({ name: u.name, content: u.content, truncated: u.truncated }));
  const input: ItemInput = {
    publisher: values.publisher as string,
    kind: values.kind as string,
    title: values.title as string,
    summary: values.summary as string,
    body: values.body as string,
    links: values.links as string,
    licence: values.licence as string,
    areas: values.areas as string[],
    districtIds: values.districtIds as string[],
    languages: values.languages as string[],
    removeFiles: values.removeFiles as string[],
    uploads,
  };
  return { input, values };
}

export const libraryPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  await acceptUploads(app, maxLibraryFileBytes);

  async function territoryOf(request: FastifyRequest, slug: string): Promise<Territory | null> {
    const territory = await findTerritory(db, slug);
    if (territory) request.territoryHeader = territoryHeader(territory, request.i18n.locale);
    return territory;
  }
  const districtsOf = (territory: Territory) => listAreas(db, territory.id, 'district');
  const itemPath = (locale: string, territory: Territory, id: string) => href(locale, `/t/${territory.slug}/library/${id}`);

  app.get('/t/:slug/library', { schema: { params: SlugParams, querystring: ListQuerystring }, config: { access: 'library.public.view' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const q = request.query;
    const page = /^[1-9][0-9]{0,5}$/.test(q.page ?? '') ? Number(q.page) : 1;
    // In a forum, by the municipality its publisher is registered in: one that is not the forum's finds nothing rather than everything.
    const municipalities = await forumMunicipalities(db, territory, request.i18n.locale);
    const municipality = municipalities.length > 0 && q.municipality ? q.municipality : undefined;
    const publishedFrom = municipality === undefined ? undefined : (municipalities.find((m) => m.slug === municipality)?.id ?? null);
    const query: LibraryQuery = { q: (q.q ?? '').split('\u0000').join('').trim(), kind: q.kind, area: q.area, district: q.district, language: q.language, publishedFrom, page };
    const [search, districts, publishers] = await Promise.all([searchLibrary(db, territory.id, query), districtsOf(territory), publishersFor(db, request.actor, territory, request.i18n.locale)]);
    const publishedIn = municipalities.length > 0 ? await publisherTerritories(db, search.items) : new Map<string, string>();
    if (request.actor) reply.header('Cache-Control', 'no-store');
    return reply.render(h(LibraryPage, { territory, search, query, districts, canShare: publishers.length > 0, municipalities, municipality, publishedIn }));
  });

  // Open data: every item of the territory, one row each (files and links as their addresses), and its data package.
  for (const format of ['csv', 'json', 'datapackage'] as const) {
    const path = format === 'datapackage' ? '/t/:slug/library/datapackage.json' : `/t/:slug/library.${format}`;
    app.get(path, { schema: { params: SlugParams }, config: { access: 'library.public.view' } }, async (request, reply) => {
      const territory = await territoryOf(request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const data = await libraryOpenData(db, territory, request.i18n.locale);
      if (format === 'json') return reply.type('application/json; charset=utf-8').send({ items: data.rows });
      if (format === 'datapackage') return reply.type('application/json; charset=utf-8').send(data.datapackage);
      return reply.header('Content-Disposition', `attachment; filename="${territory.slug}-library.csv"`).type('text/csv; charset=utf-8').send(data.csv);
    });
  }

  // The newest items as an Atom feed: the same for everyone, so kept in the page cache until the next write.
  app.get('/t/:slug/library/feed.atom', { schema: { params: SlugParams }, config: { access: 'library.public.view', cache: 'public' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const feed = await libraryFeed(db, territory, { locale: request.i18n.locale, t: request.i18n.t, publicUrl: app.config.publicUrl });
    return reply.type('application/atom+xml; charset=utf-8').send(feed);
  });

  async function renderForm(request: FastifyRequest, reply: FastifyReply, territory: Territory, itemId: string | null, values: FormValues, errors: Record<string, string>) {
    const locale = request.i18n.locale;
    const districts = await districtsOf(territory);
    reply.header('Cache-Control', 'no-store');
    if (itemId) {
      const detail = await itemDetail(db, territory.id, itemId);
      if (!detail) return reply.callNotFound();
      if (!(await mayEdit(db, request.actor, detail.item))) return failed(request, reply, request.actor ? 'forbidden' : 'signed-out');
      const path = itemPath(locale, territory, itemId);
      return reply.render(h(ItemFormPage, { territory, publishers: null, districts, files: detail.files, action: `${path}/edit`, cancel: path, values, errors }), Object.keys(errors).length ? 400 : 200);
    }
    const publishers = await publishersFor(db, request.actor, territory, locale);
    if (publishers.length === 0) return failed(request, reply, request.actor ? 'forbidden' : 'signed-out');
    const list = href(locale, `/t/${territory.slug}/library`);
    return reply.render(h(ItemFormPage, { territory, publishers, districts, files: [], action: `${list}/new`, cancel: list, values, errors }), Object.keys(errors).length ? 400 : 200);
  }

  app.get('/t/:slug/library/new', { schema: { params: SlugParams }, config: { access: 'library.item.share' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    return renderForm(request, reply, territory, null, { licence: 'cc-by-4.0', languages: [request.i18n.locale] }, {});
  });

  app.post('/t/:slug/library/new', { schema: { params: SlugParams, body: FormBody }, config: { access: 'library.item.share' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const { input, values } = readForm(request.body);
    const outcome = await shareItem(db, app.files, request.actor, territory, input, request.i18n.locale);
    if (outcome.ok) return reply.redirect(`${itemPath(request.params.locale, territory, outcome.value.id)}?notice=shared`, 303);
    if (outcome.error === 'invalid') return renderForm(request, reply, territory, null, values, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

  app.get('/t/:slug/library/:id/edit', { schema: { params: ItemParams }, config: { access: 'library.item.share' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    const item = territory && (await findItem(db, territory.id, request.params.id));
    if (!territory || !item) return reply.callNotFound();
    const values: FormValues = { kind: item.kind, title: item.title, summary: item.summary, body: item.body, links: item.links.map((l) => `${l.url} ${l.label}`).join('\n'), licence: item.licence, areas: item.areas, districtIds: item.districtIds, languages: item.languages };
    return renderForm(request, reply, territory, item.id, values, {});
  });

  app.post('/t/:slug/library/:id/edit', { schema: { params: ItemParams, body: FormBody }, config: { access: 'library.item.share' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const { input, values } = readForm(request.body);
    const outcome = await editItem(db, app.files, request.actor, territory, request.params.id, input);
    if (outcome.ok) return reply.redirect(`${itemPath(request.params.locale, territory, outcome.value.id)}?notice=edited`, 303);
    if (outcome.error === 'invalid') return renderForm(request, reply, territory, request.params.id, values, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

  async function renderItem(request: FastifyRequest, reply: FastifyReply, territory: Territory, id: string, values: Record<string, string>, errors: Record<string, string>, notice?: string) {
    const detail = await itemDetail(db, territory.id, id);
    if (!detail) return reply.callNotFound();
    const [districts, canEdit, commenters, municipalities] = await Promise.all([districtsOf(territory), mayEdit(db, request.actor, detail.item), commentersFor(db, request.actor), forumMunicipalities(db, territory, request.i18n.locale)]);
    const publishedIn = municipalities.length > 0 ? await publisherTerritories(db, [detail.item]) : new Map<string, string>();
    if (request.actor) reply.header('Cache-Control', 'no-store');
    return reply.render(
      h(ItemPage, { territory, detail, districts, canEdit, commenters, municipalities, publishedIn, canModerate: mayModerate(request.actor, territory.id), viewerId: request.actor?.personId ?? null, values, errors, notice }),
      Object.keys(errors).length ? 400 : 200,
    );
  }

  app.get('/t/:slug/library/:id', { schema: { params: ItemParams, querystring: Type.Object({ notice: Text(40) }) }, config: { access: 'library.public.view' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    return renderItem(request, reply, territory, request.params.id, {}, {}, request.query.notice);
  });

  app.get('/t/:slug/library/:id/files/:fileId', { schema: { params: FileParams }, config: { access: 'library.public.view' } }, async (request, reply) => {
    const territory = await findTerritory(db, request.params.slug);
    const file = territory && (await findFile(db, territory.id, request.params.id, request.params.fileId));
    const bytes = file && (await app.files.get(fileArea, file.id));
    if (!file || !bytes) return reply.callNotFound();
    // Downloaded, never shown inline: a file's content is the sharer's, not the site's.
    return reply
      .header('Content-Disposition', `attachment; filename="${file.name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .type(file.mediaType)
      .send(Buffer.from(bytes));
  });

  app.post('/t/:slug/library/:id/comments', { schema: { params: ItemParams, body: FormBody }, config: { access: 'library.comment.add' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const values = { organisationId: field(request.body, 'organisationId'), body: field(request.body, 'body') };
    // Typed on this page: in its language.
    const outcome = await addComment(db, request.actor, territory.id, request.params.id, { ...values, lang: request.i18n.locale });
    if (outcome.ok) return reply.redirect(`${itemPath(request.params.locale, territory, request.params.id)}?notice=commented#comment-${outcome.value.id}`, 303);
    if (outcome.error === 'invalid') return renderItem(request, reply, territory, request.params.id, values, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

  app.post('/t/:slug/library/:id/comments/:commentId/remove', { schema: { params: CommentParams, body: FormBody }, config: { access: 'library.comment.remove' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const outcome = await removeComment(db, request.actor, territory.id, request.params.id, request.params.commentId);
    if (outcome.ok) return reply.redirect(`${itemPath(request.params.locale, territory, request.params.id)}?notice=removed#comments`, 303);
    return failed(request, reply, outcome.error);
  });

  app.post('/t/:slug/library/:id/comments/:commentId/hide', { schema: { params: CommentParams, body: FormBody }, config: { access: 'library.comment.moderate' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const name = `reason-${request.params.commentId}`;
    const reason = field(request.body, name);
    const outcome = await hideComment(db, request.actor, territory.id, request.params.id, request.params.commentId, reason);
    if (outcome.ok) return reply.redirect(`${itemPath(request.params.locale, territory, request.params.id)}?notice=hidden#comments`, 303);
    if (outcome.error === 'invalid') return renderItem(request, reply, territory, request.params.id, { [name]: reason }, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

  app.post('/t/:slug/library/:id/comments/:commentId/show', { schema: { params: CommentParams, body: FormBody }, config: { access: 'library.comment.moderate' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const outcome = await showComment(db, request.actor, territory.id, request.params.id, request.params.commentId);
    if (outcome.ok) return reply.redirect(`${itemPath(request.params.locale, territory, request.params.id)}?notice=shown#comment-${request.params.commentId}`, 303);
    return failed(request, reply, outcome.error);
  });
};
