// One place that answers errors: problem details under /api, translated pages elsewhere.
// No stack trace or internal message ever reaches a client.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { h } from 'preact';
import { ErrorPage, type ErrorKind } from '../views/error-pages.tsx';
import { isApiPath, sendProblem } from './problem.ts';
import { safeError } from './logging.ts';
import { badInputFieldErrors, formReplayHooks, NulInputError, replayForm } from './form-replay.ts';

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

/**
 * Bad input: an API answers problem details (with the refused fields); a page answers 400 with the form
 * again — what was typed and the error beside the field — or, when no page shows that form, the 400 page.
 */
async function refuse(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, error: unknown) {
  const errors = badInputFieldErrors(error, request.body);
  if (isApiPath(request.url)) {
    const fields = Object.fromEntries(Object.entries(errors).filter(([name]) => name !== '_form').map(([name, key]) => [name, request.i18n.t(key)]));
    return sendProblem(reply, {
      type: 'about:blank',
      title: request.i18n.t('platform.errors.badRequest.title'),
      status: 400,
      ...((error as FastifyError).validation ? { detail: (error as Error).message } : {}),
      ...(Object.keys(fields).length ? { errors: fields } : {}),
    });
  }
  if (await replayForm(app, request, reply, errors)) return reply;
  return respond(request, reply, 400, 'badRequest');
}

export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    formReplayHooks(app);
    app.setNotFoundHandler((request, reply) => respond(request, reply, 404, 'notFound'));
    app.setErrorHandler(async (error: FastifyError, request, reply) => {
      const status = error.statusCode ?? 500;
      if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
        return respond(request, reply, 403, 'csrf');
      }
      if (error.validation || error instanceof NulInputError) return refuse(app, request, reply, error);
      // A body that did not parse or a value the database refused (a 400 of the multipart reader among them).
      if ((status === 400 || status >= 500) && isBadInput(error)) {
        request.log.info({ err: safeError(error) }, 'bad input refused');
        return refuse(app, request, reply, error);
      }
      if (status >= 400 && status < 500) {
        return respond(request, reply, status, kinds[status] ?? 'badRequest');
      }
      request.log.error({ err: safeError(error) }, 'request failed');
      return respond(request, reply, 500, 'server');
    });
  },
  { name: 'coproduce-errors', dependencies: ['coproduce-views'] },
);
