// Which service managers answer for which service: coordinators and territory admins link a person who
// holds the service-manager role in the territory to a service. Each change goes to the access log.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { holdersOf } from '../identity/roles.service.ts';
import { serviceManager } from './catalogue.schema.ts';
import { findService, type Service } from './catalogue.service.ts';
import type { recordAccess } from '../../platform/access-log/access-log.ts';

/** The platform's recordAccess, injected by the pages (and the demo seed). */
type AccessLogger = typeof recordAccess;

export interface Person {
  personId: string;
  name: string;
}

export interface ServiceManagers {
  service: Service;
  /** Who answers for the service now. */
  managers: Person[];
  /** People with the service-manager role in the territory who do not answer for it yet. */
  candidates: Person[];
}

export async function serviceManagersOf(db: Db, actor: Actor | null, territoryId: string, serviceId: string): Promise<Outcome<ServiceManagers, 'not-found'>> {
  const permission = requirePermission(actor, 'catalogue.service-manager.assign', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const service = await findService(db, territoryId, serviceId);
  if (!service) return { ok: false, error: 'not-found' };
  const [holders, links] = await Promise.all([
    holdersOf(db, 'service-manager', territoryId),
    db.select({ personId: serviceManager.personId }).from(serviceManager).where(and(eq(serviceManager.serviceId, service.id), eq(serviceManager.active, true))),
  ]);
  const linked = new Set(links.map((l) => l.personId));
  return { ok: true, value: { service, managers: holders.filter((h) => linked.has(h.personId)), candidates: holders.filter((h) => !linked.has(h.personId)) } };
}

/** Links (active) or unlinks a service manager; only people holding the role in the territory can be linked. */
export async function setServiceManager(
  db: Db,
  actor: Actor | null,
  log: AccessLogger,
  input: { territoryId: string; serviceId: string; personId: string; active: boolean },
): Promise<Outcome<true, 'not-found' | 'invalid'>> {
  const permission = requirePermission(actor, 'catalogue.service-manager.assign', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  if (!(await findService(db, input.territoryId, input.serviceId))) return { ok: false, error: 'not-found' };
  const holders = await holdersOf(db, 'service-manager', input.territoryId);
  if (input.active && !holders.some((h) => h.personId === input.personId)) return { ok: false, error: 'invalid', fields: { personId: 'catalogue.managers.errors.person' } };
  await db.transaction(async (tx) => {
    await linkServiceManager(tx, { territoryId: input.territoryId, serviceId: input.serviceId, personId: input.personId, active: input.active });
    await log(tx, {
      actorId: actor!.personId,
      action: input.active ? 'catalogue.service-manager.assign' : 'catalogue.service-manager.remove',
      recordType: 'audit_service_manager',
      recordId: `${input.serviceId}:${input.personId}`,
      territoryId: input.territoryId,
    });
  });
  return { ok: true, value: true };
}

/** The link itself, without checks: for setServiceManager and the demo seed (whose sample managers have no account). */
export async function linkServiceManager(db: Db, input: { territoryId: string; serviceId: string; personId: string; active: boolean }): Promise<void> {
  await db.insert(serviceManager).values(input).onConflictDoUpdate({ target: [serviceManager.serviceId, serviceManager.personId], set: { active: input.active } });
}

/** Services a person answers for as a service manager. */
export async function managedServices(db: Db, territoryId: string, personId: string): Promise<string[]> {
  const rows = await db
    .select({ id: serviceManager.serviceId })
    .from(serviceManager)
    .where(and(eq(serviceManager.territoryId, territoryId), eq(serviceManager.personId, personId), eq(serviceManager.active, true)));
  return rows.map((r) => r.id);
}

/** The people who answer for a service now (to tell them of its findings). */
export async function activeManagerIds(db: Db, serviceId: string): Promise<string[]> {
  const rows = await db.select({ personId: serviceManager.personId }).from(serviceManager).where(and(eq(serviceManager.serviceId, serviceId), eq(serviceManager.active, true)));
  return rows.map((r) => r.personId);
}
