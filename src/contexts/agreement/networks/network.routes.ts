// Action network pages: the public page with the join forms, and the coordinators' page.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isFollowing } from '../../notifications/notification.service.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { requirePermission } from '../../../platform/auth/permissions.ts';
import { href } from '../../../platform/views/context.ts';
import { challengesOfNetwork } from '../challenges/challenge.service.ts';
import {
  addWorkingGroup,
  coordinationQueue,
  decideJoinRequest,
  findNetwork,
  meetings,
  networkMembers,
  recordMinutes,
  requestDepartmentJoin,
  requestToJoin,
  scheduleMeeting,
  createNetwork,
  workingGroups,
} from './network.service.ts';
import { organisationsOf } from '../organisations/organisation.service.ts';
import { isMember } from '../adhesion/adhesion.service.ts';
import { answerFailure, many, Many, redirectWithNotice, territoryFor, Text } from '../http.ts';
import { CoordinatePage, NetworkPage, NewNetworkPage } from './network.views.tsx';

const Params = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), network: Type.String({ maxLength: 100 }) });
const NoticeQuery = Type.Object({ notice: Text(40) });

export const networkPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  async function load(request: FastifyRequest, slug: string, networkSlug: string) {
    const territory = await territoryFor(db, request, slug);
    const network = territory && (await findNetwork(db, territory.id, networkSlug));
    return territory && network ? { territory, network } : null;
  }

  async function renderNetwork(request: FastifyRequest, reply: FastifyReply, slug: string, networkSlug: string, errors: Record<string, string>, values: Record<string, string>, notice?: string) {
    const found = await load(request, slug, networkSlug);
    if (!found) return reply.callNotFound();
    const { territory, network } = found;
    const [members, groups, meetingRows, challenges, own] = await Promise.all([
      networkMembers(db, network.id),
      workingGroups(db, network.id),
      meetings(db, network.id),
      challengesOfNetwork(db, network.id),
      organisationsOf(db, request.actor, ['organisation-admin']),
    ]);
    const inNetwork = new Set(members.filter((m) => m.status === 'member' || m.status === 'requested').map((m) => m.organisationId));
    const joinable = [];
    for (const o of own) if (!inNetwork.has(o.id) && (await isMember(db, o.id, territory.id))) joinable.push(o);
    return reply.render(
      h(NetworkPage, {
        following: request.actor ? await isFollowing(db, request.actor.personId, 'network', network.id) : null,
        territory,
        network,
        members,
        groups,
        meetings: meetingRows,
        challenges,
        joinable,
        canAddDepartment: requirePermission(request.actor, 'agreement.network.joinDepartment', { territoryId: territory.id }).ok,
        canCoordinate: requirePermission(request.actor, 'agreement.network.coordinate', { networkId: network.id, territoryId: network.territoryId }).ok,
        errors,
        values,
        ...(notice ? { notice } : {}),
      }),
      Object.keys(errors).length ? 400 : 200,
    );
  }

  // Registered before /t/:slug/networks/:network: "new" is not a network.
  const SlugParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) });
  app.get('/t/:slug/networks/new', { schema: { params: SlugParams }, config: { access: 'agreement.network.create' } }, async (request, reply) => {
    const territory = await territoryFor(db, request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const allowed = requirePermission(request.actor, 'agreement.network.create', { territoryId: territory.id });
    if (!allowed.ok) return answerFailure(request, reply, allowed.reason);
    return reply.render(h(NewNetworkPage, { territory, values: {}, errors: {} }));
  });

  app.post(
    '/t/:slug/networks/new',
    { schema: { params: SlugParams, body: Type.Object({ name: Text(300), slug: Text(100), purpose: Text(4000), goals: Text(8000), areas: Many }) }, config: { access: 'agreement.network.create' } },
    async (request, reply) => {
      const { locale, slug } = request.params;
      const territory = await territoryFor(db, request, slug);
      if (!territory) return reply.callNotFound();
      const b = request.body;
      // Written in the language of the page; other languages are added later or fall back to this one.
      const inLocale = (text: string | undefined) => ((text ?? '').trim() ? { [locale]: (text ?? '').trim() } : {});
      const outcome = await createNetwork(db, request.actor, territory.id, {
        slug: (b.slug ?? '').trim(),
        name: inLocale(b.name),
        purpose: inLocale(b.purpose),
        goals: inLocale(b.goals),
        areas: many(b.areas),
      });
      if (outcome.ok) return reply.redirect(href(locale, `/t/${slug}/networks/${outcome.value.slug}`), 303);
      if (outcome.error === 'invalid') return reply.render(h(NewNetworkPage, { territory, values: b as Record<string, string | string[]>, errors: outcome.fields ?? {} }), 400);
      return answerFailure(request, reply, outcome.error);
    },
  );

  app.get('/t/:slug/networks/:network', { schema: { params: Params, querystring: NoticeQuery }, config: { access: 'public', cache: 'anonymous' } }, async (request, reply) =>
    renderNetwork(request, reply, request.params.slug, request.params.network, {}, {}, request.query.notice),
  );

  app.post(
    '/t/:slug/networks/:network/join',
    { schema: { params: Params, body: Type.Object({ organisationId: Text(40), message: Text(4000) }) }, config: { access: 'agreement.network.join' } },
    async (request, reply) => {
      const { locale, slug, network: networkSlug } = request.params;
      const found = await load(request, slug, networkSlug);
      if (!found) return reply.callNotFound();
      const values = { organisationId: request.body.organisationId ?? '', message: request.body.message ?? '' };
      const outcome = await requestToJoin(db, request.actor, { networkId: found.network.id, ...values });
      if (outcome.ok) return redirectWithNotice(reply, href(locale, `/t/${slug}/networks/${networkSlug}`), 'joinRequested');
      if (outcome.error === 'invalid' || outcome.error === 'not-member' || outcome.error === 'already') {
        const errors = outcome.error === 'invalid' ? (outcome.fields ?? {}) : { organisationId: `agreement.network.errors.${outcome.error}` };
        return renderNetwork(request, reply, slug, networkSlug, errors, values);
      }
      return answerFailure(request, reply, outcome.error);
    },
  );

  app.post(
    '/t/:slug/networks/:network/departments',
    { schema: { params: Params, body: Type.Object({ departmentName: Text(400) }) }, config: { access: 'agreement.network.joinDepartment' } },
    async (request, reply) => {
      const { locale, slug, network: networkSlug } = request.params;
      const found = await load(request, slug, networkSlug);
      if (!found) return reply.callNotFound();
      const values = { departmentName: request.body.departmentName ?? '' };
      const outcome = await requestDepartmentJoin(db, request.actor, { networkId: found.network.id, ...values });
      if (outcome.ok) return redirectWithNotice(reply, href(locale, `/t/${slug}/networks/${networkSlug}`), 'departmentRequested');
      if (outcome.error === 'invalid' || outcome.error === 'already') {
        const errors = outcome.error === 'invalid' ? (outcome.fields ?? {}) : { departmentName: 'agreement.network.errors.already' };
        return renderNetwork(request, reply, slug, networkSlug, errors, values);
      }
      return answerFailure(request, reply, outcome.error);
    },
  );

  async function renderCoordinate(request: FastifyRequest, reply: FastifyReply, slug: string, networkSlug: string, errors: Record<string, string>, values: Record<string, string>, notice?: string) {
    const found = await load(request, slug, networkSlug);
    if (!found) return reply.callNotFound();
    const queue = await coordinationQueue(db, request.actor, found.network);
    if (!queue.ok) return answerFailure(request, reply, queue.error);
    const [groups, meetingRows] = await Promise.all([workingGroups(db, found.network.id), meetings(db, found.network.id)]);
    return reply.render(
      h(CoordinatePage, { ...found, requests: queue.value, groups, meetings: meetingRows, errors, values, ...(notice ? { notice } : {}) }),
      Object.keys(errors).length ? 400 : 200,
    );
  }

  app.get('/t/:slug/networks/:network/coordinate', { schema: { params: Params, querystring: NoticeQuery }, config: { access: 'agreement.network.coordinate' } }, async (request, reply) =>
    renderCoordinate(request, reply, request.params.slug, request.params.network, {}, {}, request.query.notice),
  );

  const coordinateBase = (locale: string, slug: string, networkSlug: string) => href(locale, `/t/${slug}/networks/${networkSlug}/coordinate`);

  app.post(
    '/t/:slug/networks/:network/coordinate/requests/:memberId',
    {
      // Fields are named after the request (decision-<id>, reason-<id>): several requests share the page.
      schema: { params: Type.Intersect([Params, Type.Object({ memberId: Type.String({ maxLength: 40 }) })]), body: Type.Object({}, { additionalProperties: Type.String({ maxLength: 4000 }) }) },
      config: { access: 'agreement.network.coordinate' },
    },
    async (request, reply) => {
      const { locale, slug, network: networkSlug, memberId } = request.params;
      const found = await load(request, slug, networkSlug);
      if (!found) return reply.callNotFound();
      const body = request.body as Record<string, string | undefined>;
      const decision = body[`decision-${memberId}`] ?? '';
      const outcome = await decideJoinRequest(db, request.actor, { networkId: found.network.id, memberId, decision, reason: body[`reason-${memberId}`] ?? '' });
      if (outcome.ok) return redirectWithNotice(reply, coordinateBase(locale, slug, networkSlug), decision === 'accept' ? 'accepted' : 'declined');
      if (outcome.error === 'invalid') {
        const errors = Object.fromEntries(Object.entries(outcome.fields ?? {}).map(([k, v]) => [`${k}-${memberId}`, v]));
        return renderCoordinate(request, reply, slug, networkSlug, errors, { memberId });
      }
      return answerFailure(request, reply, outcome.error);
    },
  );

  app.post(
    '/t/:slug/networks/:network/coordinate/groups',
    { schema: { params: Params, body: Type.Object({ name: Text(400), purpose: Text(4000) }) }, config: { access: 'agreement.network.coordinate' } },
    async (request, reply) => {
      const { locale, slug, network: networkSlug } = request.params;
      const found = await load(request, slug, networkSlug);
      if (!found) return reply.callNotFound();
      const values = { name: request.body.name ?? '', purpose: request.body.purpose ?? '' };
      const outcome = await addWorkingGroup(db, request.actor, { networkId: found.network.id, ...values });
      if (outcome.ok) return redirectWithNotice(reply, coordinateBase(locale, slug, networkSlug), 'groupAdded');
      if (outcome.error === 'invalid') return renderCoordinate(request, reply, slug, networkSlug, outcome.fields ?? {}, values);
      return answerFailure(request, reply, outcome.error);
    },
  );

  app.post(
    '/t/:slug/networks/:network/coordinate/meetings',
    { schema: { params: Params, body: Type.Object({ title: Text(400), heldOn: Text(20), agenda: Text(20_000), workingGroupId: Text(40) }) }, config: { access: 'agreement.network.coordinate' } },
    async (request, reply) => {
      const { locale, slug, network: networkSlug } = request.params;
      const found = await load(request, slug, networkSlug);
      if (!found) return reply.callNotFound();
      const values = { title: request.body.title ?? '', heldOn: request.body.heldOn ?? '', agenda: request.body.agenda ?? '', workingGroupId: request.body.workingGroupId ?? '' };
      const outcome = await scheduleMeeting(db, request.actor, { networkId: found.network.id, ...values });
      if (outcome.ok) return redirectWithNotice(reply, coordinateBase(locale, slug, networkSlug), 'meetingScheduled');
      if (outcome.error === 'invalid') return renderCoordinate(request, reply, slug, networkSlug, outcome.fields ?? {}, values);
      return answerFailure(request, reply, outcome.error);
    },
  );

  app.post(
    '/t/:slug/networks/:network/coordinate/meetings/:meetingId/minutes',
    {
      schema: { params: Type.Intersect([Params, Type.Object({ meetingId: Type.String({ maxLength: 40 }) })]), body: Type.Object({}, { additionalProperties: Type.String({ maxLength: 30_000 }) }) },
      config: { access: 'agreement.network.coordinate' },
    },
    async (request, reply) => {
      const { locale, slug, network: networkSlug, meetingId } = request.params;
      const found = await load(request, slug, networkSlug);
      if (!found) return reply.callNotFound();
      const body = request.body as Record<string, string>;
      const outcome = await recordMinutes(db, request.actor, { networkId: found.network.id, meetingId, minutes: body[`minutes-${meetingId}`] ?? '', decisions: body[`decisions-${meetingId}`] ?? '' });
      if (outcome.ok) return redirectWithNotice(reply, coordinateBase(locale, slug, networkSlug), 'minutesSaved');
      if (outcome.error === 'invalid') {
        const errors = Object.fromEntries(Object.entries(outcome.fields ?? {}).map(([k, v]) => [`${k}-${meetingId}`, v]));
        return renderCoordinate(request, reply, slug, networkSlug, errors, { meetingId });
      }
      return answerFailure(request, reply, outcome.error);
    },
  );
};
