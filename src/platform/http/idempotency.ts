// Idempotency-Key on POST under /api/v1: a client that retries after a dropped connection gets the first
// answer again (with `Idempotent-Replayed: true`) instead of signing, proposing or recording twice.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { and, eq, lt } from 'drizzle-orm';
import { getOrCreateSecret, keyedHash } from '../crypto/secrets.ts';
import { idempotencyRecord } from '../platform.schema.ts';
import { scheduleJob } from '../jobs/schedule.ts';
import { sendProblem } from './problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The stored key this request will answer, when it came with an Idempotency-Key. */
    idempotencyKey: string | null;
  }
  interface FastifyContextConfig {
    /**
     * false: this POST takes no Idempotency-Key, because its request or answer must never be kept (a password in,
     * a case-key session token out: a stored copy would open the handler's key from a database dump).
     */
    idempotency?: false;
  }
}

export const idempotencyHeader = 'idempotency-key';
const lifetimeMs = 24 * 3600_000;
const validKey = /^[\x21-\x7e]{1,255}$/;

export const idempotencyPlugin = fp(
  async (app: FastifyInstance) => {
    const db = app.database.db;
    const secret = await getOrCreateSecret(db, 'idempotency');
    app.decorateRequest('idempotencyKey', null);

    app.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'POST' || !request.url.startsWith('/api/v1/') || request.routeOptions.config?.idempotency === false) return;
      const header = request.headers[idempotencyHeader];
      if (header === undefined) return;
      const title = (key: string) => request.i18n.t(key);
      if (typeof header !== 'string' || !validKey.test(header)) {
        return sendProblem(reply, { type: 'about:blank', title: title('platform.errors.badRequest.title'), status: 400, detail: title('platform.api.idempotencyInvalid') });
      }
      // Keys belong to a credential: two integrations choosing the same key never see each other's answers.
      const owner = request.apiToken ? `token:${request.apiToken.id}` : request.actor ? `person:${request.actor.personId}` : null;
      if (!owner) return;
      const key = keyedHash(secret, `${owner}\n${header}`);
      const requestHash = createHash('sha256')
        .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
        .digest('hex');
      await db.delete(idempotencyRecord).where(and(eq(idempotencyRecord.key, key), lt(idempotencyRecord.createdAt, new Date(Date.now() - lifetimeMs))));
      const inserted = await db.insert(idempotencyRecord).values({ key, requestHash }).onConflictDoNothing().returning({ key: idempotencyRecord.key });
      if (inserted.length > 0) {
        request.idempotencyKey = key;
        return;
      }
      const [stored] = await db.select().from(idempotencyRecord).where(eq(idempotencyRecord.key, key));
      if (!stored) return;
      if (stored.requestHash !== requestHash) {
        return sendProblem(reply, { type: 'about:blank', title: title('platform.errors.badRequest.title'), status: 422, detail: title('platform.api.idempotencyMismatch') });
      }
      if (stored.statusCode === null) {
        return sendProblem(reply, { type: 'about:blank', title: title('platform.errors.conflict.title'), status: 409, detail: title('platform.api.idempotencyInProgress') });
      }
      reply.header('Idempotent-Replayed', 'true');
      if (stored.location) reply.header('Location', stored.location);
      return reply
        .code(stored.statusCode)
        .type(stored.contentType ?? 'application/json; charset=utf-8')
        .send(stored.body ?? '');
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const key = request.idempotencyKey;
      if (!key) return payload;
      request.idempotencyKey = null;
      // A failure of ours is not an answer to keep: the client may try again with the same key.
      if (reply.statusCode >= 500 || typeof payload !== 'string') {
        await db.delete(idempotencyRecord).where(eq(idempotencyRecord.key, key));
        return payload;
      }
      const location = reply.getHeader('location');
      await db
        .update(idempotencyRecord)
        .set({ statusCode: reply.statusCode, contentType: String(reply.getHeader('content-type') ?? ''), body: payload, location: typeof location === 'string' ? location : null })
        .where(eq(idempotencyRecord.key, key));
      return payload;
    });

    scheduleJob(app, 'idempotency records purge', 3600_000, async () => {
      await db.delete(idempotencyRecord).where(lt(idempotencyRecord.createdAt, new Date(Date.now() - lifetimeMs)));
    });
  },
  { name: 'coproduce-idempotency', dependencies: ['coproduce-auth'] },
);
