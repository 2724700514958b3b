// Pure rules of the antenna: the form's answers, receipts, keys, proof of work and counters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextStep, recentMonths, validateAll, validateStep, type Draft, type StepContext } from './answers.ts';
import {
  boxWith,
  cookieKeyFrom,
  decryptFor,
  encryptFor,
  lockPrivateKey,
  newCookieKey,
  newKeyPair,
  newReceipt,
  newReference,
  newReportKey,
  normaliseReceipt,
  openBox,
  openSealed,
  publicKeyOf,
  receiptHash,
  sameHash,
  sealTo,
  sodium,
  unlockPrivateKey,
} from './antenna.crypto.ts';
import type { Redis } from 'ioredis';
import { ProofOfWork, WindowCounter, issueChallenge, memoryCounterStore, redisCounterStore, solveChallenge } from './guards.ts';
import { sniff, stripMetadata } from './files.ts';

const context: StepContext = { serviceIds: ['s1'], districtIds: ['d1'], facilityIds: ['f1'], grounds: ['age', 'language'], months: recentMonths(new Date(Date.UTC(2026, 10, 15))) };

test('months offered are the last 24, newest first', () => {
  const months = recentMonths(new Date(Date.UTC(2026, 0, 31)));
  assert.equal(months.length, 24);
  assert.equal(months[0], '2026-01');
  assert.equal(months[1], '2025-12');
  assert.equal(months[23], '2024-02');
});

test('each question accepts only its own choices and keeps what was typed on error', () => {
  assert.deepEqual(validateStep('service', { serviceId: 'unknown' }, context), { ok: true, patch: { serviceId: 'unknown' } });
  assert.equal(validateStep('service', { serviceId: 'other-territory-service' }, context).ok, false);
  const story = validateStep('story', { story: 'x'.repeat(10_001) }, context);
  assert.equal(story.ok, false);
  assert.equal(story.patch.story!.length, 10_001, 'the text is kept to show again');
  assert.equal(validateStep('when', { when: '2019-01' }, context).ok, false, 'only the offered months');
  assert.equal(validateStep('when', { when: '2026-11' }, context).ok, true);
  assert.equal(validateStep('grounds', { grounds: ['age', 'religion'] }, context).ok, false, 'only the territory’s grounds');
  assert.equal(validateStep('grounds', { grounds: 'unsure' }, context).ok, true);
  assert.equal(validateStep('contact', { mode: 'confidential' }, context).ok, false, 'confidential needs a way to contact');
  assert.equal(validateStep('contact', { mode: 'confidential', contactEmail: 'not-an-email' }, context).ok, false);
  assert.deepEqual(validateStep('contact', { mode: 'anonymous', contactEmail: 'dropped@example.org' }, context), {
    ok: true,
    patch: { mode: 'anonymous', contactName: '', contactEmail: '', contactPhone: '' },
  });
  assert.equal(validateStep('consent', { consentMethod: 'phone' }, context).ok, false, 'consent must be given');
});

test('the next question is the first one not answered; check only when all are', () => {
  const draft: Draft = { territoryId: 't', answers: {}, done: [] };
  assert.equal(nextStep(draft), 'service');
  assert.equal(nextStep({ ...draft, onBehalf: { organisationId: 'o', filedBy: 'p' } }), 'consent');
  const all = { ...draft, done: ['service', 'story', 'when', 'where', 'grounds', 'before', 'wishes', 'contact'] };
  assert.equal(nextStep(all), 'check');
  assert.equal(nextStep({ ...all, done: all.done.filter((s) => s !== 'when') }, 'story'), 'when');
  assert.ok(Object.keys(validateAll(all, context)).length > 0, 'an empty draft is not valid however it got there');
});

