// Pages and JSON that are the same for every visitor, rendered once per URL (so once per locale) and served
// from memory, and from Redis when there is one (shared by instances), until anything changes.
// A route opts in with `config: { cache: 'public' }` (the body is the same for everyone: a signed-in person
// gets the cached body with only their header rendered for them) or `cache: 'anonymous'` (the body holds a
// signed-in person's own actions, so only visitors who are not signed in are served from it). Only bodies that
// set no cookie and hold no CSRF token are kept. Invalidation is coarse and safe: every state-changing request
// (POST, PUT, PATCH, DELETE) bumps one version before its answer is sent, and so does every domain event that
// changes a public page (jobs and imports publish them outside any request); the version is shared through Redis
// when there is one, so no instance serves a page older than the last write. A route whose writes change no
// public page (sign-in, a report's steps, a case's triage) says `invalidates: false`.
// A URL with a query string (a search, a filter) is kept from its second request only: one nobody repeats would
// otherwise take the room of the pages people come back to.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { onPublished, type EventName } from '../events.ts';

/** Domain events after which some public page shows something else. */
const publicEvents = new Set<EventName>([
  'agreement.adhesion.decided',
  'agreement.challenge.supported',
  'agreement.networkRequest.answered',
  'audits.finding.changed',
  'diagnosis.published',
  'public.changed',
]);

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * 'public': the answer is the same for every visitor; a signed-in person gets it with their own header.
     * 'anonymous': the same for every visitor who is not signed in (signed-in people see their own actions on it).
     */
    cache?: 'public' | 'anonymous';
    /** false on a state-changing route that changes no public page (sign-in, a report's steps). */
    invalidates?: boolean;
  }
  interface FastifyReply {
    /** Set when the body holds something of this visitor's (a CSRF token): never kept in the page cache. */
    personal: boolean;
  }
  interface FastifyInstance {
    /** Drops every cached public page on every instance (jobs and imports that change public data). */
    invalidatePublicPages(): Promise<void>;
  }
}

export interface PageCacheOptions {
  redis: Redis | null;
  /** Upper bound on the bytes kept (bodies and their compressed forms). */
  maxBytes?: number;
  /** A page is rendered again after this long even if nothing was written (pages that show the time). */
  maxAgeMs?: number;
  /**
   * For a signed-in visitor of a 'public' page: the cached body with their own header part put in (their name,
   * their desk, their sign-out form). Without it, signed-in visitors are never served from the cache.
   */
  personalise?: (request: FastifyRequest, reply: FastifyReply, body: string) => string;
}

/** Whether a page is kept in the cache and how (what the body is the same for). */
export type CachePolicy = 'public' | 'anonymous';

interface Entry {
  version: number;
  at: number;
  etag: string;
  headers: Record<string, string>;
  identity: Buffer;
  /** Compressed on first use: a page read once (a search nobody repeats) costs no compression. */
  br?: Buffer;
  gzip?: Buffer;
  /** The body as text, made on the first signed-in visit (whose header is put into it). */
  text?: string;
}

/** What an entry holds in memory: its bodies, and its key and headers (a long query string is not free). */
const sizeOf = (url: string, entry: Entry) =>
  url.length + entry.etag.length + JSON.stringify(entry.headers).length + entry.identity.length + (entry.br?.length ?? 0) + (entry.gzip?.length ?? 0) + (entry.text?.length ?? 0) * 2;

/**
 * A copy in memory of its own. Buffer.from, zlib and sockets hand out slices of a shared slab (64 KB since Node 24):
 * a kept slice would keep the whole slab alive, so the cache would hold many times the bytes it counts.
 */
function ownCopy(body: string | Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(Buffer.byteLength(body));
  if (typeof body === 'string') copy.write(body);
  else body.copy(copy);
  return copy;
}

/**
 * A kept page is compressed once, as small as it gets; a personal page on every request, at a setting that costs
 * about 70 µs for a 9 kB page (brotli quality 4; quality 1 above 32 kB, where 4 would take most of a millisecond).
 */
function compress(body: Buffer, encoding: 'br' | 'gzip', effort: 'small' | 'quick'): Buffer {
  if (encoding === 'gzip') return gzipSync(body, { level: effort === 'small' ? 9 : 6 });
  const quality = effort === 'small' ? 9 : body.length > 32 * 1024 ? 1 : 4;
  return brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
}

/** How many URLs with a query string asked for once are remembered, to keep the second time they are asked for. */
const seenOnceLimit = 10_000;

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const keptHeaders = ['content-type', 'content-language', 'vary', 'link', 'content-disposition'];
const versionKey = 'coproduce-cache:version';
const pageKey = (version: number, url: string) => `coproduce-cache:page:${version}:${url}`;

