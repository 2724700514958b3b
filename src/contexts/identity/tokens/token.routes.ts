// Account pages for API credentials (/account/tokens) and the administrators' OAuth clients (/admin/api-clients).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import type { Db } from '../../../platform/db/client.ts';
import { findTerritory, listTerritories } from '../../territories/territory.service.ts';
import { answerDenial } from '../account.routes.ts';
import { createClient, createPersonalToken, listClientsForAdmin, listMyCredentials, revokeClientAsAdmin, revokeMyCredential } from './token.service.ts';
import { ApiClientsPage, NewTokenPage, TokenCreatedPage, TokensPage, type TerritoryChoice } from './token.views.tsx';

const text = (max = 500) => Type.Optional(Type.String({ maxLength: max }));
const many = Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })]));
const IdParams = Type.Object({ locale: Type.String(), id: Type.String({ maxLength: 40 }) });

async function territoryChoices(db: Db): Promise<TerritoryChoice[]> {
  const result: TerritoryChoice[] = [];
  for (const summary of await listTerritories(db)) {
    const found = await findTerritory(db, summary.slug);
    if (found) result.push({ id: found.id, name: found.name });
  }
  return result;
}

// A page that shows a secret, or lists credentials, is never kept by any cache.
const noStore = (reply: FastifyReply) => reply.header('Cache-Control', 'no-store');

export const tokenPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get('/account/tokens', { schema: { params: Type.Object({ locale: Type.String() }), querystring: Type.Object({ done: text(40) }) }, config: { access: 'identity.account.manage' } }, async (request, reply) => {
    noStore(reply);
    const credentials = await listMyCredentials(db, request.actor);
    if (!credentials.ok) return answerDenial(request, reply, credentials.error);
    return reply.render(h(TokensPage, { credentials: credentials.value, territories: await territoryChoices(db), done: request.query.done ?? null }));
  });

  app.get('/account/tokens/new', { schema: { params: Type.Object({ locale: Type.String() }), querystring: Type.Object({ kind: text(20) }) }, config: { access: 'identity.account.manage' } }, async (request, reply) => {
    noStore(reply);
    const kind = request.query.kind === 'client' ? 'client' : 'personal';
    return reply.render(h(NewTokenPage, { kind, territories: await territoryChoices(db), values: {}, errors: {}, twoFactorVerified: request.actor!.twoFactorVerified }));
  });

  app.post(
    '/account/tokens/new',
    {
      schema: { params: Type.Object({ locale: Type.String() }), body: Type.Object({ _csrf: text(200), kind: text(20), name: text(200), territoryId: text(40), lifetime: text(10), scopes: many }) },
      config: { access: 'identity.account.manage' },
    },
    async (request, reply) => {
      noStore(reply);
      const b = request.body;
      const kind = b.kind === 'client' ? 'client' : 'personal';
      const input = { name: b.name ?? '', territoryId: b.territoryId ?? '', lifetime: b.lifetime ?? '90', scopes: b.scopes === undefined ? [] : Array.isArray(b.scopes) ? b.scopes : [b.scopes] };
      const created = kind === 'client' ? await createClient(db, request.actor, input) : await createPersonalToken(db, request.actor, input);
      if (created.ok) return reply.render(h(TokenCreatedPage, created.value));
      if (created.error === 'invalid') {
        return reply.render(h(NewTokenPage, { kind, territories: await territoryChoices(db), values: input, errors: created.fields ?? {}, twoFactorVerified: request.actor!.twoFactorVerified }), 400);
      }
      return answerDenial(request, reply, created.error);
    },
  );

  app.post('/account/tokens/:id/revoke', { schema: { params: IdParams, body: Type.Object({ _csrf: text(200) }) }, config: { access: 'identity.account.manage' } }, async (request, reply) => {
    const result = await revokeMyCredential(db, request.actor, request.params.id);
    if (!result.ok) return answerDenial(request, reply, result.error);
    return reply.redirect(`/${request.i18n.locale}/account/tokens?done=revoked`, 303);
  });

  app.get('/admin/api-clients', { schema: { params: Type.Object({ locale: Type.String() }), querystring: Type.Object({ done: text(40) }) }, config: { access: 'identity.apiClient.manage' } }, async (request, reply) => {
    noStore(reply);
    const clients = await listClientsForAdmin(db, request.actor);
    if (!clients.ok) return answerDenial(request, reply, clients.error);
    return reply.render(h(ApiClientsPage, { clients: clients.value, territories: await territoryChoices(db), done: request.query.done === 'revoked' }));
  });

  app.post('/admin/api-clients/:id/revoke', { schema: { params: IdParams, body: Type.Object({ _csrf: text(200) }) }, config: { access: 'identity.apiClient.manage' } }, async (request, reply) => {
    const result = await revokeClientAsAdmin(db, request.actor, request.params.id);
    if (!result.ok) return answerDenial(request, reply, result.error);
    return reply.redirect(`/${request.i18n.locale}/admin/api-clients?done=revoked`, 303);
  });
};
