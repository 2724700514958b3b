// Organisations: the registry with their public profile, logo and verification by the territory.
import { publish } from '../../../platform/events.ts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import path from 'node:path';
import type { Db } from '../../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { coreLocales, locales } from '../../../platform/i18n/locales.ts';
import { loadCatalogue, translator } from '../../../platform/i18n/i18n.ts';
import { listAreas } from '../../territories/territory.service.ts';
import { grantCreatorRole } from '../../identity/roles.service.ts';
import { adhesion, organisation, organisationLogo, organisationTypes, type OrganisationType } from '../agreement.schema.ts';
import { areasOfWork, workingLanguages } from '../agreement.settings.ts';
import { recordAccess } from '../../../platform/access-log/access-log.ts';
import { prepareLogo } from './logo.ts';
import type { PersonalDataProvider } from '../../identity/data-rights.service.ts';
import { asciiDigits } from '../../../platform/i18n/digits.ts';
import { isUuid } from '../../../platform/ids.ts';

export type Organisation = typeof organisation.$inferSelect;

export interface OrganisationInput {
  name: string;
  type: string;
  description: string;
  areas: string[];
  districtIds: string[];
  languages: string[];
  website: string;
  publicEmail: string;
  publicPhone: string;
}

export type FieldErrors = Record<string, string>;

let catalogueLoaded = false;
/** An area of work's label in each core language: they go into the search document, so their catalogue is loaded. */
export function areaLabels(area: string): string[] {
  if (!catalogueLoaded) {
    loadCatalogue(path.join(import.meta.dirname, '..', 'locales'));
    catalogueLoaded = true;
  }
  return coreLocales.map((l) => translator(l)(`agreement.area.${area}`));
}

/** An area of work's label in every language the platform speaks: the directory reads questions in any of them. */
export function areaLabelsEverywhere(area: string): string[] {
  areaLabels(area);
  return [...new Set(locales.map((l) => translator(l)(`agreement.area.${area}`)))];
}

