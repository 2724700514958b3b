// Challenge pages: the public list, one challenge (support and prioritise forms), proposing a challenge.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isFollowing } from '../../notifications/notification.service.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { requirePermission } from '../../../platform/auth/permissions.ts';
import { href } from '../../../platform/views/context.ts';
import { findTerritoryById, listAreas, relatedTerritories } from '../../territories/territory.service.ts';
import { isMember } from '../adhesion/adhesion.service.ts';
import { challengeDetail, listChallenges, prioritiseChallenge, proposeChallenge, supportChallenge } from './challenge.service.ts';
import { listNetworks } from '../networks/network.service.ts';
import { organisationsOf } from '../organisations/organisation.service.ts';
import { answerFailure, many, Many, redirectWithNotice, territoryFor, Text } from '../http.ts';
import { ChallengePage, ChallengesPage, ProposePage } from './challenge.views.tsx';
import { territoryHeader } from '../../territories/territory.http.ts';

const SlugParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) });
const IdParams = Type.Object({ locale: Type.String(), id: Type.String({ maxLength: 40 }) });
export const ChallengeFiltersSchema = Type.Object({
  status: Text(40),
  area: Text(40),
  district: Text(40),
  network: Text(40),
  municipality: Text(100),
});
const ProposeBody = Type.Object({
  organisationId: Text(40),
  title: Text(400),
  description: Text(10_000),
  'evidence.0.text': Text(4000),
  'evidence.0.source': Text(1000),
  'evidence.1.text': Text(4000),
  'evidence.1.source': Text(1000),
  'evidence.2.text': Text(4000),
  'evidence.2.source': Text(1000),
  areas: Many,
  districtIds: Many,
});

const memberRoles = ['organisation-admin', 'organisation-member'];

