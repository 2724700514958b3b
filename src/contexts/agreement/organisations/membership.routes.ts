// An organisation's people: the members page and its forms, asking to join, and accepting an invitation
// (by its secret link, which travels in the query or the form, never in a logged path; or signed in, by id).
import { territoryHeader } from '../../territories/territory.http.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { href } from '../../../platform/views/context.ts';
import {
  acceptOrganisationInvitation,
  answerJoinRequest,
  askToJoin,
  changeMembership,
  invitationByToken,
  invitationsForMe,
  inviteColleague,
  membershipPage,
  withdrawInvitation,
} from './membership.service.ts';
import { findOrganisation } from './organisation.service.ts';
import { findTerritoryById } from '../../territories/territory.service.ts';
import { answerFailure, redirectWithNotice, Text } from '../http.ts';
import { InvitationPage, MembersPage, MyInvitationsPage } from './membership.views.tsx';

const IdParams = Type.Object({ locale: Type.String(), id: Type.String({ maxLength: 40 }) });
const PersonParams = Type.Object({ locale: Type.String(), id: Type.String({ maxLength: 40 }), personId: Type.String({ maxLength: 40 }) });
const RequestParams = Type.Object({ locale: Type.String(), id: Type.String({ maxLength: 40 }), requestId: Type.String({ maxLength: 40 }) });
const Csrf = { _csrf: Text(200) };
const Locale = Type.Object({ locale: Type.String() });