/** What the directory's search reads: name, description, areas of work in every core language, districts. */
export function searchDocument(input: { name: string; description: string; areas: string[] }, districtNames: string[]): string {
  return [input.name, input.description, ...input.areas.flatMap(areaLabels), ...districtNames].join(' \n');
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks a profile against the rules; returns field → message key for each problem. */
export function validateOrganisation(input: OrganisationInput, districtIds: ReadonlySet<string>): FieldErrors {
  const errors: FieldErrors = {};
  const name = input.name.trim();
  if (!name) errors.name = 'agreement.organisation.errors.nameRequired';
  else if (name.length > 200) errors.name = 'platform.validation.tooLong';
  if (!(organisationTypes as readonly string[]).includes(input.type)) errors.type = 'agreement.organisation.errors.typeRequired';
  if (input.description.length > 4000) errors.description = 'platform.validation.tooLong';
  if (input.areas.length === 0) errors.areas = 'agreement.organisation.errors.areasRequired';
  else if (!input.areas.every((a) => (areasOfWork as readonly string[]).includes(a))) errors.areas = 'platform.validation.invalid';
  if (!input.districtIds.every((d) => districtIds.has(d))) errors.districtIds = 'platform.validation.invalid';
  if (!input.languages.every((l) => (workingLanguages as readonly string[]).includes(l))) errors.languages = 'platform.validation.invalid';
  const website = input.website.trim();
  if (website) {
    let valid: boolean;
    try {
      const url = new URL(website);
      valid = url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      valid = false;
    }
    if (!valid || website.length > 300) errors.website = 'agreement.organisation.errors.website';
  }
  const email = input.publicEmail.trim();
  if (email && (!emailPattern.test(email) || email.length > 200)) errors.publicEmail = 'agreement.organisation.errors.email';
  const phone = asciiDigits(input.publicPhone.trim());
  if (phone && !/^\+?[0-9 ().-]{6,25}$/.test(phone)) errors.publicPhone = 'agreement.organisation.errors.phone';
  return errors;
}

function normalise(input: OrganisationInput) {
  return {
    name: input.name.trim(),
    type: input.type as OrganisationType,
    description: input.description.trim(),
    areas: [...new Set(input.areas)],
    districtIds: [...new Set(input.districtIds)],
    languages: [...new Set(input.languages)],
    website: input.website.trim() || null,
    publicEmail: input.publicEmail.trim() || null,
    publicPhone: input.publicPhone.trim() || null,
  };
}

export async function districtNames(db: Db, territoryId: string): Promise<Map<string, string>> {
  return new Map((await listAreas(db, territoryId, 'district')).map((d) => [d.id, d.name]));
}

export async function createOrganisation(db: Db, actor: Actor | null, territoryId: string, input: OrganisationInput): Promise<Outcome<{ id: string }, 'invalid'>> {
  const allowed = requirePermission(actor, 'agreement.organisation.create', { territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const districts = await districtNames(db, territoryId);
  const errors = validateOrganisation(input, new Set(districts.keys()));
  if (Object.keys(errors).length > 0) return { ok: false, error: 'invalid', fields: errors };
  const values = normalise(input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(organisation)
      .values({
        ...values,
        territoryId,
        createdByName: actor!.displayName,
        createdBy: actor!.personId,
        searchDocument: searchDocument(values, values.districtIds.map((d) => districts.get(d)!)),
      })
      .returning({ id: organisation.id });
    // Whoever registers an organisation administers it until they hand it over.
    await grantCreatorRole(tx, { personId: actor!.personId, role: 'organisation-admin', scopeKind: 'organisation', scopeId: row!.id, reason: 'Registered the organisation' });
    return { ok: true as const, value: { id: row!.id } };
  });
}

export async function findOrganisation(db: Db, id: string): Promise<Organisation | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(organisation).where(eq(organisation.id, id));
  return row ?? null;
}

export async function organisationsByIds(db: Db, ids: string[]): Promise<Organisation[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return db.select().from(organisation).where(inArray(organisation.id, valid)).orderBy(asc(organisation.name));
}

/** Where each organisation is registered (its territory: in a forum, one of its municipalities), by organisation id. */
export async function territoriesOfOrganisations(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (valid.length === 0) return new Map();
  const rows = await db.select({ id: organisation.id, territoryId: organisation.territoryId }).from(organisation).where(inArray(organisation.id, valid));
  return new Map(rows.map((r) => [r.id, r.territoryId]));
}

/** The ids of the organisations registered in a territory (a forum's municipality), for filtering what they publish. */
export async function organisationIdsRegisteredIn(db: Db, territoryId: string): Promise<string[]> {
  if (!isUuid(territoryId)) return [];
  return (await db.select({ id: organisation.id }).from(organisation).where(eq(organisation.territoryId, territoryId))).map((r) => r.id);
}

/** The organisations this person may act for with one of the given roles (from their grants). */
export async function organisationsOf(db: Db, actor: Actor | null, roles: readonly string[]): Promise<Organisation[]> {
  if (!actor) return [];
  const ids = actor.grants.filter((g) => g.scope.kind === 'organisation' && g.scope.id && roles.includes(g.role)).map((g) => g.scope.id!);
  return organisationsByIds(db, ids);
}

export async function updateOrganisation(db: Db, actor: Actor | null, id: string, input: OrganisationInput): Promise<Outcome<{ id: string }, 'not-found' | 'invalid'>> {
  const existing = await findOrganisation(db, id);
  if (!existing) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'agreement.organisation.edit', { organisationId: id, territoryId: existing.territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const districts = await districtNames(db, existing.territoryId);
  const errors = validateOrganisation(input, new Set(districts.keys()));
  if (Object.keys(errors).length > 0) return { ok: false, error: 'invalid', fields: errors };
  const values = normalise(input);
  await db
    .update(organisation)
    .set({ ...values, updatedAt: new Date(), searchDocument: searchDocument(values, values.districtIds.map((d) => districts.get(d)!)) })
    .where(eq(organisation.id, id));
  await publish(db, 'public.changed', { territoryId: existing.territoryId, what: 'organisation.edited' });
  return { ok: true, value: { id } };
}

export async function verifyOrganisation(db: Db, actor: Actor | null, id: string, verified: boolean): Promise<Outcome<null, 'not-found'>> {
  const existing = await findOrganisation(db, id);
  if (!existing) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'agreement.organisation.verify', { territoryId: existing.territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  await db.transaction(async (tx) => {
    await tx
      .update(organisation)
      .set(verified ? { verifiedAt: new Date(), verifiedByName: actor!.displayName, verifiedBy: actor!.personId } : { verifiedAt: null, verifiedByName: null, verifiedBy: null })
      .where(eq(organisation.id, id));
    await recordAccess(tx, { actorId: actor!.personId, action: verified ? 'agreement.organisation.verify' : 'agreement.organisation.unverify', recordType: 'organisation', recordId: id, territoryId: existing.territoryId });
  });
  return { ok: true, value: null };
}

export async function saveLogo(db: Db, actor: Actor | null, id: string, file: Buffer | null): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const existing = await findOrganisation(db, id);
  if (!existing) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'agreement.organisation.edit', { organisationId: id, territoryId: existing.territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  if (!file || file.length === 0) return { ok: false, error: 'invalid', fields: { logo: 'agreement.logo.errors.missing' } };
  const prepared = prepareLogo(file);
  if (!prepared.ok) return { ok: false, error: 'invalid', fields: { logo: `agreement.logo.errors.${prepared.error}` } };
  await db
    .insert(organisationLogo)
    .values({ organisationId: id, contentType: prepared.contentType, bytes: prepared.bytes })
    .onConflictDoUpdate({ target: organisationLogo.organisationId, set: { contentType: prepared.contentType, bytes: prepared.bytes, uploadedAt: new Date() } });
  return { ok: true, value: null };
}

export async function findLogo(db: Db, id: string): Promise<{ contentType: string; bytes: Buffer; uploadedAt: Date } | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(organisationLogo).where(eq(organisationLogo.organisationId, id));
  return row ?? null;
}

export async function hasLogo(db: Db, id: string): Promise<boolean> {
  const [row] = await db.select({ at: organisationLogo.uploadedAt }).from(organisationLogo).where(eq(organisationLogo.organisationId, id));
  return Boolean(row);
}

/** Every organisation registered in a territory, with its adhesion status there (for staff lists and CSV). */
export async function listRegistered(db: Db, territoryId: string) {
  return db
    .select({ organisation, adhesionStatus: adhesion.status, memberSince: adhesion.memberSince })
    .from(organisation)
    .leftJoin(adhesion, and(eq(adhesion.organisationId, organisation.id), eq(adhesion.territoryId, territoryId)))
    .where(eq(organisation.territoryId, territoryId))
    .orderBy(asc(organisation.name));
}

/** The platform's id test, where the contexts that read organisations have always found it. */
export { isUuid };

export const organisationCount = (db: Db, territoryId: string) =>
  db
    .select({ n: sql<number>`count(*)::int` })
    .from(organisation)
    .where(eq(organisation.territoryId, territoryId))
    .then((r) => r[0]!.n);

/** Organisations the person registered or verified: in their download; their name removed on deletion. */
export const organisationPersonalData: PersonalDataProvider = {
  context: 'organisations',
  async export(db, personId) {
    const [created, verified] = await Promise.all([
      db.select({ id: organisation.id, name: organisation.name, createdAt: organisation.createdAt }).from(organisation).where(eq(organisation.createdBy, personId)),
      db.select({ id: organisation.id, name: organisation.name, verifiedAt: organisation.verifiedAt }).from(organisation).where(eq(organisation.verifiedBy, personId)),
    ]);
    return { registered: created, verified };
  },
  async erase(tx, personId) {
    await tx.update(organisation).set({ createdByName: '', createdBy: null }).where(eq(organisation.createdBy, personId));
    await tx.update(organisation).set({ verifiedByName: '', verifiedBy: null }).where(eq(organisation.verifiedBy, personId));
  },
};
