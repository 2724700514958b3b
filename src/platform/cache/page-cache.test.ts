import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import v8 from 'node:v8';
import { brotliDecompressSync } from 'node:zlib';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import compress from '@fastify/compress';
import { Redis } from 'ioredis';
import { pageCachePlugin, acceptedEncoding, notModified } from './page-cache.ts';
import { publish } from '../events.ts';
import { redisReachable, testRedisUrl } from '../../../test/support/redis.ts';

/** A tiny app with the page cache in front of compression, as in app.ts; its pages say how often they were rendered. */
async function appWith(redis: Redis | null, maxAgeMs?: number, maxBytes?: number) {
  const app = Fastify();
  const renders = { count: 0, news: 'first' };
  app.decorateRequest('actor', null);
  app.decorateRequest('viewer', null);
  // Stands for the identity hook: a "session" header signs the request in.
  app.addHook('onRequest', async (request) => {
    if (request.headers['x-person']) (request as unknown as { actor: unknown }).actor = { personId: String(request.headers['x-person']) };
  });
  // Stands for the layout: a signed-in person's header part is put into the page cached for nobody.
  const personalise = (request: FastifyRequest, _reply: unknown, body: string) =>
    body.replace(/<nav>.*?<\/nav>/, `<nav>${(request as unknown as { actor: { personId: string } }).actor.personId}</nav>`);
  await app.register(pageCachePlugin, { redis, maxAgeMs, maxBytes, personalise });
  await app.register(compress, { threshold: 10, encodings: ['br', 'gzip'] });
  const page = (who = 'sign in') => `<nav>${who}</nav><p>${renders.news} ${'words '.repeat(200)}</p>`;
  const actorOf = (request: FastifyRequest) => (request as unknown as { actor: { personId: string } | null }).actor;
  app.get('/news', { config: { cache: 'public' } }, async (request, reply) => {
    renders.count += 1;
    return reply.type('text/html').send(page(actorOf(request)?.personId));
  });
  app.get('/members', { config: { cache: 'anonymous' } }, async (request, reply) => {
    renders.count += 1;
    const who = actorOf(request);
    return reply.type('text/html').send(who ? `<p>Hello ${who.personId}</p>` : page());
  });
  app.get('/with-cookie', { config: { cache: 'public' } }, async (_request, reply) => {
    renders.count += 1;
    return reply.header('set-cookie', 'a=b').type('text/html').send(page());
  });
  app.get('/with-token', { config: { cache: 'public' } }, async (_request, reply) => {
    renders.count += 1;
    reply.personal = true;
    return reply.type('text/html').send(page());
  });
  // Many pages of one route, each of about 2 KB.
  app.get('/pages/:n', { config: { cache: 'public' } }, async (request, reply) => {
    renders.count += 1;
    return reply.type('text/html').send(`<h1>${(request.params as { n: string }).n}</h1>${'<p>a line of the page</p>'.repeat(80)}`);
  });
  app.get('/uncached', async (_request, reply) => {
    renders.count += 1;
    return reply.type('text/html').send(page());
  });
  app.post('/news', async () => {
    renders.news = 'second';
    return { ok: true };
  });
  app.post('/sign-in', { config: { invalidates: false } }, async () => ({ ok: true }));
  await app.ready();
  return { app, renders };
}

