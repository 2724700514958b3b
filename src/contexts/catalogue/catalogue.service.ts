// Reading and building the service catalogue. Other contexts (the antenna, the diagnosis) read it
// only through these functions.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { geoContains } from 'd3-geo';
import type { Db } from '../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { listAreas } from '../territories/territory.service.ts';
import { department, facility, service, type Translations } from './catalogue.schema.ts';

export type Department = typeof department.$inferSelect;
export type Service = typeof service.$inferSelect;
export type Facility = typeof facility.$inferSelect;

export interface CatalogueTree {
  departments: (Department & { services: (Service & { facilities: Facility[] })[] })[];
}

/** The name of a catalogue entry in the reader's language, or the territory's own. */
export function localName(entry: { name: string; nameTranslations: Translations }, locale: string): string {
  return entry.nameTranslations[locale] ?? entry.name;
}

export async function catalogueOf(db: Db, territoryId: string): Promise<CatalogueTree> {
  // One query after another: `db` may be a transaction (the demo seed), whose one connection runs one query at a time.
  const departments = await db.select().from(department).where(eq(department.territoryId, territoryId)).orderBy(asc(department.name));
  const services = await db.select().from(service).where(eq(service.territoryId, territoryId)).orderBy(asc(service.name));
  const facilities = await db.select().from(facility).where(eq(facility.territoryId, territoryId)).orderBy(asc(facility.name));
  return {
    departments: departments.map((d) => ({
      ...d,
      services: services.filter((s) => s.departmentId === d.id).map((s) => ({ ...s, facilities: facilities.filter((f) => f.serviceId === s.id) })),
    })),
  };
}

export async function servicesOf(db: Db, territoryId: string): Promise<Service[]> {
  return db.select().from(service).where(eq(service.territoryId, territoryId)).orderBy(asc(service.name));
}

export async function facilitiesOf(db: Db, territoryId: string, serviceIds?: string[]): Promise<Facility[]> {
  const where = serviceIds ? and(eq(facility.territoryId, territoryId), inArray(facility.serviceId, serviceIds)) : eq(facility.territoryId, territoryId);
  return db.select().from(facility).where(where).orderBy(asc(facility.name));
}

export async function findService(db: Db, territoryId: string, serviceId: string): Promise<Service | null> {
  const [row] = await db.select().from(service).where(and(eq(service.territoryId, territoryId), eq(service.id, serviceId)));
  return row ?? null;
}

export async function findFacility(db: Db, territoryId: string, facilityId: string): Promise<Facility | null> {
  const [row] = await db.select().from(facility).where(and(eq(facility.territoryId, territoryId), eq(facility.id, facilityId)));
  return row ?? null;
}

/** The district whose geometry contains the point, or null (outside, or no geometry known). */
export async function districtAt(db: Db, territoryId: string, longitude: number, latitude: number): Promise<string | null> {
  const districts = await listAreas(db, territoryId, 'district');
  const hit = districts.find((d) => d.geometry && geoContains(d.geometry, [longitude, latitude]));
  return hit?.id ?? null;
}

export interface NewDepartment {
  territoryId: string;
  name: string;
  nameTranslations?: Translations;
}

