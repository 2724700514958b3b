// The access log's signing key (Ed25519, libsodium): kept outside the database, in an environment
// variable or a file only the operator reads, so whoever controls the database cannot sign a head.
import fs from 'node:fs';
import path from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import type { Config } from '../../config.ts';

await sodium.ready;

export interface Signer {
  /** base64url */
  publicKey: string;
  /** A detached signature, base64url. */
  sign(message: string): string;
}

const b64 = (bytes: Uint8Array) => sodium.to_base64(bytes, sodium.base64_variants.URLSAFE_NO_PADDING);
const unb64 = (text: string) => sodium.from_base64(text, sodium.base64_variants.URLSAFE_NO_PADDING);

export function signerFromSeed(seed: Uint8Array): Signer {
  if (seed.length !== sodium.crypto_sign_SEEDBYTES) throw new Error('The access log signing key must be a 32-byte seed (base64url)');
  const pair = sodium.crypto_sign_seed_keypair(seed);
  return {
    publicKey: b64(pair.publicKey),
    sign: (message) => b64(sodium.crypto_sign_detached(sodium.from_string(message), pair.privateKey)),
  };
}

export function verifySignature(publicKey: string, message: string, signature: string): boolean {
  try {
    return sodium.crypto_sign_verify_detached(unb64(signature), sodium.from_string(message), unb64(publicKey));
  } catch {
    return false;
  }
}

export function newSeed(): string {
  return b64(sodium.randombytes_buf(sodium.crypto_sign_SEEDBYTES));
}

/** The configured key; a missing key file is made (mode 0600) when `create` is true (the server), never by the verifier. */
export function loadSigner(config: Pick<Config, 'accessLogKey'>, options: { create: boolean }): Signer {
  const key = config.accessLogKey;
  if (key.kind === 'seed') return signerFromSeed(unb64(key.seed));
  if (!fs.existsSync(key.path)) {
    if (!options.create) throw new Error(`No access log signing key at ${key.path} (set ACCESS_LOG_KEY_FILE or ACCESS_LOG_SIGNING_KEY)`);
    fs.mkdirSync(path.dirname(key.path), { recursive: true });
    // Written aside, then linked into place: another process starting at once sees a whole key or none.
    const aside = `${key.path}.${process.pid}.tmp`;
    fs.writeFileSync(aside, `${newSeed()}\n`, { mode: 0o600 });
    try {
      fs.linkSync(aside, key.path);
    } catch (error) {
      // Another process made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(aside, { force: true });
    }
  }
  return signerFromSeed(unb64(fs.readFileSync(key.path, 'utf8').trim()));
}

/** What a head's signature covers. */
export function headMessage(chain: string, seq: number, hash: string): string {
  return `coproduce access-log head v1\n${chain}\n${seq}\n${hash}`;
}