const get = (app: FastifyInstance, url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

test('a public page is rendered once, then served from memory, compressed as the client accepts', async () => {
  const { app, renders } = await appWith(null);
  const first = await get(app, '/news', { 'accept-encoding': 'br' });
  assert.equal(first.headers['x-cache'], 'miss');
  const second = await get(app, '/news', { 'accept-encoding': 'br' });
  assert.equal(second.headers['x-cache'], 'hit');
  assert.equal(second.headers['content-encoding'], 'br');
  assert.equal(brotliDecompressSync(second.rawPayload).toString(), (await get(app, '/news')).body);
  assert.equal(renders.count, 1);
  assert.equal(second.headers.etag, first.headers.etag);
  const notModified = await get(app, '/news', { 'if-none-match': String(first.headers.etag) });
  assert.equal(notModified.statusCode, 304);
  assert.equal(notModified.body, '');
  await app.close();
});

test('any write drops the cached pages before its answer is sent; a write that changes no public page does not', async () => {
  const { app, renders } = await appWith(null);
  await get(app, '/news');
  await app.inject({ method: 'POST', url: '/sign-in' });
  assert.equal((await get(app, '/news')).headers['x-cache'], 'hit');
  await app.inject({ method: 'POST', url: '/news' });
  const after = await get(app, '/news');
  assert.equal(after.headers['x-cache'], 'miss');
  assert.match(after.body, /second/);
  assert.equal(renders.count, 2);
  await app.close();
});

test('a signed-in person gets the public page with their own header; pages that hold their actions are theirs', async () => {
  const { app, renders } = await appWith(null);
  const anonymous = await get(app, '/news');
  const ana = await get(app, '/news', { 'x-person': 'ana' });
  const ben = await get(app, '/news', { 'x-person': 'ben' });
  assert.equal(renders.count, 1, 'both are served from the page rendered for nobody');
  assert.equal(ana.headers['x-cache'], 'hit-personal');
  assert.equal(ana.headers['cache-control'], 'private, no-cache');
  assert.equal(ana.headers.etag, undefined, 'no validator shared with other people');
  assert.match(ana.body, /^<nav>ana<\/nav>/);
  assert.match(ben.body, /^<nav>ben<\/nav>/);
  assert.doesNotMatch(ben.body, /ana/);
  assert.equal(ana.body.replace('<nav>ana</nav>', ''), anonymous.body.replace('<nav>sign in</nav>', ''));
  assert.equal((await get(app, '/news')).body, anonymous.body, 'and the shared copy keeps nobody\'s header');

  await get(app, '/members');
  assert.equal((await get(app, '/members', { 'x-person': 'ana' })).body, '<p>Hello ana</p>');
  assert.equal((await get(app, '/members', { 'x-person': 'ben' })).body, '<p>Hello ben</p>');
  assert.equal((await get(app, '/members')).headers['x-cache'], 'hit');
  assert.equal(renders.count, 1 + 3);
  await app.close();
});

test('pages that set a cookie or hold a token, and routes that did not opt in, are never cached', async () => {
  const { app, renders } = await appWith(null);
  for (const url of ['/with-cookie', '/with-token', '/uncached']) {
    await get(app, url);
    assert.notEqual((await get(app, url)).headers['x-cache'], 'hit', url);
  }
  assert.equal(renders.count, 6);
  await app.close();
});

test('Last-Modified and If-Modified-Since answer 304; an ETag that does not match does not', async () => {
  const { app } = await appWith(null);
  const first = await get(app, '/news');
  const lastModified = String(first.headers['last-modified']);
  assert.ok(Date.parse(lastModified) <= Date.now());
  assert.equal((await get(app, '/news', { 'if-modified-since': lastModified })).statusCode, 304);
  assert.equal((await get(app, '/news', { 'if-modified-since': new Date(Date.parse(lastModified) - 1000).toUTCString() })).statusCode, 200);
  assert.equal((await get(app, '/news', { 'if-none-match': '"other"', 'if-modified-since': lastModified })).statusCode, 200, 'the ETag decides when there is one');
  assert.equal(notModified({ 'if-none-match': `"a", ${first.headers.etag}` }, String(first.headers.etag), Date.now()), true);
  await app.close();
});

test('a page is rendered again after its maximum age even without a write', async () => {
  const { app } = await appWith(null, 0);
  await get(app, '/news');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal((await get(app, '/news')).headers['x-cache'], 'miss');
  await app.close();
});

test('a URL with a query string is kept from its second request: searches nobody repeats do not push out the pages people come back to', async () => {
  const { app, renders } = await appWith(null, undefined, 32 * 1024);
  await get(app, '/news');
  for (let n = 0; n < 200; n++) assert.equal((await get(app, `/news?q=${n}`)).headers['x-cache'], 'miss');
  assert.equal((await get(app, '/news')).headers['x-cache'], 'hit');
  assert.equal(renders.count, 201);

  assert.equal((await get(app, '/news?q=repeated')).headers['x-cache'], 'miss');
  assert.equal((await get(app, '/news?q=repeated')).headers['x-cache'], 'miss', 'kept now, from its second request');
  assert.equal((await get(app, '/news?q=repeated')).headers['x-cache'], 'hit');
  await app.close();
});

/**
 * The bytes of buffers alive once garbage is collected: collected again, a turn of the event loop apart (streams and
 * sockets let go of theirs in callbacks), until the figure has not fallen three times running.
 */
async function liveBufferBytes(): Promise<number> {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  let least = Number.POSITIVE_INFINITY;
  for (let unchanged = 0; unchanged < 3; ) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const now = process.memoryUsage().arrayBuffers;
    unchanged = now < least ? 0 : unchanged + 1;
    least = Math.min(least, now);
  }
  return least;
}

test('the cache holds about the bytes it counts, not the shared memory slabs its bodies were cut from', async () => {
  const maxBytes = 1024 * 1024;
  const { app } = await appWith(null, undefined, maxBytes);
  const before = await liveBufferBytes();
  // Five times what it may keep, each page compressed too, as browsers ask for it.
  for (let n = 0; n < 5 * 2 * 512; n++) {
    await get(app, `/pages/${n}`);
    await get(app, `/pages/${n}`, { 'accept-encoding': 'br' });
  }
  const held = (await liveBufferBytes()) - before;
  assert.ok(held < 1.5 * maxBytes, `the cache of at most ${maxBytes} bytes holds ${held} bytes of buffers`);
  await app.close();
});

test('accepted encodings follow the q-values', () => {
  assert.equal(acceptedEncoding('gzip, deflate, br'), 'br');
  assert.equal(acceptedEncoding('br;q=0, gzip'), 'gzip');
  assert.equal(acceptedEncoding(undefined), 'identity');
  assert.equal(acceptedEncoding('deflate'), 'identity');
});

test('with Redis, a write on one instance drops the page on the other', async (t) => {
  if (!(await redisReachable())) return t.skip('no Redis here');
  const [r1, r2] = [new Redis(testRedisUrl), new Redis(testRedisUrl)];
  const one = await appWith(r1);
  const two = await appWith(r2);
  await get(two.app, '/news');
  assert.equal((await get(two.app, '/news')).headers['x-cache'], 'hit');
  await one.app.inject({ method: 'POST', url: '/news' });
  assert.equal((await get(two.app, '/news')).headers['x-cache'], 'miss');
  // One instance renders a page; the other takes that copy from Redis instead of rendering it again.
  const before = one.renders.count + two.renders.count;
  await get(one.app, '/pages/shared');
  const shared = await get(two.app, '/pages/shared');
  assert.equal(shared.headers['x-cache'], 'hit');
  assert.equal(one.renders.count + two.renders.count, before + 1);
  await Promise.all([one.app.close(), two.app.close()]);
  r1.disconnect();
  r2.disconnect();
});

test('a domain event that changes a public page drops the cached pages, as jobs and imports publish them outside any request', async () => {
  const { app } = await appWith(null);
  await get(app, '/news');
  assert.equal((await get(app, '/news')).headers['x-cache'], 'hit');
  await publish(null as never, 'public.changed', { territoryId: null, what: 'plan' });
  assert.equal((await get(app, '/news')).headers['x-cache'], 'miss');
  await app.close();
});
