// Administrators' webhook pages under /:locale/admin/webhooks.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { deny } from '../../platform/auth/plugin.ts';
import type { Db } from '../../platform/db/client.ts';
import { findTerritory, listTerritories } from '../territories/territory.service.ts';
import { createSubscription, deleteSubscription, listSubscriptions, subscriptionLog } from './webhook.service.ts';
import { WebhookCreatedPage, WebhookLogPage, WebhooksPage, type TerritoryChoice } from './webhook.views.tsx';

const text = (max = 500) => Type.Optional(Type.String({ maxLength: max }));
const Locale = Type.Object({ locale: Type.String() });
const IdParams = Type.Object({ locale: Type.String(), id: Type.String({ maxLength: 40 }) });

async function territoryChoices(db: Db): Promise<TerritoryChoice[]> {
  const result: TerritoryChoice[] = [];
  for (const summary of await listTerritories(db)) {
    const found = await findTerritory(db, summary.slug);
    if (found) result.push({ id: found.id, name: found.name });
  }
  return result;
}

function failure(request: FastifyRequest, reply: FastifyReply, error: string) {
  if (error === 'signed-out' || error === 'forbidden' || error === 'two-factor-required') return deny(request, reply, error);
  return reply.callNotFound();
}

export const webhookPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const allowHttp = app.config.env !== 'production';

  async function renderList(request: FastifyRequest, reply: FastifyReply, values: { territoryId?: string; url?: string; events?: string[] }, errors: Record<string, string>, done: string | null) {
    const subscriptions = await listSubscriptions(db, request.actor);
    if (!subscriptions.ok) return failure(request, reply, subscriptions.error);
    reply.header('Cache-Control', 'no-store');
    return reply.render(h(WebhooksPage, { subscriptions: subscriptions.value, territories: await territoryChoices(db), values, errors, done }), Object.keys(errors).length ? 400 : 200);
  }

  app.get('/admin/webhooks', { schema: { params: Locale, querystring: Type.Object({ done: text(40) }) }, config: { access: 'integrations.webhook.manage' } }, async (request, reply) =>
    renderList(request, reply, {}, {}, request.query.done ?? null),
  );

  app.post(
    '/admin/webhooks',
    {
      schema: { params: Locale, body: Type.Object({ _csrf: text(200), territoryId: text(40), url: text(600), events: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })])) }) },
      config: { access: 'integrations.webhook.manage' },
    },
    async (request, reply) => {
      const b = request.body;
      const values = { territoryId: b.territoryId ?? '', url: b.url ?? '', events: b.events === undefined ? [] : Array.isArray(b.events) ? b.events : [b.events] };
      const created = await createSubscription(db, request.actor, values, { allowHttp });
      if (created.ok) {
        reply.header('Cache-Control', 'no-store');
        return reply.render(h(WebhookCreatedPage, created.value));
      }
      if (created.error === 'invalid') return renderList(request, reply, values, created.fields ?? {}, null);
      return failure(request, reply, created.error);
    },
  );

  app.get('/admin/webhooks/:id', { schema: { params: IdParams }, config: { access: 'integrations.webhook.manage' } }, async (request, reply) => {
    const log = await subscriptionLog(db, request.actor, request.params.id);
    if (!log.ok) return failure(request, reply, log.error);
    const territoryName = (await territoryChoices(db)).find((x) => x.id === log.value.subscription.territoryId)?.name ?? '';
    reply.header('Cache-Control', 'no-store');
    return reply.render(h(WebhookLogPage, { ...log.value, territoryName }));
  });

  app.post('/admin/webhooks/:id/delete', { schema: { params: IdParams, body: Type.Object({ _csrf: text(200) }) }, config: { access: 'integrations.webhook.manage' } }, async (request, reply) => {
    const result = await deleteSubscription(db, request.actor, request.params.id);
    if (!result.ok) return failure(request, reply, result.error);
    return reply.redirect(`/${request.params.locale}/admin/webhooks?done=deleted`, 303);
  });
};
