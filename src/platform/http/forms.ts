// Reading HTML forms in route handlers: common param and body schemas, field readers, uploaded files,
// and answering a service's failure that is not a form error.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { deny } from '../auth/plugin.ts';
import type { Denial } from '../auth/permissions.ts';

export const TerritoryParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) });
export const Uuid = Type.String({ maxLength: 36 });

/** A form body: text fields, repeated fields as arrays, uploaded files as their content. */
export const FormBody = Type.Record(Type.String(), Type.Unknown());

const denials = new Set<string>(['signed-out', 'forbidden', 'two-factor-required']);

/** Answers an outcome's failure that is not a form error: a denial, or a page that does not exist. */
export function failed(request: FastifyRequest, reply: FastifyReply, error: string) {
  if (denials.has(error)) return deny(request, reply, error as Denial);
  return reply.callNotFound();
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

/** A file sent in a multipart form (see acceptUploads). */
export interface UploadedFile {
  content: Buffer;
  /** The name the browser sent (untrusted: a caller cleans it before showing or storing it). */
  name: string;
  mediaType: string;
  truncated: boolean;
}

export function isUpload(v: unknown): v is UploadedFile {
  return typeof v === 'object' && v !== null && Buffer.isBuffer((v as UploadedFile).content);
}

/**
 * Forms with files (evidence, CSV imports) arrive as multipart: fields become plain values (so the
 * CSRF token is read as in any form) and each file its bytes and declared type.
 */
export async function acceptUploads(app: FastifyInstance, maxFileBytes: number): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: maxFileBytes + 1, files: 10, fields: 300 },
    async onFile(part) {
      const content = await part.toBuffer();
      // An empty file input sends a part with no name and no bytes: it is not a file.
      const value: UploadedFile | undefined = part.filename ? { content, name: part.filename, mediaType: part.mimetype, truncated: part.file.truncated } : undefined;
      (part as unknown as { value: UploadedFile | undefined }).value = value;
    },
  });
}
