// Mutual aid pages: offers and needs, posting one, a post, starting a conversation, the conversation itself
// (only its two sides; 404 for everyone else), and the open data (counts and public offers only).
import { territoryHeader } from '../../territories/territory.http.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { FormBody, failed, field, fields } from '../../../platform/http/forms.ts';
import { href } from '../../../platform/views/context.ts';
import { writeCsv } from '../../../platform/csv/csv.ts';
import { findTerritory, findTerritoryById, listAreaSummaries, type Territory } from '../../territories/territory.service.ts';
import { organisationsOf } from '../../agreement/organisations/organisation.service.ts';
import { areasOfWork, languageName, workingLanguages } from '../../agreement/agreement.settings.ts';
import { agreeToShare, aidCounts, closePost, conversation, createPost, findPost, markFulfilled, myPosts, openMatch, openPosts, ownPost, ownPostsAnswering, publicPost, sendMessage } from './aid.service.ts';
import { ConversationPage, NewPostPage, PostPage, VolunteeringPage, type Lookups } from './aid.views.tsx';

const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const SlugParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) });
const IdParams = Type.Object({ locale: Type.String(), id: Type.String({ maxLength: 40 }) });
const Notice = Type.Object({ notice: Text(40) });
const orgRoles = ['organisation-admin', 'organisation-member'] as const;

