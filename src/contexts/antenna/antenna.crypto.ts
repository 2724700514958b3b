// The antenna's cryptography, after GlobaLeaks, with libsodium constructions only (no hand-rolled ciphers).
//
// - Each report has its own random key (XChaCha20-Poly1305 AEAD). The narrative, contact, messages,
//   notes and files are encrypted with it; the additional data binds each ciphertext to its report
//   and purpose, so a ciphertext cannot be moved to another report or field.
// - The report key is sealed (crypto_box_seal, X25519) to every authorised handler of the territory
//   and to the territory recovery key. The server keeps no unsealed copy.
// - A handler's private key is encrypted (crypto_secretbox) under crypto_pwhash (Argon2id) of their password.
// - The reporter's copy of the report key is encrypted under Argon2id (@node-rs/argon2, native, off the
//   event loop) of the 16-digit receipt with a per-report salt.
// - The receipt itself is stored as a keyed hash (crypto_generichash with a server key) so it can be
//   looked up in one indexed query. A per-report salted Argon2id hash could only be verified by trying
//   every report; the keyed hash is found directly, then compared in constant time. The receipt has
//   10^16 values (53 bits) from a CSPRNG, so guessing online is hopeless under the throttle, and an
//   offline guess needs the server key too.
import sodium from 'libsodium-wrappers-sumo';
import { hashRaw } from '@node-rs/argon2';
import { asciiDigits } from '../../platform/i18n/digits.ts';

/** @node-rs/argon2's Algorithm.Argon2id (a const enum, which this build cannot import by name). */
const argon2id = 2;

await sodium.ready;
export { sodium };

export function toB64(bytes: Uint8Array): string {
  return sodium.to_base64(bytes, sodium.base64_variants.URLSAFE_NO_PADDING);
}
export function fromB64(text: string): Uint8Array {
  return sodium.from_base64(text, sodium.base64_variants.URLSAFE_NO_PADDING);
}

export function newReportKey(): Uint8Array {
  return sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
}

/** Encrypts with the report key; the result is nonce ‖ ciphertext, base64. `purpose` binds it to its place. */
export function encryptFor(key: Uint8Array, purpose: string, plaintext: Uint8Array | string): string {
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const cipher = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, purpose, null, nonce, key);
  const out = new Uint8Array(nonce.length + cipher.length);
  out.set(nonce);
  out.set(cipher, nonce.length);
  return toB64(out);
}

export function encryptBytes(key: Uint8Array, purpose: string, plaintext: Uint8Array): Uint8Array {
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const cipher = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, purpose, null, nonce, key);
  const out = new Uint8Array(nonce.length + cipher.length);
  out.set(nonce);
  out.set(cipher, nonce.length);
  return out;
}

export function decryptBytes(key: Uint8Array, purpose: string, data: Uint8Array): Uint8Array {
  const n = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, data.subarray(n), purpose, data.subarray(0, n), key);
}

export function decryptFor(key: Uint8Array, purpose: string, text: string): string {
  return sodium.to_string(decryptBytes(key, purpose, fromB64(text)));
}

export function sealTo(publicKey: string, reportKey: Uint8Array): string {
  return toB64(sodium.crypto_box_seal(reportKey, fromB64(publicKey)));
}

export function openSealed(sealed: string, publicKey: string, privateKey: Uint8Array): Uint8Array {
  return sodium.crypto_box_seal_open(fromB64(sealed), fromB64(publicKey), privateKey);
}

export interface KeyPair {
  publicKey: string;
  privateKey: Uint8Array;
}

export function newKeyPair(): KeyPair {
  const pair = sodium.crypto_box_keypair();
  return { publicKey: toB64(pair.publicKey), privateKey: pair.privateKey };
}

/** The public key that belongs to a private key (to check a recovery key typed in by an admin). */
export function publicKeyOf(privateKey: Uint8Array): string {
  return toB64(sodium.crypto_scalarmult_base(privateKey));
}

export interface LockedPrivateKey {
  privateKeyCipher: string;
  salt: string;
  opslimit: number;
  memlimit: number;
}

