// Consents (terms, being contacted, research use of anonymised data), each recorded with the version
// of the text the person saw and when. Other contexts call recordConsent / consentsOf.
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { consent } from './identity.schema.ts';

export type ConsentKind = 'terms' | 'contact' | 'research';
export const consentKinds: readonly ConsentKind[] = ['terms', 'contact', 'research'];

/** The version of each consent text in the catalogues (identity.consent.<kind>.text); bump it when the text changes. */
export const consentTextVersion: Record<ConsentKind, string> = { terms: '2026-11-27', contact: '2026-11-27', research: '2026-11-27' };

export interface ConsentState {
  kind: ConsentKind;
  given: boolean;
  textVersion: string;
  recordedAt: Date;
}

/** Records that a person gave (or withdrew) a consent to a version of its text. History is kept. */
export async function recordConsent(db: Db, personId: string, kind: ConsentKind, textVersion: string, given: boolean): Promise<void> {
  await db.insert(consent).values({ personId, kind, textVersion, given });
}

/** The latest decision on each kind of consent (kinds never asked are absent). */
export async function consentsOf(db: Db, personId: string): Promise<ConsentState[]> {
  const rows = await db.select().from(consent).where(eq(consent.personId, personId)).orderBy(desc(consent.recordedAt), desc(consent.id));
  const latest = new Map<ConsentKind, ConsentState>();
  for (const r of rows) if (!latest.has(r.kind)) latest.set(r.kind, { kind: r.kind, given: r.given, textVersion: r.textVersion, recordedAt: r.recordedAt });
  return consentKinds.flatMap((k) => (latest.has(k) ? [latest.get(k)!] : []));
}

export async function consentHistory(db: Db, personId: string) {
  return db.select().from(consent).where(and(eq(consent.personId, personId))).orderBy(desc(consent.recordedAt));
}