test('receipts: 16 digits from the CSPRNG, typed with spaces or dashes, found by a keyed hash', () => {
  const receipts = new Set(Array.from({ length: 200 }, () => newReceipt()));
  assert.equal(receipts.size, 200);
  for (const r of receipts) assert.match(r, /^[0-9]{16}$/);
  assert.equal(normaliseReceipt('1234 5678-9012 3456'), '1234567890123456');
  assert.equal(normaliseReceipt('1234 5678 9012 345'), null);
  const key = sodium.randombytes_buf(32);
  const h = receiptHash(key, '1234567890123456');
  assert.ok(sameHash(h, receiptHash(key, '1234567890123456')));
  assert.notEqual(h, receiptHash(sodium.randombytes_buf(32), '1234567890123456'), 'the hash needs the server key');
  assert.match(newReference(), /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
});

test('report keys sealed to a handler open only with that handler’s private key, unlocked by their password', () => {
  const handler = newKeyPair();
  const other = newKeyPair();
  const reportKey = newReportKey();
  const sealed = sealTo(handler.publicKey, reportKey);
  assert.deepEqual(openSealed(sealed, handler.publicKey, handler.privateKey), reportKey);
  assert.throws(() => openSealed(sealed, other.publicKey, other.privateKey));
  const locked = lockPrivateKey(handler.privateKey, 'a good password');
  assert.deepEqual(unlockPrivateKey(locked, 'a good password'), handler.privateKey);
  assert.equal(unlockPrivateKey(locked, 'a wrong password'), null);
  assert.equal(publicKeyOf(handler.privateKey), handler.publicKey);
  const cipher = encryptFor(reportKey, 'report:1:content', 'the story');
  assert.equal(decryptFor(reportKey, 'report:1:content', cipher), 'the story');
  assert.throws(() => decryptFor(reportKey, 'report:2:content', cipher), 'a ciphertext cannot be moved to another report');
});

test('cookie keys open their own row only', () => {
  const a = newCookieKey();
  const box = boxWith(a.key, 'draft');
  assert.equal(sodium.to_string(openBox(cookieKeyFrom(a.token)!.key, box)!), 'draft');
  assert.equal(openBox(newCookieKey().key, box), null);
  assert.equal(cookieKeyFrom('not a token'), null);
  assert.equal(cookieKeyFrom(a.token)!.id, a.id);
});

test('proof of work: signed, bound to a territory, expiring, single-use, with enough zero bits', async () => {
  const pow = new ProofOfWork('secret');
  const challenge = pow.issue('territory-a');
  const solution = solveChallenge(challenge);
  assert.equal(await pow.verify('territory-b', challenge, solution), false);
  assert.equal(await pow.verify('territory-a', challenge, solution), true);
  assert.equal(await pow.verify('territory-a', challenge, solution), false, 'used once');
  const forged = issueChallenge('another secret', 'territory-a');
  assert.equal(await pow.verify('territory-a', forged, solveChallenge(forged)), false);
  const old = issueChallenge('secret', 'territory-a', Date.now() - 60 * 60 * 1000);
  assert.equal(await pow.verify('territory-a', old, solveChallenge(old)), false, 'expired');
});

test('window counters block after the limit, per key, until the window ends (in memory)', async () => {
  let now = 0;
  const counter = new WindowCounter(memoryCounterStore(() => now), 'test', 2, 1000);
  assert.equal(await counter.hit('a'), true);
  now = 1;
  assert.equal(await counter.blocked('a'), false);
  assert.equal(await counter.hit('a'), true);
  now = 2;
  assert.equal(await counter.hit('a'), false);
  now = 3;
  assert.equal(await counter.blocked('a'), true);
  assert.equal(await counter.hit('b'), true);
  now = 1000;
  assert.equal(await counter.blocked('a'), false, 'a new window');
  assert.equal(await counter.hit('a'), true);
});

test('while Redis does not answer, the counters fall back to this instance’s memory', async () => {
  const failing = {
    eval: async () => Promise.reject(new Error('down')),
    get: async () => Promise.reject(new Error('down')),
    set: async () => Promise.reject(new Error('down')),
  } as unknown as Redis;
  const errors: unknown[] = [];
  const counter = new WindowCounter(redisCounterStore(failing, 'p:', memoryCounterStore(), (e) => errors.push(e)), 'test', 2, 60_000);
  assert.equal(await counter.hit('a'), true);
  assert.equal(await counter.hit('a'), true);
  assert.equal(await counter.hit('a'), false, 'still limited');
  assert.equal(await counter.blocked('a'), true);
  assert.ok(errors.length >= 4);
});

test('attachments: the type is read from the bytes; image metadata is removed', async () => {
  const sharp = (await import('sharp')).default;
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#00f' } })
    .png()
    .withMetadata({ exif: { IFD0: { Copyright: 'PNG-SECRET' } } })
    .toBuffer();
  assert.equal(sniff(png), 'image/png');
  const clean = await stripMetadata(png);
  assert.equal(clean!.type, 'image/png');
  assert.ok(!clean!.data.includes('PNG-SECRET'));
  assert.equal(sniff(Buffer.from('plain words, ünïcode')), 'text/plain');
  assert.equal(sniff(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00])), null, 'PDF (its metadata cannot be stripped here) is refused');
  assert.equal(await stripMetadata(Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01])), null, 'a broken image is refused');
});
