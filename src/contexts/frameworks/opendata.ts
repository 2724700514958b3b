// Open data and the API's reading of frameworks: every version out of draft (drafts are never public) with its
// counts, and every endorsement (withdrawn ones keep their date). Names of people are never in it.
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { listNetworks } from '../agreement/networks/network.service.ts';
import { pick } from '../../platform/i18n/translations.ts';
import { framework, frameworkAmendment, frameworkComment, frameworkEndorsement, frameworkParagraph, frameworkSection, frameworkVersion } from './frameworks.schema.ts';

export interface VersionRow {
  framework_id: string;
  network: string;
  language: string;
  version: number;
  status: string;
  title: string;
  summary: string;
  sections: number;
  paragraphs: number;
  comments: number;
  amendments_accepted: number;
  amendments_declined: number;
  created_at: string;
  consultation_opened_at: string;
  /** The consultation's last day (YYYY-MM-DD), empty when the coordinators chose none. */
  consultation_closes_on: string;
  agreed_at: string;
  superseded_at: string;
  endorsements: number;
}

export interface EndorsementRow {
  framework_id: string;
  title: string;
  version: number;
  organisation: string;
  endorsed_at: string;
  withdrawn_at: string;
}

const iso = (d: Date | null) => d?.toISOString() ?? '';

async function publicVersions(db: Db, territoryId: string) {
  return db
    .select({ v: frameworkVersion, f: framework })
    .from(frameworkVersion)
    .innerJoin(framework, eq(framework.id, frameworkVersion.frameworkId))
    .where(and(eq(framework.territoryId, territoryId), ne(frameworkVersion.status, 'draft')))
    .orderBy(asc(framework.createdAt), asc(frameworkVersion.number));
}

export async function frameworkRows(db: Db, territoryId: string, locale: string): Promise<VersionRow[]> {
  const rows = await publicVersions(db, territoryId);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.v.id);
  const [sections, paragraphs, comments, amendments, endorsements, networks] = await Promise.all([
    db.select({ versionId: frameworkSection.versionId }).from(frameworkSection).where(inArray(frameworkSection.versionId, ids)),
    db.select({ versionId: frameworkParagraph.versionId }).from(frameworkParagraph).where(inArray(frameworkParagraph.versionId, ids)),
    db.select({ versionId: frameworkComment.versionId }).from(frameworkComment).where(inArray(frameworkComment.versionId, ids)),
    db.select({ versionId: frameworkAmendment.versionId, status: frameworkAmendment.status }).from(frameworkAmendment).where(inArray(frameworkAmendment.versionId, ids)),
    db.select({ versionId: frameworkEndorsement.versionId, withdrawnAt: frameworkEndorsement.withdrawnAt }).from(frameworkEndorsement).where(inArray(frameworkEndorsement.versionId, ids)),
    listNetworks(db, territoryId),
  ]);
  const count = <T extends { versionId: string }>(list: T[], id: string, also: (x: T) => boolean = () => true) => list.filter((x) => x.versionId === id && also(x)).length;
  return rows.map(({ v, f }) => ({
    framework_id: f.id,
    network: pick(networks.find((n) => n.id === f.networkId)?.name, locale),
    language: f.locale,
    version: v.number,
    status: v.status,
    title: v.title,
    summary: v.summary,
    sections: count(sections, v.id),
    paragraphs: count(paragraphs, v.id),
    comments: count(comments, v.id),
    amendments_accepted: count(amendments, v.id, (a) => a.status === 'accepted'),
    amendments_declined: count(amendments, v.id, (a) => a.status === 'declined'),
    created_at: iso(v.createdAt),
    consultation_opened_at: iso(v.consultationOpenedAt),
    consultation_closes_on: v.consultationClosesOn ?? '',
    agreed_at: iso(v.agreedAt),
    superseded_at: iso(v.supersededAt),
    endorsements: count(endorsements, v.id, (e) => !e.withdrawnAt),
  }));
}

export async function endorsementRows(db: Db, territoryId: string): Promise<EndorsementRow[]> {
  const rows = await db
    .select({ e: frameworkEndorsement, v: frameworkVersion })
    .from(frameworkEndorsement)
    .innerJoin(frameworkVersion, eq(frameworkVersion.id, frameworkEndorsement.versionId))
    .innerJoin(framework, eq(framework.id, frameworkVersion.frameworkId))
    .where(eq(framework.territoryId, territoryId))
    .orderBy(asc(framework.createdAt), asc(frameworkVersion.number), asc(frameworkEndorsement.endorsedAt));
  return rows.map(({ e, v }) => ({ framework_id: v.frameworkId, title: v.title, version: v.number, organisation: e.organisationName, endorsed_at: iso(e.endorsedAt), withdrawn_at: iso(e.withdrawnAt) }));
}
