// The portal's pages under /:locale: the home page, each territory's front page and Atom feed, and the desk.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { listAreaSummaries } from '../territories/territory.service.ts';
import { demoPeopleList, deskOf, homeTerritories, newsOf, portalTerritory, territoryPortal } from './portal.service.ts';
import { atomFeed } from './portal.feed.ts';
import { DeskPage, HomePage, TerritoryPortalPage, DemoPeoplePage } from './portal.views.tsx';
import { territoryHeader } from '../territories/territory.http.ts';
import { deny } from '../../platform/auth/plugin.ts';

const LocaleParams = Type.Object({ locale: Type.String() });
const TerritoryParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) });

export const portalPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const viewerOf = (request: FastifyRequest) => ({
    db,
    locale: request.i18n.locale,
    t: request.i18n.t,
    actor: request.actor,
  });

  app.get('/', { schema: { params: LocaleParams }, config: { access: 'public', cache: 'public' } }, async (request, reply) => {
    const territories = await homeTerritories(viewerOf(request));
    return reply.render(h(HomePage, { territories }));
  });

  app.get('/t/:slug', { schema: { params: TerritoryParams }, config: { access: 'public', cache: 'public' } }, async (request, reply) => {
    const portal = await territoryPortal(viewerOf(request), request.params.slug);
    if (!portal) return reply.callNotFound();
    request.territoryHeader = territoryHeader(portal.territory, request.i18n.locale);
    const districts = await listAreaSummaries(db, portal.territory.id, 'district');
    return reply.render(h(TerritoryPortalPage, { portal, districts }));
  });

  app.get('/t/:slug/news.atom', { schema: { params: TerritoryParams }, config: { access: 'public', cache: 'public' } }, async (request, reply) => {
    const portal = await territoryPortal(viewerOf(request), request.params.slug);
    if (!portal) return reply.callNotFound();
    const { locale } = request.i18n;
    const territories = [portal.territory, ...(portal.territory.kind === 'forum' ? portal.related : [])].map((x) => portalTerritory(x, locale));
    const news = await newsOf(viewerOf(request), territories, 30);
    const base = app.config.publicUrl;
    const page = new URL(`/${locale}/t/${portal.territory.slug}`, base).toString();
    reply.header('Content-Type', 'application/atom+xml; charset=utf-8');
    return atomFeed({ id: page, lang: locale, title: portal.territory.name, selfUrl: `${page}/news.atom`, pageUrl: page, publicUrl: base, news });
  });

  app.get('/desk', { schema: { params: LocaleParams }, config: { access: 'portal.desk.view' } }, async (request, reply) => {
    const actor = request.actor!;
    reply.header('Cache-Control', 'no-store');
    const desk = await deskOf({ ...viewerOf(request), actor });
    return reply.render(h(DeskPage, { desk, name: actor.displayName }));
  });

  // The demo people and their roles: only where the demo data is loaded, for administrators.
  app.get('/admin/demo-people', { schema: { params: LocaleParams }, config: { access: 'portal.demoPeople.view' } }, async (request, reply) => {
    const people = await demoPeopleList(db, request.actor);
    if (!people.ok) return people.error === 'not-found' ? reply.callNotFound() : deny(request, reply, people.error);
    reply.header('Cache-Control', 'no-store');
    return reply.render(h(DemoPeoplePage, { people: people.value }));
  });
};