/** Encrypts a handler's private key under Argon2id(password). Interactive limits: about 0.2 s, 64 MiB. */
export function lockPrivateKey(privateKey: Uint8Array, password: string): LockedPrivateKey {
  const salt = sodium.randombytes_buf(sodium.crypto_pwhash_SALTBYTES);
  const opslimit = sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE;
  const memlimit = sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE;
  const key = sodium.crypto_pwhash(sodium.crypto_secretbox_KEYBYTES, password, salt, opslimit, memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
  const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
  const cipher = sodium.crypto_secretbox_easy(privateKey, nonce, key);
  sodium.memzero(key);
  const out = new Uint8Array(nonce.length + cipher.length);
  out.set(nonce);
  out.set(cipher, nonce.length);
  return { privateKeyCipher: toB64(out), salt: toB64(salt), opslimit, memlimit };
}

/** Decrypts a handler's private key with their password; null when the password does not open it. */
export function unlockPrivateKey(locked: LockedPrivateKey, password: string): Uint8Array | null {
  const key = sodium.crypto_pwhash(sodium.crypto_secretbox_KEYBYTES, password, fromB64(locked.salt), locked.opslimit, locked.memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
  const data = fromB64(locked.privateKeyCipher);
  const n = sodium.crypto_secretbox_NONCEBYTES;
  try {
    return sodium.crypto_secretbox_open_easy(data.subarray(n), data.subarray(0, n), key);
  } catch {
    return null;
  } finally {
    sodium.memzero(key);
  }
}

/** A secret box under a 32-byte key: for drafts and unlocked-key sessions held by a cookie. */
export function boxWith(key: Uint8Array, plaintext: Uint8Array | string): string {
  const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
  const cipher = sodium.crypto_secretbox_easy(plaintext, nonce, key);
  const out = new Uint8Array(nonce.length + cipher.length);
  out.set(nonce);
  out.set(cipher, nonce.length);
  return toB64(out);
}

export function openBox(key: Uint8Array, text: string): Uint8Array | null {
  const data = fromB64(text);
  const n = sodium.crypto_secretbox_NONCEBYTES;
  if (data.length < n + sodium.crypto_secretbox_MACBYTES) return null;
  try {
    return sodium.crypto_secretbox_open_easy(data.subarray(n), data.subarray(0, n), key);
  } catch {
    return null;
  }
}

/** A random key for a cookie, and the id of the row it opens (a one-way hash of the key). */
export function newCookieKey(): { token: string; key: Uint8Array; id: string } {
  const key = sodium.crypto_secretbox_keygen();
  return { token: toB64(key), key, id: cookieRowId(key) };
}

export function cookieKeyFrom(token: string | undefined): { key: Uint8Array; id: string } | null {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const key = fromB64(token);
  if (key.length !== sodium.crypto_secretbox_KEYBYTES) return null;
  return { key, id: cookieRowId(key) };
}

function cookieRowId(key: Uint8Array): string {
  return toB64(sodium.crypto_generichash(32, key, sodium.from_string('coproduce-antenna-cookie-row')));
}

/** 16 decimal digits, each from the CSPRNG without modulo bias. */
export function newReceipt(): string {
  let digits = '';
  for (let i = 0; i < 16; i++) digits += String(sodium.randombytes_uniform(10));
  return digits;
}

/** What people may type: spaces and dashes are ignored. */
export function normaliseReceipt(input: string): string | null {
  // Digits of any script (Urdu ۰۱۲, Arabic ٠١٢, full-width…), spaces, dashes and direction marks allowed.
  const digits = asciiDigits(input).replace(/[\s\-\u2010-\u2015\u200e\u200f\u2066-\u2069]/g, '');
  return /^[0-9]{16}$/.test(digits) ? digits : null;
}

export function receiptHash(serverKey: Uint8Array, receipt: string): string {
  return toB64(sodium.crypto_generichash(32, receipt, serverKey));
}

export function sameHash(a: string, b: string): boolean {
  const x = fromB64(a);
  const y = fromB64(b);
  return x.length === y.length && sodium.memcmp(x, y);
}

/** The key that encrypts the reporter's copy of the report key, from the receipt (Argon2id, native). */
export async function receiptKey(receipt: string, salt: Uint8Array): Promise<Uint8Array> {
  const raw = await hashRaw(receipt, { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32, salt: Buffer.from(salt) });
  return new Uint8Array(raw);
}

export function newSalt(): Uint8Array {
  return sodium.randombytes_buf(16);
}

/** A short case reference for staff, from the CSPRNG, in an alphabet without look-alike characters. */
export function newReference(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
  let out = '';
  for (let i = 0; i < 8; i++) out += alphabet[sodium.randombytes_uniform(alphabet.length)];
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}
