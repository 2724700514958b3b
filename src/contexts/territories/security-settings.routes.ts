// The territory admin's security settings page: /:locale/t/:slug/admin/security.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { deny } from '../../platform/auth/plugin.ts';
import type { Denial } from '../../platform/auth/permissions.ts';
import { territoryFor } from './territory.http.ts';
import { saveSecuritySettings, securitySettings } from './security-settings.service.ts';
import { SecuritySettingsPage } from './security-settings.views.tsx';
import type { Territory } from './territory.service.ts';

const Params = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) });
const noStore = { 'Cache-Control': 'no-store' };

function refused(request: FastifyRequest, reply: FastifyReply, error: Denial | string) {
  if (error === 'signed-out' || error === 'forbidden' || error === 'two-factor-required') return deny(request, reply, error);
  return reply.callNotFound();
}

export const securitySettingsPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const page = (reply: FastifyReply, territory: Territory, props: { value: string; errors: Record<string, string>; saved: boolean }, status = 200) =>
    reply.headers(noStore).render(h(SecuritySettingsPage, { territory: { slug: territory.slug, name: territory.name }, ...props }), status);

  app.get(
    '/t/:slug/admin/security',
    { schema: { params: Params, querystring: Type.Object({ saved: Type.Optional(Type.String({ maxLength: 2 })) }) }, config: { access: 'territories.settings.manage' } },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return reply.callNotFound();
      const current = await securitySettings(db, request.actor, territory.id);
      if (!current.ok) return refused(request, reply, current.error);
      return page(reply, territory, { value: String(current.value.sensitiveSessionIdleMinutes), errors: {}, saved: request.query.saved === '1' });
    },
  );

  app.post(
    '/t/:slug/admin/security',
    { schema: { params: Params, body: Type.Object({ _csrf: Type.Optional(Type.String()), idleMinutes: Type.Optional(Type.String({ maxLength: 20 })) }) }, config: { access: 'territories.settings.manage' } },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return reply.callNotFound();
      const saved = await saveSecuritySettings(db, request.actor, territory.id, { idleMinutes: request.body.idleMinutes });
      if (!saved.ok) {
        if (saved.error === 'invalid') return page(reply, territory, { value: request.body.idleMinutes ?? '', errors: saved.fields ?? {}, saved: false }, 400);
        return refused(request, reply, saved.error);
      }
      return reply.redirect(`/${request.i18n.locale}/t/${territory.slug}/admin/security?saved=1`, 303);
    },
  );
};