export const membershipPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const deps = { db, mailer: app.mailer, publicUrl: app.config.publicUrl };
  const noStore = (reply: FastifyReply) => reply.header('Cache-Control', 'no-store');

  async function renderMembers(request: FastifyRequest, reply: FastifyReply, id: string, extra: { values?: Record<string, string>; errors?: Record<string, string>; notice?: string; problem?: string | null }, status = 200) {
    const page = await membershipPage(db, request.actor, id);
    if (!page.ok) return answerFailure(request, reply, page.error);
    const territory = await findTerritoryById(db, page.value.organisation.territoryId);
    if (territory) request.territoryHeader = territoryHeader(territory, request.i18n.locale);
    noStore(reply);
    return reply.render(h(MembersPage, { page: page.value, me: request.actor!.personId, values: extra.values ?? {}, errors: extra.errors ?? {}, notice: extra.notice, problem: extra.problem ?? null }), status);
  }

  app.get('/organisations/:id/members', { schema: { params: IdParams, querystring: Type.Object({ notice: Text(40), problem: Text(40) }) }, config: { access: 'agreement.organisation.members.view' } }, async (request, reply) =>
    renderMembers(request, reply, request.params.id, { notice: request.query.notice, problem: request.query.problem === 'last-admin' ? 'last-admin' : null }),
  );

  app.post(
    '/organisations/:id/members/invite',
    { schema: { params: IdParams, body: Type.Object({ ...Csrf, email: Text(300), role: Text(40) }) }, config: { access: 'agreement.organisation.members.manage', rateLimit: { max: 30, timeWindow: 60_000 } } },
    async (request, reply) => {
      const { id, locale } = request.params;
      const outcome = await inviteColleague(deps, request.actor, id, { email: request.body.email, role: request.body.role, locale: request.i18n.locale });
      if (outcome.ok) return redirectWithNotice(reply, href(locale, `/organisations/${id}/members`), 'memberInvited');
      if (outcome.error !== 'invalid') return answerFailure(request, reply, outcome.error);
      return renderMembers(request, reply, id, { values: { email: request.body.email ?? '', role: request.body.role ?? '' }, errors: outcome.fields ?? {} }, 400);
    },
  );

  app.post(
    '/organisations/:id/members/invitations/:personId/withdraw',
    { schema: { params: PersonParams, body: Type.Object(Csrf) }, config: { access: 'agreement.organisation.members.manage' } },
    async (request, reply) => {
      const { id, personId: invitationId, locale } = request.params;
      const outcome = await withdrawInvitation(db, request.actor, id, invitationId);
      if (!outcome.ok) return answerFailure(request, reply, outcome.error);
      return redirectWithNotice(reply, href(locale, `/organisations/${id}/members`), 'memberWithdrawn');
    },
  );

  app.post(
    '/organisations/:id/members/requests/:requestId',
    { schema: { params: RequestParams, body: Type.Object({ ...Csrf, decision: Text(10) }) }, config: { access: 'agreement.organisation.members.manage' } },
    async (request, reply) => {
      const { id, requestId, locale } = request.params;
      const accept = request.body.decision === 'accept';
      if (!accept && request.body.decision !== 'decline') return reply.callNotFound();
      const outcome = await answerJoinRequest(db, request.actor, id, requestId, accept);
      if (!outcome.ok) return answerFailure(request, reply, outcome.error);
      return redirectWithNotice(reply, href(locale, `/organisations/${id}/members`), accept ? 'memberAccepted' : 'memberDeclined');
    },
  );

  async function change(request: FastifyRequest, reply: FastifyReply, id: string, personId: string, what: Parameters<typeof changeMembership>[4], done: string, after: string) {
    const locale = request.i18n.locale;
    const outcome = await changeMembership(db, request.actor, id, personId, what);
    if (outcome.ok) return redirectWithNotice(reply, href(locale, after), done);
    if (outcome.error === 'last-admin') return reply.redirect(`${href(locale, `/organisations/${id}/members`)}?problem=last-admin`, 303);
    return answerFailure(request, reply, outcome.error);
  }

  app.post('/organisations/:id/members/:personId/remove', { schema: { params: PersonParams, body: Type.Object(Csrf) }, config: { access: 'agreement.organisation.members.manage' } }, async (request, reply) =>
    change(request, reply, request.params.id, request.params.personId, 'remove', 'memberRemoved', `/organisations/${request.params.id}/members`),
  );
  app.post('/organisations/:id/members/:personId/role', { schema: { params: PersonParams, body: Type.Object({ ...Csrf, role: Text(40) }) }, config: { access: 'agreement.organisation.members.manage' } }, async (request, reply) => {
    const role = request.body.role;
    if (role !== 'organisation-admin' && role !== 'organisation-member') return reply.callNotFound();
    return change(request, reply, request.params.id, request.params.personId, role, 'memberRole', `/organisations/${request.params.id}/members`);
  });
  app.post('/organisations/:id/members/leave', { schema: { params: IdParams, body: Type.Object(Csrf) }, config: { access: 'agreement.organisation.leave' } }, async (request, reply) =>
    change(request, reply, request.params.id, request.actor!.personId, 'leave', 'memberLeft', `/organisations/${request.params.id}`),
  );

  app.post(
    '/organisations/:id/join',
    { schema: { params: IdParams, body: Type.Object({ ...Csrf, message: Text(2000) }) }, config: { access: 'agreement.organisation.join', rateLimit: { max: 30, timeWindow: 60_000 } } },
    async (request, reply) => {
      const { id, locale } = request.params;
      const outcome = await askToJoin(db, request.actor, id, { message: request.body.message });
      if (outcome.ok) return redirectWithNotice(reply, href(locale, `/organisations/${id}`), 'memberRequested');
      if (outcome.error !== 'invalid') return answerFailure(request, reply, outcome.error);
      // The organisation's page with the message kept and the reason beside it.
      const found = await findOrganisation(db, id);
      if (!found) return reply.callNotFound();
      const query = new URLSearchParams({ joinError: outcome.fields?.message ?? '', message: (request.body.message ?? '').slice(0, 1000) });
      return reply.redirect(`${href(locale, `/organisations/${id}`)}?${query.toString()}#membership`, 303);
    },
  );

  // ——— Invitations ———
  app.get('/organisations/invitation', { schema: { params: Locale, querystring: Type.Object({ token: Text(200) }) }, config: { access: 'public' } }, async (request, reply) => {
    noStore(reply);
    const token = request.query.token ?? '';
    const view = await invitationByToken(db, token);
    return reply.render(h(InvitationPage, { view, token, signedIn: request.actor !== null, error: null }), view ? 200 : 404);
  });
  app.post('/organisations/invitation', { schema: { params: Locale, body: Type.Object({ ...Csrf, token: Text(200) }) }, config: { access: 'agreement.organisation.join' } }, async (request, reply) => {
    noStore(reply);
    const token = request.body.token ?? '';
    const outcome = await acceptOrganisationInvitation(db, request.actor, { token });
    if (outcome.ok) return redirectWithNotice(reply, href(request.params.locale, `/organisations/${outcome.value.organisationId}`), 'memberJoined');
    if (outcome.error === 'invalid-link' || outcome.error === 'wrong-account') {
      const view = await invitationByToken(db, token);
      return reply.render(h(InvitationPage, { view, token, signedIn: true, error: outcome.error }), 400);
    }
    return answerFailure(request, reply, outcome.error);
  });
  app.get('/organisations/invitations', { schema: { params: Locale }, config: { access: 'agreement.organisation.join' } }, async (request, reply) => {
    const views = await invitationsForMe(db, request.actor);
    if (!views.ok) return answerFailure(request, reply, views.error);
    noStore(reply);
    return reply.render(h(MyInvitationsPage, { views: views.value, error: null }));
  });
  app.post('/organisations/invitations', { schema: { params: Locale, body: Type.Object({ ...Csrf, id: Text(40) }) }, config: { access: 'agreement.organisation.join' } }, async (request, reply) => {
    const outcome = await acceptOrganisationInvitation(db, request.actor, { id: request.body.id ?? '' });
    if (outcome.ok) return redirectWithNotice(reply, href(request.params.locale, `/organisations/${outcome.value.organisationId}`), 'memberJoined');
    if (outcome.error !== 'invalid-link' && outcome.error !== 'wrong-account') return answerFailure(request, reply, outcome.error);
    const views = await invitationsForMe(db, request.actor);
    return reply.render(h(MyInvitationsPage, { views: views.ok ? views.value : [], error: outcome.error }), 400);
  });
};
