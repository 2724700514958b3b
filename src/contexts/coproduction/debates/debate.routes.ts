// Debate pages: the territory's debates, opening one, one debate with contributions and moderation.
import { territoryHeader } from '../../territories/territory.http.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { requirePermission } from '../../../platform/auth/permissions.ts';
import { failed } from '../../../platform/http/forms.ts';
import { href } from '../../../platform/views/context.ts';
import { findTerritory, findTerritoryById, type Territory } from '../../territories/territory.service.ts';
import { forumMunicipalities } from '../../territories/territory.http.ts';
import { findNetworkById, listNetworks } from '../../agreement/networks/network.service.ts';
import { pick, pickedLocale } from '../../../platform/i18n/translations.ts';
import type { NetworkOption } from '../events/event.views.tsx';
import { contribute, contributions, findDebate, hideContribution, listDebates, mayModerate, openDebate, restoreContribution, speakingOrganisations, speaksAsStaff } from './debate.service.ts';
import { DebatePage, DebatesPage, NewDebatePage } from './debate.views.tsx';

const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const SlugParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) });
const IdParams = Type.Object({ locale: Type.String(), id: Type.String({ maxLength: 40 }) });
const ContributionParams = Type.Object({ locale: Type.String(), id: Type.String({ maxLength: 40 }), contribution: Type.String({ maxLength: 40 }) });
const see = (locale: string, path: string, notice: string) => `${href(locale, path)}?notice=${notice}`;

