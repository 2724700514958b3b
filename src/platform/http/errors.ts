// One place that answers errors: problem details under /api, translated pages elsewhere.
// No stack trace or internal message ever reaches a client.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { h } from 'preact';
import { ErrorPage, type ErrorKind } from '../views/error-pages.tsx';
import { isApiPath, sendProblem } from './problem.ts';
import { safeError } from './logging.ts';

/**
 * Bad input that got past a route's schema and was refused further down: PostgreSQL's data exceptions
 * (class 22: a text that is not a uuid, an impossible date, a NUL byte, a number out of range) and a
 * multipart body that does not parse. It is the client's mistake, so 400, never 500.
 */
export function isBadInput(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return true;
    if (/^(Unexpected end of (form|file)|Malformed part header|Multipart: Boundary not found|Malformed urlencoded form|Unexpected end of multipart data)/.test(e.message)) return true;
    if (typeof code === 'string' && code.startsWith('FST_') && /multipart|PART|FILE|FIELD/i.test(code)) return true;
  }
  return false;
}

const kinds: Record<number, ErrorKind> = { 400: 'badRequest', 403: 'forbidden', 404: 'notFound', 413: 'tooLarge', 429: 'tooMany' };

function respond(request: FastifyRequest, reply: FastifyReply, status: number, kind: ErrorKind, detail?: string) {
  if (isApiPath(request.url)) {
    return sendProblem(reply, {
      type: `about:blank`,
      title: request.i18n.t(`platform.errors.${kind}.title`),
      status,
      ...(detail ? { detail } : {}),
    });
  }
  if (status === 429 || status === 403) reply.header('Cache-Control', 'no-store');
  return reply.render(h(ErrorPage, { kind }), status);
}

export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setNotFoundHandler((request, reply) => respond(request, reply, 404, 'notFound'));
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const status = error.statusCode ?? 500;
      if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
        return respond(request, reply, 403, 'csrf');
      }
      if (error.validation) {
        return respond(request, reply, 400, 'badRequest', isApiPath(request.url) ? error.message : undefined);
      }
      if (status >= 400 && status < 500) {
        return respond(request, reply, status, kinds[status] ?? 'badRequest');
      }
      if (isBadInput(error)) {
        request.log.info({ err: safeError(error) }, 'bad input refused');
        return respond(request, reply, 400, 'badRequest');
      }
      request.log.error({ err: safeError(error) }, 'request failed');
      return respond(request, reply, 500, 'server');
    });
  },
  { name: 'coproduce-errors', dependencies: ['coproduce-views'] },
);