/** An HTTP date has whole seconds: an entry made at 12:00:00.700 was last modified at 12:00:00. */
const httpDate = (at: number) => new Date(Math.floor(at / 1000) * 1000).toUTCString();

/** Whether a conditional GET may be answered 304: the ETag first (RFC 9110 13.2.2), else the date. */
export function notModified(headers: FastifyRequest['headers'], etag: string, at: number): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) return ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*');
  const since = Date.parse(String(headers['if-modified-since'] ?? ''));
  return Number.isFinite(since) && Math.floor(at / 1000) * 1000 <= since;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The cache version read before the page was rendered; the entry is filed under it. */
    pageCacheVersion: number | null;
  }
}

/** 'br', 'gzip' or 'identity', as the client accepts (q-values of 0 refuse). */
export function acceptedEncoding(header: string | undefined): 'br' | 'gzip' | 'identity' {
  if (!header) return 'identity';
  const accepted = new Set(
    header
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, '')) > 0)
      .map(([name]) => name!.trim().toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return 'identity';
}

export const pageCachePlugin = fp<PageCacheOptions>(
  async (app: FastifyInstance, options) => {
    const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    const maxAgeMs = options.maxAgeMs ?? 60_000;
    const redis = options.redis;
    const entries = new Map<string, Entry>();
    let bytes = 0;
    let localVersion = 0;

    // Digests of URLs with a query string asked for once (oldest first): a fixed size whatever the URLs' length.
    const seenOnce = new Set<string>();

    const drop = (key: string) => {
      const entry = entries.get(key);
      if (!entry) return;
      bytes -= sizeOf(key, entry);
      entries.delete(key);
    };
    /** Whether a page rendered for this URL is worth keeping: always without a query string, else when asked for again. */
    const askedBefore = (url: string) => {
      if (!url.includes('?')) return true;
      const digest = createHash('sha256').update(url).digest('base64url').slice(0, 22);
      if (seenOnce.delete(digest)) return true;
      if (seenOnce.size >= seenOnceLimit) seenOnce.delete(seenOnce.values().next().value!);
      seenOnce.add(digest);
      return false;
    };
    /** Adds a form of the body to an entry (compressed, as text), counting its bytes if the entry is still kept. */
    const grow = (key: string, entry: Entry, add: (entry: Entry) => void) => {
      const before = sizeOf(key, entry);
      add(entry);
      if (entries.get(key) === entry) bytes += sizeOf(key, entry) - before;
    };
    const keep = (key: string, entry: Entry) => {
      const size = sizeOf(key, entry);
      if (size * 2 > maxBytes / 8) return;
      drop(key);
      while (bytes + size > maxBytes && entries.size > 0) drop(entries.keys().next().value!);
      entries.set(key, entry);
      bytes += size;
    };
    // Redis down: answer as if everything changed (render afresh) rather than risk a stale page.
    const currentVersion = async (): Promise<number | null> => {
      if (!redis) return localVersion;
      try {
        return Number((await redis.get(versionKey)) ?? 0);
      } catch {
        return null;
      }
    };
    const bump = async () => {
      localVersion += 1;
      entries.clear();
      bytes = 0;
      if (redis) await redis.incr(versionKey).catch(() => undefined);
    };
    // Another instance rendered it under the current version: take its copy rather than render it again.
    const fromRedis = async (url: string, version: number): Promise<Entry | null> => {
      if (!redis) return null;
      try {
        const [meta, identity] = (await redis.multi().get(pageKey(version, url)).getBuffer(`${pageKey(version, url)}:identity`).exec()) ?? [];
        if (!meta?.[1] || !identity?.[1]) return null;
        const { at, etag, headers } = JSON.parse(String(meta[1])) as Pick<Entry, 'at' | 'etag' | 'headers'>;
        return { version, at, etag, headers, identity: ownCopy(identity[1] as Buffer) };
      } catch {
        return null;
      }
    };
    const toRedis = async (url: string, entry: Entry) => {
      if (!redis) return;
      const key = pageKey(entry.version, url);
      const seconds = Math.max(1, Math.ceil(maxAgeMs / 1000));
      await redis
        .multi()
        .set(key, JSON.stringify({ at: entry.at, etag: entry.etag, headers: entry.headers }), 'EX', seconds)
        .set(`${key}:identity`, entry.identity, 'EX', seconds)
        .exec()
        .catch(() => undefined);
    };

    app.decorate('invalidatePublicPages', bump);
    app.decorateReply('personal', false);
    app.decorateRequest('pageCacheVersion', null);
    // Domain events that change public pages bump the version too: jobs and imports publish them outside any request.
    // (A request's own write bumps again once its transaction is over, in onSend below.)
    const stopListening = onPublished((name) => {
      if (publicEvents.has(name)) void bump();
    });
    app.addHook('onClose', async () => stopListening());

    const policy = (request: FastifyRequest): CachePolicy | undefined => (request.method === 'GET' ? request.routeOptions.config?.cache : undefined);
    const signedIn = (request: FastifyRequest) => request.actor !== null || request.viewer !== null;
    /** Served from (and kept in) the cache as it is. */
    const cacheable = (request: FastifyRequest) => policy(request) !== undefined && !signedIn(request) && !request.formReplay;
    /** A signed-in person on a page that is the same for everyone: the cached body with their own header. */
    const personalised = (request: FastifyRequest) => policy(request) === 'public' && signedIn(request) && options.personalise !== undefined && !request.formReplay;

    app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
      const personal = personalised(request);
      if (!cacheable(request) && !personal) return;
      const version = await currentVersion();
      if (version === null) return;
      if (!personal) request.pageCacheVersion = version;
      let entry = entries.get(request.url);
      if (entry && (entry.version !== version || Date.now() - entry.at > maxAgeMs)) {
        drop(request.url);
        entry = undefined;
      }
      if (!entry) {
        const shared = await fromRedis(request.url, version);
        if (!shared || Date.now() - shared.at > maxAgeMs) return;
        keep(request.url, shared);
        entry = shared;
      }
      // Most recently used last, so the oldest is dropped first when full.
      entries.delete(request.url);
      entries.set(request.url, entry);
      for (const [name, value] of Object.entries(entry.headers)) reply.header(name, value);
      if (personal) {
        // Theirs alone: kept by no cache. Compressed here at once, at a quick setting: the compression plugin's
        // streams took a fifth of the server's time for each signed-in visitor's page.
        reply.header('Cache-Control', 'private, no-cache').header('X-Cache', 'hit-personal').header('Vary', 'Accept-Encoding');
        if (entry.text === undefined) grow(request.url, entry, (e) => (e.text = e.identity.toString()));
        const text = entry.text!;
        const body = options.personalise!(request, reply, text);
        const encoding = acceptedEncoding(request.headers['accept-encoding']);
        if (encoding === 'identity' || body.length < 1024) return reply.send(body);
        return reply.header('Content-Encoding', encoding).send(compress(Buffer.from(body), encoding, 'quick'));
      }
      reply.header('ETag', entry.etag).header('Last-Modified', httpDate(entry.at)).header('Cache-Control', 'no-cache').header('X-Cache', 'hit');
      reply.header('Vary', entry.headers.vary ? `${entry.headers.vary}, Accept-Encoding` : 'Accept-Encoding');
      if (notModified(request.headers, entry.etag, entry.at)) return reply.code(304).send();
      const encoding = acceptedEncoding(request.headers['accept-encoding']);
      if (encoding === 'identity') return reply.send(entry.identity);
      if (!entry[encoding]) grow(request.url, entry, (e) => (e[encoding] = ownCopy(compress(e.identity, encoding, 'small'))));
      return reply.header('Content-Encoding', encoding).send(entry[encoding]);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if (unsafeMethods.has(request.method)) {
        if (request.routeOptions.config?.invalidates !== false) await bump();
        return payload;
      }
      const version = request.pageCacheVersion;
      if (version === null || reply.getHeader('x-cache') === 'hit' || !cacheable(request)) return payload;
      if (reply.statusCode !== 200 || reply.personal || reply.hasHeader('set-cookie') || reply.hasHeader('content-encoding')) return payload;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      const identity = ownCopy(payload);
      const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
      const headers: Record<string, string> = {};
      for (const name of keptHeaders) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      const entry: Entry = {
        version,
        at: Date.now(),
        etag,
        headers,
        identity,
      };
      // A write that happened while this page was rendered makes it stale at once; keep it only if current.
      if ((await currentVersion()) === version && askedBefore(request.url)) {
        keep(request.url, entry);
        await toRedis(request.url, entry);
      }
      reply.header('ETag', etag).header('Last-Modified', httpDate(entry.at)).header('Cache-Control', 'no-cache').header('X-Cache', 'miss');
      if (notModified(request.headers, etag, entry.at)) {
        reply.code(304);
        return '';
      }
      return payload;
    });
  },
  { name: 'coproduce-page-cache' },
);
