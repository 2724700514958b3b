// JSON under /api/v1: who the session cookie belongs to, with their roles (for scripts and other front ends).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemSchema, sendProblem } from '../../platform/http/problem.ts';
import { myAccount } from './identity.service.ts';

export const identityApi: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me',
    {
      config: { access: 'identity.account.manage', scope: 'read:account' },
      schema: {
        summary: 'The signed-in person: name, language, roles in their scopes, and whether this session passed a second factor',
        description: 'For any signed-in person or token with read:account: who the token acts as, their language, their roles with the scope of each (territory, organisation, network or campaign), and whether two-step sign-in was passed.',
        tags: ['identity'],
        response: {
          200: Type.Object({
            id: Type.String({ format: 'uuid' }),
            displayName: Type.String(),
            locale: Type.String(),
            twoFactorEnabled: Type.Boolean(),
            twoFactorVerified: Type.Boolean(),
            roles: Type.Array(Type.Object({ role: Type.String(), scope: Type.Object({ kind: Type.String(), id: Type.Union([Type.String(), Type.Null()]) }) })),
          }),
          401: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const me = await myAccount(app.database.db, request.actor);
      if (!me.ok) return sendProblem(reply, { type: 'about:blank', title: request.i18n.t('platform.errors.signedOut.title'), status: 401 });
      return {
        id: me.value.id,
        displayName: me.value.displayName,
        locale: me.value.locale,
        twoFactorEnabled: me.value.totpEnabledAt !== null,
        twoFactorVerified: request.actor!.twoFactorVerified,
        roles: request.actor!.grants,
      };
    },
  );
};