export const challengePages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  async function memberOrganisations(request: FastifyRequest, territoryId: string) {
    const own = await organisationsOf(db, request.actor, memberRoles);
    const result = [];
    for (const o of own) if (await isMember(db, o.id, territoryId)) result.push(o);
    return result;
  }

  app.get('/t/:slug/challenges', { schema: { params: SlugParams, querystring: ChallengeFiltersSchema }, config: { access: 'public', cache: 'anonymous' } }, async (request, reply) => {
    const territory = await territoryFor(db, request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const [challenges, districts, networks, own, municipalities] = await Promise.all([
      listChallenges(db, territory.id, request.query),
      listAreas(db, territory.id, 'district'),
      listNetworks(db, territory.id),
      memberOrganisations(request, territory.id),
      territory.kind === 'forum' ? relatedTerritories(db, territory) : [],
    ]);
    return reply.render(h(ChallengesPage, { territory, challenges, filters: request.query, districts, networks, municipalities, canPropose: own.length > 0 }));
  });

  async function renderPropose(request: FastifyRequest, reply: FastifyReply, slug: string, values: Record<string, string | string[]>, errors: Record<string, string>) {
    const territory = await territoryFor(db, request, slug);
    if (!territory) return reply.callNotFound();
    const [organisations, districts] = await Promise.all([memberOrganisations(request, territory.id), listAreas(db, territory.id, 'district')]);
    return reply.render(h(ProposePage, { territory, organisations, districts, values, errors }), Object.keys(errors).length ? 400 : 200);
  }

  app.get('/t/:slug/challenges/new', { schema: { params: SlugParams }, config: { access: 'agreement.challenge.propose' } }, async (request, reply) => renderPropose(request, reply, request.params.slug, {}, {}));

  app.post('/t/:slug/challenges/new', { schema: { params: SlugParams, body: ProposeBody }, config: { access: 'agreement.challenge.propose' } }, async (request, reply) => {
    const { locale, slug } = request.params;
    const territory = await territoryFor(db, request, slug);
    if (!territory) return reply.callNotFound();
    const b = request.body;
    const outcome = await proposeChallenge(db, request.actor, territory.id, {
      organisationId: b.organisationId ?? '',
      title: b.title ?? '',
      description: b.description ?? '',
      evidence: [0, 1, 2].map((i) => ({ text: (b as Record<string, string | undefined>)[`evidence.${i}.text`] ?? '', source: (b as Record<string, string | undefined>)[`evidence.${i}.source`] ?? '' })),
      districtIds: many(b.districtIds),
      areas: many(b.areas),
    });
    if (outcome.ok) return redirectWithNotice(reply, href(locale, `/challenges/${outcome.value.id}`), 'proposed');
    if (outcome.error === 'invalid' || outcome.error === 'not-member') {
      const errors = outcome.error === 'invalid' ? (outcome.fields ?? {}) : { organisationId: 'agreement.network.errors.not-member' };
      return renderPropose(request, reply, slug, b as Record<string, string | string[]>, errors);
    }
    return answerFailure(request, reply, outcome.error);
  });

  async function renderChallenge(request: FastifyRequest, reply: FastifyReply, id: string, errors: Record<string, string>, values: Record<string, string>, notice?: string) {
    const detail = await challengeDetail(db, id);
    if (!detail) return reply.callNotFound();
    const territory = await findTerritoryById(db, detail.challenge.territoryId);
    if (!territory) return reply.callNotFound();
    request.territoryHeader = territoryHeader(territory, request.i18n.locale);
    const [districts, networks, own] = await Promise.all([listAreas(db, territory.id, 'district'), listNetworks(db, territory.id), memberOrganisations(request, territory.id)]);
    const supported = new Set(detail.supports.map((s) => s.organisationId));
    const open = detail.challenge.status !== 'declined' && detail.challenge.status !== 'addressed';
    const supporters = open ? own.filter((o) => o.id !== detail.challenge.organisationId && !supported.has(o.id)) : [];
    const canPrioritise = requirePermission(request.actor, 'agreement.challenge.prioritise', { territoryId: territory.id }).ok;
    return reply.render(h(ChallengePage, { following: request.actor ? await isFollowing(db, request.actor.personId, 'challenge', detail.challenge.id) : null, territory, detail, districts, networks, supporters, canPrioritise, errors, values, ...(notice ? { notice } : {}) }), Object.keys(errors).length ? 400 : 200);
  }

  app.get('/challenges/:id', { schema: { params: IdParams, querystring: Type.Object({ notice: Text(40) }) }, config: { access: 'public', cache: 'anonymous' } }, async (request, reply) =>
    renderChallenge(request, reply, request.params.id, {}, {}, request.query.notice),
  );

  app.post(
    '/challenges/:id/support',
    { schema: { params: IdParams, body: Type.Object({ organisationId: Text(40), comment: Text(4000) }) }, config: { access: 'agreement.challenge.support' } },
    async (request, reply) => {
      const { id, locale } = request.params;
      const values = { organisationId: request.body.organisationId ?? '', comment: request.body.comment ?? '' };
      const outcome = await supportChallenge(db, request.actor, { challengeId: id, ...values });
      if (outcome.ok) return redirectWithNotice(reply, href(locale, `/challenges/${id}`), 'supported');
      if (outcome.error === 'invalid') return renderChallenge(request, reply, id, outcome.fields ?? {}, values);
      if (outcome.error === 'not-member' || outcome.error === 'own' || outcome.error === 'already' || outcome.error === 'closed') {
        return renderChallenge(request, reply, id, { organisationId: `agreement.challenge.errors.${outcome.error}` }, values);
      }
      return answerFailure(request, reply, outcome.error);
    },
  );

  app.post(
    '/challenges/:id/status',
    { schema: { params: IdParams, body: Type.Object({ status: Text(40), reason: Text(4000), networkIds: Many }) }, config: { access: 'agreement.challenge.prioritise' } },
    async (request, reply) => {
      const { id, locale } = request.params;
      const values = { status: request.body.status ?? '', reason: request.body.reason ?? '' };
      const outcome = await prioritiseChallenge(db, request.actor, { challengeId: id, ...values, networkIds: many(request.body.networkIds) });
      if (outcome.ok) return redirectWithNotice(reply, href(locale, `/challenges/${id}`), 'prioritised');
      if (outcome.error === 'invalid') return renderChallenge(request, reply, id, outcome.fields ?? {}, values);
      return answerFailure(request, reply, outcome.error);
    },
  );
};
