// The agreed text of a framework as a PDF: its printable page rendered by Chromium once per version and reading
// language, stored, and served from the store afterwards. Who may read it is decided by whoever loads the version
// (the same rule as the printable page); this file only keeps the rendering to once.
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { renderPdfOnce } from '../../platform/pdf/pdf.ts';
import { frameworkVersionPdf } from './frameworks.schema.ts';
import type { Endorsement } from './consultation.service.ts';
import type { FrameworkVersion } from './framework.service.ts';

/** A fingerprint of what can still change on an agreed version's page: who endorses it, and the network's name. */
export function printDigest(endorsements: Pick<Endorsement, 'organisationId' | 'organisationName' | 'endorsedAt' | 'withdrawnAt'>[], networkName: string): string {
  const active = endorsements
    .filter((e) => !e.withdrawnAt)
    .map((e) => [e.organisationId, e.organisationName, e.endorsedAt.toISOString()])
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
  return createHash('sha256').update(JSON.stringify({ active, networkName })).digest('hex');
}

/** A file name from the framework's title: Latin letters without accents, digits and hyphens only. */
export function pdfFileName(title: string, versionNumber: number, locale: string): string {
  const stem =
    title
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '') || 'framework';
  return `${stem}-v${versionNumber}-${locale.replace(/[^a-z-]/gi, '')}.pdf`;
}

/** The stored PDF of an agreed version in this language, or one rendered now (once, even for requests at the same time) and stored. */
export async function agreedTextPdf(db: Db, version: Pick<FrameworkVersion, 'id'>, locale: string, digest: string, render: () => { html: string; path: string }): Promise<Buffer> {
  const [stored] = await db.select().from(frameworkVersionPdf).where(and(eq(frameworkVersionPdf.versionId, version.id), eq(frameworkVersionPdf.locale, locale)));
  if (stored && stored.digest === digest) return stored.pdf;
  return renderPdfOnce(`framework-version|${version.id}|${locale}|${digest}`, render, (pdf) =>
    db
      .insert(frameworkVersionPdf)
      .values({ versionId: version.id, locale, digest, pdf })
      .onConflictDoUpdate({ target: [frameworkVersionPdf.versionId, frameworkVersionPdf.locale], set: { digest, pdf, createdAt: new Date() } }),
  );
}
