// What every context's write operations under /api/v1 share: the Idempotency-Key header, the answers'
// schemas (the result, or RFC 9457 problems) and the 404 problem.
import type { FastifyReply } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import { sendProblem, writeProblems } from '../http/problem.ts';

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ maxLength: 255, description: 'Any unique string: a retry with the same key gets the first answer again instead of acting twice' })),
});
export const created = <T extends TSchema>(schema: T) => ({ 201: schema, ...writeProblems });
export const ok = <T extends TSchema>(schema: T) => ({ 200: schema, ...writeProblems });

export function notFoundProblem(request: { i18n: { t(key: string): string } }, reply: FastifyReply) {
  return sendProblem(reply, { type: 'about:blank', title: request.i18n.t('platform.errors.notFound.title'), status: 404 });
}