export async function createDepartment(db: Db, actor: Actor | null, input: NewDepartment): Promise<Outcome<Department, 'duplicate'>> {
  const permission = requirePermission(actor, 'catalogue.manage', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const [row] = await db
    .insert(department)
    .values({ territoryId: input.territoryId, name: input.name.trim(), nameTranslations: input.nameTranslations ?? {} })
    .onConflictDoNothing()
    .returning();
  return row ? { ok: true, value: row } : { ok: false, error: 'duplicate', fields: { name: 'catalogue.department.duplicate' } };
}

export interface NewService {
  territoryId: string;
  departmentId: string;
  name: string;
  nameTranslations?: Translations;
  description?: string;
}

export async function createService(db: Db, actor: Actor | null, input: NewService): Promise<Outcome<Service, 'duplicate' | 'not-found'>> {
  const permission = requirePermission(actor, 'catalogue.manage', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const [parent] = await db.select().from(department).where(and(eq(department.id, input.departmentId), eq(department.territoryId, input.territoryId)));
  if (!parent) return { ok: false, error: 'not-found', fields: { departmentId: 'catalogue.service.noDepartment' } };
  const [row] = await db
    .insert(service)
    .values({
      territoryId: input.territoryId,
      departmentId: input.departmentId,
      name: input.name.trim(),
      nameTranslations: input.nameTranslations ?? {},
      description: input.description ?? '',
    })
    .onConflictDoNothing()
    .returning();
  return row ? { ok: true, value: row } : { ok: false, error: 'duplicate', fields: { name: 'catalogue.service.duplicate' } };
}

export interface NewFacility {
  territoryId: string;
  serviceId: string;
  name: string;
  address?: string;
  districtId?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  openingHours?: string;
  languages?: string[];
  accessibility?: string[];
}

export async function createFacility(db: Db, actor: Actor | null, input: NewFacility): Promise<Outcome<Facility, 'duplicate' | 'not-found' | 'outside'>> {
  const permission = requirePermission(actor, 'catalogue.manage', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  if (!(await findService(db, input.territoryId, input.serviceId))) return { ok: false, error: 'not-found', fields: { serviceId: 'catalogue.facility.noService' } };
  let districtId = input.districtId ?? null;
  const hasPoint = input.latitude != null && input.longitude != null;
  if (!districtId && hasPoint) {
    districtId = await districtAt(db, input.territoryId, input.longitude!, input.latitude!);
    if (!districtId) return { ok: false, error: 'outside', fields: { latitude: 'catalogue.facility.outside' } };
  } else if (districtId) {
    const districts = await listAreas(db, input.territoryId, 'district');
    if (!districts.some((d) => d.id === districtId)) return { ok: false, error: 'not-found', fields: { districtId: 'catalogue.facility.noDistrict' } };
  }
  const [row] = await db
    .insert(facility)
    .values({
      territoryId: input.territoryId,
      serviceId: input.serviceId,
      name: input.name.trim(),
      address: input.address?.trim() ?? '',
      districtId,
      latitude: hasPoint ? input.latitude! : null,
      longitude: hasPoint ? input.longitude! : null,
      openingHours: input.openingHours ?? '',
      languages: input.languages ?? [],
      accessibility: input.accessibility ?? [],
    })
    .onConflictDoNothing()
    .returning();
  return row ? { ok: true, value: row } : { ok: false, error: 'duplicate', fields: { name: 'catalogue.facility.duplicate' } };
}

export type FacilityChanges = Omit<NewFacility, 'territoryId' | 'serviceId'>;

/** Edits a facility; the district is picked, or derived again from new coordinates. */
export async function updateFacility(db: Db, actor: Actor | null, territoryId: string, facilityId: string, input: FacilityChanges): Promise<Outcome<Facility, 'not-found' | 'outside' | 'duplicate'>> {
  const permission = requirePermission(actor, 'catalogue.manage', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const current = /^[0-9a-f-]{36}$/.test(facilityId) ? await findFacility(db, territoryId, facilityId) : null;
  if (!current) return { ok: false, error: 'not-found' };
  let districtId = input.districtId ?? null;
  const hasPoint = input.latitude != null && input.longitude != null;
  if (!districtId && hasPoint) {
    districtId = await districtAt(db, territoryId, input.longitude!, input.latitude!);
    if (!districtId) return { ok: false, error: 'outside', fields: { latitude: 'catalogue.facility.outside' } };
  } else if (districtId) {
    const districts = await listAreas(db, territoryId, 'district');
    if (!districts.some((d) => d.id === districtId)) return { ok: false, error: 'not-found', fields: { districtId: 'catalogue.facility.noDistrict' } };
  }
  try {
    const [row] = await db
      .update(facility)
      .set({
        name: input.name.trim(),
        address: input.address?.trim() ?? '',
        districtId,
        latitude: hasPoint ? input.latitude! : null,
        longitude: hasPoint ? input.longitude! : null,
        openingHours: input.openingHours ?? '',
        languages: input.languages ?? [],
        accessibility: input.accessibility ?? [],
      })
      .where(and(eq(facility.id, current.id), eq(facility.territoryId, territoryId)))
      .returning();
    return { ok: true, value: row! };
  } catch {
    // The only constraint an edit can break is the unique name within the service.
    return { ok: false, error: 'duplicate', fields: { name: 'catalogue.facility.duplicate' } };
  }
}