export const aidPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  async function territoryOf(request: FastifyRequest, slug: string): Promise<Territory | null> {
    const territory = await findTerritory(db, slug);
    if (territory) request.territoryHeader = territoryHeader(territory, request.i18n.locale);
    return territory;
  }
  async function lookups(request: FastifyRequest, territoryId: string): Promise<Lookups> {
    const districts = await listAreaSummaries(db, territoryId, 'district');
    const locale = request.i18n.locale;
    return { districts: new Map(districts.map((d) => [d.id, d.name])), areas: new Map(areasOfWork.map((a) => [a, request.i18n.t(`agreement.area.${a}`)])), language: (code) => languageName(code, locale) };
  }

  app.get('/t/:slug/volunteering', { schema: { params: SlugParams }, config: { access: 'projects.public.view' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const [offers, needs, counts, mine] = await Promise.all([openPosts(db, territory.id, 'offer'), openPosts(db, territory.id, 'need'), aidCounts(db, territory.id), myPosts(db, request.actor, territory.id)]);
    if (request.actor) reply.header('Cache-Control', 'no-store');
    return reply.render(h(VolunteeringPage, { territory, offers: offers.map(publicPost), needs: needs.map(publicPost), counts, mine, signedIn: request.actor !== null, lookups: await lookups(request, territory.id) }));
  });

  // Open data: the counts and the open offers as the public page shows them; never a need, a contact or a person's name.
  for (const format of ['csv', 'json'] as const) {
    app.get(`/t/:slug/volunteering.${format}`, { schema: { params: SlugParams }, config: { access: 'projects.public.view' } }, async (request, reply) => {
      const territory = await territoryOf(request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const [offers, counts, districts] = await Promise.all([openPosts(db, territory.id, 'offer'), aidCounts(db, territory.id), listAreaSummaries(db, territory.id, 'district')]);
      const names = new Map(districts.map((d) => [d.id, d.name]));
      const rows = offers.map(publicPost).map((o) => ({ offer_id: o.id, kind: o.kind, area: o.area, district: o.districtId ? (names.get(o.districtId) ?? '') : '', languages: o.languages.join('|'), title: o.title, description: o.description, from_on: o.fromOn ?? '', until_on: o.untilOn ?? '', organisation: o.postedFor, posted_at: o.createdAt.toISOString() }));
      if (format === 'json') return reply.type('application/json; charset=utf-8').send({ counts, offers: rows });
      const columns = ['offer_id', 'kind', 'area', 'district', 'languages', 'title', 'description', 'from_on', 'until_on', 'organisation', 'posted_at'] as const;
      return reply.header('Content-Disposition', `attachment; filename="${territory.slug}-offers.csv"`).type('text/csv; charset=utf-8').send(writeCsv(rows.map((r) => columns.map((c) => r[c])), { columns }));
    });
  }

  async function renderNew(request: FastifyRequest, reply: FastifyReply, territory: Territory, side: 'offer' | 'need', values: Record<string, string | string[]>, errors: Record<string, string>) {
    if (!request.actor) return failed(request, reply, 'signed-out');
    const locale = request.i18n.locale;
    const districts = await listAreaSummaries(db, territory.id, 'district');
    const organisations = (await organisationsOf(db, request.actor, orgRoles)).map((o) => ({ value: o.id, label: o.name }));
    reply.header('Cache-Control', 'no-store');
    return reply.render(
      h(NewPostPage, {
        territory,
        side,
        organisations,
        districts: districts.map((d) => ({ value: d.id, label: d.name, lang: territory.settings.languages?.[0] })),
        areas: areasOfWork.map((a) => ({ value: a, label: request.i18n.t(`agreement.area.${a}`) })),
        languages: workingLanguages.map((l) => ({ value: l, label: languageName(l, locale) })),
        values,
        errors,
      }),
      Object.keys(errors).length ? 400 : 200,
    );
  }

  app.get('/t/:slug/volunteering/new', { schema: { params: SlugParams, querystring: Type.Object({ side: Text(10) }) }, config: { access: 'projects.aid.post' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    return renderNew(request, reply, territory, request.query.side === 'need' ? 'need' : 'offer', {}, {});
  });

  app.post('/t/:slug/volunteering/new', { schema: { params: SlugParams, body: FormBody }, config: { access: 'projects.aid.post' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const b = request.body;
    const cut = (name: string, max: number) => field(b, name).slice(0, max);
    const values = { side: field(b, 'side') === 'need' ? 'need' : 'offer', kind: cut('kind', 40), area: cut('area', 40), districtId: cut('districtId', 40), title: cut('title', 400), description: cut('description', 8000), contact: cut('contact', 600), fromOn: cut('fromOn', 20), untilOn: cut('untilOn', 20), organisationId: cut('organisationId', 40) };
    const languages = fields(b, 'languages').slice(0, 40).map((l) => l.slice(0, 10));
    const outcome = await createPost(db, request.actor, territory.id, { ...values, languages });
    if (outcome.ok) return reply.redirect(`${href(request.params.locale, `/volunteering/posts/${outcome.value.id}`)}?notice=posted`, 303);
    if (outcome.error === 'invalid') return renderNew(request, reply, territory, values.side as 'offer' | 'need', { ...values, languages }, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

  async function renderPost(request: FastifyRequest, reply: FastifyReply, id: string, errors: Record<string, string>, notice?: string) {
    const post = await findPost(db, id);
    const territory = post && (await findTerritoryById(db, post.territoryId));
    if (!post || !territory) return reply.callNotFound();
    const own = await ownPost(db, request.actor, id);
    // A closed post is gone for everyone but its side.
    if (post.closedAt && !own.ok) return reply.callNotFound();
    request.territoryHeader = territoryHeader(territory, request.i18n.locale);
    const answering = own.ok || post.closedAt ? [] : await ownPostsAnswering(db, request.actor, post);
    if (request.actor) reply.header('Cache-Control', 'no-store');
    return reply.render(h(PostPage, { territory, post: publicPost(post), own: own.ok ? own.value : null, answering, lookups: await lookups(request, territory.id), errors, notice }), Object.keys(errors).length ? 400 : 200);
  }

  app.get('/volunteering/posts/:id', { schema: { params: IdParams, querystring: Notice }, config: { access: 'projects.public.view' } }, async (request, reply) => renderPost(request, reply, request.params.id, {}, request.query.notice));

  app.post('/volunteering/posts/:id/match', { schema: { params: IdParams, body: Type.Object({ fromId: Text(40) }) }, config: { access: 'projects.aid.post' } }, async (request, reply) => {
    const outcome = await openMatch(db, request.actor, request.params.id, request.body.fromId ?? '');
    if (outcome.ok) return reply.redirect(`${href(request.params.locale, `/volunteering/matches/${outcome.value.id}`)}?notice=opened`, 303);
    if (outcome.error === 'invalid') return renderPost(request, reply, request.params.id, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

  app.post('/volunteering/posts/:id/close', { schema: { params: IdParams }, config: { access: 'projects.aid.post' } }, async (request, reply) => {
    const outcome = await closePost(db, request.actor, request.params.id);
    if (outcome.ok) return reply.redirect(`${href(request.params.locale, `/volunteering/posts/${request.params.id}`)}?notice=closed`, 303);
    return failed(request, reply, outcome.error);
  });

  async function renderConversation(request: FastifyRequest, reply: FastifyReply, id: string, values: Record<string, string>, errors: Record<string, string>, notice?: string) {
    const found = await conversation(db, request.actor, id);
    if (!found.ok) return request.actor ? reply.callNotFound() : failed(request, reply, 'signed-out');
    const territory = await findTerritoryById(db, found.value.match.territoryId);
    if (!territory) return reply.callNotFound();
    request.territoryHeader = territoryHeader(territory, request.i18n.locale);
    reply.header('Cache-Control', 'no-store');
    return reply.render(h(ConversationPage, { territory, c: found.value, values, errors, notice }), Object.keys(errors).length ? 400 : 200);
  }

  app.get('/volunteering/matches/:id', { schema: { params: IdParams, querystring: Notice }, config: { access: 'projects.aid.post' } }, async (request, reply) => renderConversation(request, reply, request.params.id, {}, {}, request.query.notice));

  app.post('/volunteering/matches/:id/messages', { schema: { params: IdParams, body: Type.Object({ body: Text(8000) }) }, config: { access: 'projects.aid.post' } }, async (request, reply) => {
    const body = request.body.body ?? '';
    const outcome = await sendMessage(db, request.actor, request.params.id, body);
    if (outcome.ok) return reply.redirect(`${href(request.params.locale, `/volunteering/matches/${request.params.id}`)}?notice=sent`, 303);
    if (outcome.error === 'invalid') return renderConversation(request, reply, request.params.id, { body }, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

  for (const action of ['agree', 'fulfilled'] as const) {
    app.post(`/volunteering/matches/:id/${action}`, { schema: { params: IdParams }, config: { access: 'projects.aid.post' } }, async (request, reply) => {
      const outcome = action === 'agree' ? await agreeToShare(db, request.actor, request.params.id) : await markFulfilled(db, request.actor, request.params.id);
      if (outcome.ok) return reply.redirect(`${href(request.params.locale, `/volunteering/matches/${request.params.id}`)}?notice=${action === 'agree' ? 'agreed' : 'fulfilled'}`, 303);
      if (outcome.error === 'invalid') return renderConversation(request, reply, request.params.id, {}, outcome.fields ?? {});
      return failed(request, reply, outcome.error);
    });
  }
};
