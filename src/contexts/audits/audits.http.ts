// Small helpers shared by the audits context's routes: the territory of the URL, answering a failed outcome.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { deny } from '../../platform/auth/plugin.ts';
import type { Denial } from '../../platform/auth/permissions.ts';
import { findTerritory, type Territory } from '../territories/territory.service.ts';
import { defaultGrounds } from '../territories/territory.settings.ts';

export const TerritoryParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) });
export const Uuid = Type.String({ maxLength: 36 });

/** A form body: text fields, repeated fields as arrays, uploaded files as their content. */
export const FormBody = Type.Record(Type.String(), Type.Unknown());

export async function territoryFor(request: FastifyRequest): Promise<Territory | null> {
  const { slug } = request.params as { slug: string };
  const territory = await findTerritory(request.server.database.db, slug);
  if (territory) request.territoryHeader = { slug: territory.slug, name: territory.name };
  return territory;
}

export function groundsOf(territory: Territory): string[] {
  return territory.settings.grounds?.length ? territory.settings.grounds : [...defaultGrounds];
}

const denials = new Set<string>(['signed-out', 'forbidden', 'two-factor-required']);

/** Answers an outcome's failure that is not a form error: a denial, or a page that does not exist. */
export function failed(request: FastifyRequest, reply: FastifyReply, error: string) {
  if (denials.has(error)) return deny(request, reply, error as Denial);
  return reply.callNotFound();
}

export function audits(locale: string, slug: string, path = ''): string {
  return `/${locale}/t/${slug}/audits${path}`;
}

/** Text of a form field, or ''. */
export function field(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v : '';
}

/** Every value of a repeated form field (checkboxes). */
export function fields(body: Record<string, unknown>, name: string): string[] {
  const v = body[name];
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : [];
}

/** A file sent in a multipart form (see audits.routes.ts). */
export interface UploadedFile {
  content: Buffer;
  mediaType: string;
  truncated: boolean;
}

export function isUpload(v: unknown): v is UploadedFile {
  return typeof v === 'object' && v !== null && Buffer.isBuffer((v as UploadedFile).content);
}