export const debatePages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  async function territoryOf(request: FastifyRequest, slug: string): Promise<Territory | null> {
    const territory = await findTerritory(db, slug);
    if (territory) request.territoryHeader = territoryHeader(territory, request.i18n.locale);
    return territory;
  }
  async function networkOptions(territoryId: string, locale: string): Promise<NetworkOption[]> {
    return (await listNetworks(db, territoryId)).map((n) => ({ id: n.id, slug: n.slug, name: pick(n.name, locale), lang: pickedLocale(n.name, locale) }));
  }
  const openable = (request: FastifyRequest, territory: Territory, networks: NetworkOption[]) =>
    networks.filter((n) => requirePermission(request.actor, 'coproduction.debate.open', { territoryId: territory.id, networkId: n.id }).ok);

  app.get('/t/:slug/debates', { schema: { params: SlugParams, querystring: Type.Object({ network: Text(100), municipality: Text(100) }) }, config: { access: 'coproduction.public.view' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const [networks, municipalities] = await Promise.all([networkOptions(territory.id, request.i18n.locale), forumMunicipalities(db, territory, request.i18n.locale)]);
    const network = networks.find((n) => n.slug === request.query.network);
    const { municipality } = request.query;
    // A municipality that is not one of the forum's finds nothing rather than everything.
    const filters = municipality ? { voicesFrom: municipalities.find((m) => m.slug === municipality)?.id ?? null } : { voices: municipalities.length > 0 };
    const debates = await listDebates(db, territory.id, network?.id ?? null, filters);
    const canOpen = openable(request, territory, networks).length > 0 || requirePermission(request.actor, 'coproduction.debate.open', { territoryId: territory.id }).ok;
    return reply.render(h(DebatesPage, { territory, debates, networks, network: network?.slug, canOpen, municipalities, municipality }));
  });

  async function renderNew(request: FastifyRequest, reply: FastifyReply, territory: Territory, values: Record<string, string>, errors: Record<string, string>) {
    const networks = await networkOptions(territory.id, request.i18n.locale);
    const wide = requirePermission(request.actor, 'coproduction.debate.open', { territoryId: territory.id }).ok;
    const own = wide ? networks : openable(request, territory, networks);
    if (!wide && own.length === 0) return failed(request, reply, 'forbidden');
    reply.header('Cache-Control', 'no-store');
    return reply.render(h(NewDebatePage, { territory, networks: own, values, errors }), Object.keys(errors).length ? 400 : 200);
  }

  app.get('/t/:slug/debates/new', { schema: { params: SlugParams }, config: { access: 'coproduction.debate.open' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    return renderNew(request, reply, territory, {}, {});
  });

  app.post('/t/:slug/debates/new', { schema: { params: SlugParams, body: Type.Object({ networkId: Text(40), title: Text(400), question: Text(10_000) }) }, config: { access: 'coproduction.debate.open' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const values = { networkId: request.body.networkId ?? '', title: request.body.title ?? '', question: request.body.question ?? '' };
    const outcome = await openDebate(db, request.actor, territory.id, values);
    if (outcome.ok) return reply.redirect(see(request.params.locale, `/debates/${outcome.value.id}`, 'opened'), 303);
    if (outcome.error === 'invalid') return renderNew(request, reply, territory, values, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

  async function renderDebate(request: FastifyRequest, reply: FastifyReply, id: string, values: Record<string, string>, errors: Record<string, string>, notice?: string) {
    const d = await findDebate(db, id);
    const territory = d && (await findTerritoryById(db, d.territoryId));
    if (!d || !territory) return reply.callNotFound();
    request.territoryHeader = territoryHeader(territory, request.i18n.locale);
    const [network, shown, organisations, municipalities] = await Promise.all([d.networkId ? findNetworkById(db, d.networkId) : null, contributions(db, request.actor, d), speakingOrganisations(db, request.actor, d), forumMunicipalities(db, territory, request.i18n.locale)]);
    const asStaff = speaksAsStaff(request.actor, d);
    // What a person reads here depends on who they are (their own hidden contributions): never shared by a cache.
    if (request.actor) reply.header('Cache-Control', 'no-store');
    return reply.render(
      h(DebatePage, {
        territory,
        debate: d,
        networkName: network ? pick(network.name, request.i18n.locale) : null,
        networkLang: network ? pickedLocale(network.name, request.i18n.locale) : null,
        networkSlug: network?.slug ?? null,
        contributions: shown,
        organisations,
        municipalities,
        canContribute: !d.closedAt && (asStaff || organisations.length > 0),
        asStaff,
        canModerate: mayModerate(request.actor, d),
        signedIn: request.actor !== null,
        values,
        errors,
        notice,
      }),
      Object.keys(errors).length ? 400 : 200,
    );
  }

  app.get('/debates/:id', { schema: { params: IdParams, querystring: Type.Object({ notice: Text(40) }) }, config: { access: 'coproduction.public.view' } }, async (request, reply) =>
    renderDebate(request, reply, request.params.id, {}, {}, request.query.notice),
  );

  app.post('/debates/:id/contributions', { schema: { params: IdParams, body: Type.Object({ organisationId: Text(40), body: Text(12_000) }) }, config: { access: 'coproduction.debate.contribute' } }, async (request, reply) => {
    const values = { organisationId: request.body.organisationId ?? '', body: request.body.body ?? '' };
    const outcome = await contribute(db, request.actor, request.params.id, values);
    if (outcome.ok) return reply.redirect(`${see(request.params.locale, `/debates/${request.params.id}`, 'contributed')}#c-${outcome.value.id}`, 303);
    if (outcome.error === 'invalid') return renderDebate(request, reply, request.params.id, values, outcome.fields ?? {});
    if (outcome.error === 'not-member' || outcome.error === 'closed') return failed(request, reply, 'forbidden');
    return failed(request, reply, outcome.error);
  });

  app.post('/debates/:id/contributions/:contribution/hide', { schema: { params: ContributionParams, body: Type.Record(Type.String({ maxLength: 60 }), Type.String({ maxLength: 4000 })) }, config: { access: 'coproduction.debate.moderate' } }, async (request, reply) => {
    const { id, contribution, locale } = request.params;
    const field = `reason-${contribution}`;
    const reason = request.body[field] ?? '';
    const outcome = await hideContribution(db, request.actor, id, contribution, reason);
    if (outcome.ok) return reply.redirect(see(locale, `/debates/${id}`, 'hidden'), 303);
    if (outcome.error === 'invalid') return renderDebate(request, reply, id, { [field]: reason }, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

  app.post('/debates/:id/contributions/:contribution/restore', { schema: { params: ContributionParams }, config: { access: 'coproduction.debate.moderate' } }, async (request, reply) => {
    const { id, contribution, locale } = request.params;
    const outcome = await restoreContribution(db, request.actor, id, contribution);
    if (outcome.ok) return reply.redirect(see(locale, `/debates/${id}`, 'restored'), 303);
    return failed(request, reply, outcome.error);
  });
};
