// Password rules (NIST SP 800-63B): at least 12 characters, no composition rules, not a common or
// breached password from the shipped list. Hashes are Argon2id (@node-rs/argon2).
import fs from 'node:fs';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';

export const minimumPasswordLength = 12;
const maximumPasswordLength = 200;

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(path.join(import.meta.dirname, 'common-passwords.txt'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#')),
  );
  return common;
}

/** The message key of what is wrong with a new password, or null. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  const length = [...password].length;
  if (length === 0) return 'identity.validation.passwordRequired';
  if (length < minimumPasswordLength) return 'identity.validation.passwordTooShort';
  if (length > maximumPasswordLength) return 'identity.validation.passwordTooLong';
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return 'identity.validation.passwordCommon';
  if (context.email && lower === context.email.toLowerCase()) return 'identity.validation.passwordCommon';
  if (context.name && lower === context.name.toLowerCase()) return 'identity.validation.passwordCommon';
  return null;
}

// Argon2id is @node-rs/argon2's default algorithm (its const enum cannot be imported under verbatimModuleSyntax).
const options = { algorithm: 2 as const };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/** Spends the same time as a real check when there is no account, so timing does not tell who has one. */
export async function verifyAgainstNothing(password: string): Promise<void> {
  dummy ??= hashPassword('not a real password, only for timing');
  await verifyPassword(await dummy, password);
}
