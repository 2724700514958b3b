// Time-based one-time passwords (RFC 6238, otpauth), the secret encrypted at rest with libsodium's
// secretbox under the installation's 'totp-key', and the QR code drawn on the server as SVG.
import sodium from 'libsodium-wrappers-sumo';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Db } from '../../platform/db/client.ts';
import { getOrCreateSecret } from '../../platform/crypto/secrets.ts';
import { asciiDigits } from '../../platform/i18n/digits.ts';

const period = 30;

async function key(db: Db): Promise<Uint8Array> {
  await sodium.ready;
  return sodium.from_base64(await getOrCreateSecret(db, 'totp-key'), sodium.base64_variants.URLSAFE_NO_PADDING);
}

export async function encryptSecret(db: Db, base32: string): Promise<string> {
  const k = await key(db);
  const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
  const box = sodium.crypto_secretbox_easy(sodium.from_string(base32), nonce, k);
  const joined = new Uint8Array(nonce.length + box.length);
  joined.set(nonce);
  joined.set(box, nonce.length);
  return sodium.to_base64(joined, sodium.base64_variants.URLSAFE_NO_PADDING);
}

export async function decryptSecret(db: Db, stored: string): Promise<string> {
  const k = await key(db);
  const joined = sodium.from_base64(stored, sodium.base64_variants.URLSAFE_NO_PADDING);
  const nonce = joined.slice(0, sodium.crypto_secretbox_NONCEBYTES);
  return sodium.to_string(sodium.crypto_secretbox_open_easy(joined.slice(sodium.crypto_secretbox_NONCEBYTES), nonce, k));
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(base32: string, label = 'Coproduce'): TOTP {
  return new TOTP({ issuer: 'Coproduce', label, algorithm: 'SHA1', digits: 6, period, secret: Secret.fromBase32(base32) });
}

export function totpUri(base32: string, email: string): string {
  return totp(base32, email).toString();
}

/** The time step a code belongs to, or null when it is wrong (one step of clock drift allowed). */
export function matchTotp(base32: string, code: string, now = Date.now()): number | null {
  const token = asciiDigits(code).replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(base32).validate({ token, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 1000 / period) + delta;
}

export function currentTotp(base32: string, now = Date.now()): string {
  return totp(base32).generate({ timestamp: now });
}

/** An SVG QR code with attributes only (no style attribute), so it passes a strict CSP. */
export async function qrSvg(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return svg.replace('<svg ', '<svg class="qr-code__svg" aria-hidden="true" focusable="false" ');
}

/** The secret in groups of four, easier to type by hand. */
export function groupSecret(base32: string): string {
  return base32.replace(/(.{4})/g, '$1 ').trim();
}
