// Structured logs (pino) that never contain an IP address, a cookie, a query string, a form body, or
// the parameters of a database query (which carry search terms, answers and texts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DestinationStream, LoggerOptions } from 'pino';

export interface SafeError {
  type: string;
  message: string;
  code?: string;
  stack?: string;
}

/**
 * What of an error may be logged: its type, its code, its message without quoted values or query
 * parameters, and the stack's frames (the stack's first line repeats the message). A database error
 * (Drizzle's "Failed query: … params: …", PostgreSQL's 'invalid input syntax for type uuid: "…"', a
 * duplicate key's detail) keeps the SQL text with its $n placeholders and the SQLSTATE code only.
 */
export function safeError(error: unknown): SafeError {
  if (!(error instanceof Error)) return { type: typeof error, message: scrub(String(error)) };
  const cause = (error as { cause?: unknown }).cause;
  const code = stringCode(error) ?? (cause instanceof Error ? stringCode(cause) : undefined);
  let message = error.message;
  const params = message.indexOf('\nparams:');
  if (params >= 0) message = message.slice(0, params);
  if (cause instanceof Error && cause !== error) message = `${message} (cause: ${cause.name}: ${cause.message})`;
  const frames = error.stack
    ?.split('\n')
    .filter((line) => line.startsWith('    at '))
    .join('\n');
  return { type: error.name, message: scrub(message).slice(0, 2_000), ...(code ? { code } : {}), ...(frames ? { stack: frames } : {}) };
}

function stringCode(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** Values quoted in messages ("…", '…', (key)=(value)) and anything after "params:" are removed. */
function scrub(text: string): string {
  return text
    .replace(/params:[\s\S]*/g, 'params: [removed]')
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'(?:[^'\\]|\\.)*'/g, "'…'")
    .replace(/\)=\([^)]*\)/g, ')=(…)');
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    // The route's pattern, not the URL: query strings and path values can carry search terms, receipts or tokens.
    serializers: {
      req: (request: FastifyRequest) => ({ method: request.method, route: request.routeOptions?.url ?? '(no route)', id: request.id }),
      res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
      err: (error: unknown) => (isSafe(error) ? error : safeError(error)),
    },
    redact: { paths: ['req.headers', 'headers', 'cookie', 'body', 'query', 'params', 'ip', 'remoteAddress', 'err.params', 'err.detail'], remove: true },
  };
}

function isSafe(value: unknown): value is SafeError {
  return typeof value === 'object' && value !== null && !(value instanceof Error) && Object.keys(value).every((k) => ['type', 'message', 'code', 'stack'].includes(k));
}

export type LogDestination = DestinationStream;
