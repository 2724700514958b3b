// Bad input on a form post answers 400 with the form again: what was typed kept, the error beside the
// field. The handler never saw the input (a NUL byte refused before it, a body that did not parse) or
// the database refused a value (an id that is not one, an impossible date), so the handler cannot draw
// its form; instead the page that shows the form is asked for again, inside the server, and its form
// for this action (src/platform/views/forms.tsx, Form) is drawn with the values and the errors.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FormReplay } from '../views/context.ts';
import { actionPath } from '../views/forms.tsx';
import { isUpload } from './forms.ts';

/** The header of the inner request; its value is a one-time nonce known only to this process. */
const replayHeader = 'x-coproduce-form-replay';
const waiting = new Map<string, FormReplay>();

/** Error keys (platform locales). */
export const badInputErrors = {
  nul: 'platform.forms.badInput.nul',
  value: 'platform.forms.badInput.value',
  tooLong: 'platform.forms.badInput.tooLong',
  form: 'platform.forms.badInput.form',
} as const;

/** A form field holding a NUL byte (which PostgreSQL cannot store in text) is refused before its handler. */
export class NulInputError extends Error {
  readonly statusCode = 400;
  constructor(readonly fields: string[]) {
    super('A form field holds a NUL character');
    this.name = 'NulInputError';
  }
}

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  return false;
}

/** Names of the body's fields that hold a NUL character (top level, and values of repeated fields). */
export function nulFields(body: unknown): string[] {
  if (!body || typeof body !== 'object' || Buffer.isBuffer(body)) return [];
  return Object.entries(body as Record<string, unknown>)
    .filter(([, v]) => hasNul(v))
    .map(([k]) => k);
}

/** What was typed, to show again: text values without NUL characters; no token, no file, no password. */
export function typedValues(body: unknown): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  if (!body || typeof body !== 'object' || Buffer.isBuffer(body)) return values;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === '_csrf' || /password|secret|code|key/i.test(name) || isUpload(value)) continue;
    if (typeof value === 'string') values[name] = value.replaceAll('\u0000', '');
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) values[name] = value.map((v: string) => v.replaceAll('\u0000', ''));
  }
  return values;
}

/**
 * The fields whose value the database refused: PostgreSQL names the refused value in quotes
 * ('invalid input syntax for type uuid: "x"', 'date/time field value out of range: "2026-02-31"').
 */
export function fieldsNamedIn(error: unknown, body: unknown): string[] {
  const quoted = new Set<string>();
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    for (const match of e.message.matchAll(/"((?:[^"\\]|\\.)*)"/g)) quoted.add(match[1]!);
  }
  if (quoted.size === 0 || !body || typeof body !== 'object') return [];
  return Object.entries(body as Record<string, unknown>)
    .filter(([name, v]) => name !== '_csrf' && (typeof v === 'string' ? quoted.has(v) : Array.isArray(v) && v.some((x) => typeof x === 'string' && quoted.has(x))))
    .map(([name]) => name);
}

/** The field errors for a refused body: schema validation, NUL characters, or a value the database refused. */
export function badInputFieldErrors(error: unknown, body: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  const validation = (error as { validation?: { instancePath?: string; keyword?: string }[]; validationContext?: string }).validation;
  if (validation && (error as { validationContext?: string }).validationContext === 'body') {
    for (const v of validation) {
      const name = (v.instancePath ?? '').split('/')[1]?.replaceAll('~1', '/').replaceAll('~0', '~');
      if (name) errors[name] ??= v.keyword === 'maxLength' || v.keyword === 'maxItems' ? badInputErrors.tooLong : badInputErrors.value;
    }
  } else if (!(error instanceof NulInputError)) {
    for (const name of fieldsNamedIn(error, body)) errors[name] = badInputErrors.value;
  }
  // A NUL character is named wherever it is, whatever else was refused.
  for (const name of nulFields(body)) errors[name] = badInputErrors.nul;
  // A body that did not parse, or a refusal that names no field: an error of the whole form.
  if (Object.keys(errors).length === 0) errors._form = refusedByDatabase(error) ? badInputErrors.value : badInputErrors.form;
  return errors;
}

/** PostgreSQL's data exceptions (class 22) name a value; anything else here is a body that did not parse. */
function refusedByDatabase(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return true;
  }
  return false;
}

/** Pages that may show the form posting to `path`: the same path, then its parents (…/support → …). */
function formPages(path: string): string[] {
  const pages = [path];
  const segments = path.split('/');
  // Not above /<locale>/<something>.
  for (let n = segments.length - 1; n >= 3 && pages.length < 3; n--) pages.push(segments.slice(0, n).join('/'));
  return pages;
}

/** Registers the inner request's reader; call once on the root instance. */
export function formReplayHooks(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const nonce = request.headers[replayHeader];
    if (typeof nonce !== 'string') return;
    delete request.headers[replayHeader];
    // Only this process's own inner requests carry a nonce it knows; any other value is ignored.
    const replay = request.method === 'GET' ? waiting.get(nonce) : undefined;
    if (replay) request.formReplay = replay;
  });
  // A NUL byte reaches no handler and no query (checked after the CSRF token, a preHandler before this one).
  app.addHook('preHandler', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    const fields = nulFields(request.body);
    if (fields.length > 0) throw new NulInputError(fields);
  });
}

/**
 * Answers a refused form post with the page that holds the form, drawn again (400); false when no page
 * shows a form for this action (the caller then answers its plain 400 page).
 */
export async function replayForm(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, errors: Record<string, string>): Promise<boolean> {
  if (request.method === 'GET' || request.method === 'HEAD' || request.formReplay) return false;
  const action = actionPath(request.url);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value !== 'string' || ['content-type', 'content-length', 'transfer-encoding', 'accept-encoding', 'if-none-match', replayHeader].includes(name)) continue;
    headers[name] = value;
  }
  const values = typedValues(request.body);
  for (const page of formPages(action)) {
    const nonce = randomUUID();
    const replay: FormReplay = { action, values, errors, used: false };
    waiting.set(nonce, replay);
    try {
      const answer = await app.inject({ method: 'GET', url: page, headers: { ...headers, [replayHeader]: nonce } });
      if (answer.statusCode !== 200 || !replay.used) continue;
      for (const name of ['content-type', 'cache-control', 'set-cookie', 'content-language', 'vary']) {
        const value = answer.headers[name];
        if (value !== undefined) reply.header(name, value);
      }
      reply.code(400).send(answer.body);
      return true;
    } finally {
      waiting.delete(nonce);
    }
  }
  return false;
}
