// Shared by this context's routes: find the territory of a page, answer a failed outcome, read form values.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { deny } from '../../platform/auth/plugin.ts';
import type { Denial } from '../../platform/auth/permissions.ts';
import type { Db } from '../../platform/db/client.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { territoryHeader } from '../territories/territory.http.ts';

export const denials: readonly string[] = ['signed-out', 'forbidden', 'two-factor-required'];

/** A form field that may come once (string) or several times (array), as checkboxes do. */
export const Many = Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 })]));
export const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

export function many(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v) => v !== '');
}

export async function territoryFor(db: Db, request: FastifyRequest, slug: string) {
  const territory = await findTerritory(db, slug);
  if (territory) request.territoryHeader = territoryHeader(territory, request.i18n.locale);
  return territory;
}

/** Answers a failed service call: a denial as the platform answers it, a missing thing as a 404. */
export function answerFailure(request: FastifyRequest, reply: FastifyReply, error: string) {
  if (denials.includes(error)) return deny(request, reply, error as Denial);
  return reply.callNotFound();
}

/** POST-redirect-GET with a short notice key shown on the next page. */
export function redirectWithNotice(reply: FastifyReply, path: string, notice: string) {
  return reply.redirect(`${path}${path.includes('?') ? '&' : '?'}notice=${encodeURIComponent(notice)}`, 303);
}
