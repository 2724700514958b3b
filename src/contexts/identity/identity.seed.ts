// Demo people: a platform administrator, one person holding each role at Barcelona's territory scope, and a
// second board member, since a diagnosis is published once two board members approve it.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { SeedContext } from '../../platform/manifest.ts';
import { roles, type Role } from '../../platform/auth/permissions.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { person, roleAssignment } from './identity.schema.ts';
import { hashPassword } from './password.ts';
import { recordConsent, consentTextVersion } from './consent.service.ts';

export const demoAdminEmail = 'admin@coproduce.example';

/** Roles that only make sense for one organisation: the agreement's seed grants them with grantDemoRole. */
const organisationRoles: readonly Role[] = ['organisation-admin', 'organisation-member'];

const demoNames: Record<Role, string> = {
  'platform-admin': 'Joan Pons',
  'territory-admin': 'Teresa Puig',
  'promoting-group-member': 'Pau Ferrer',
  'organisation-admin': 'Fatima Zahra El Idrissi',
  'organisation-member': 'Jordi Serra',
  'network-coordinator': 'Lucía Romero',
  'audit-coordinator': 'Marta Vidal',
  auditor: 'Ahmed Benali',
  'case-handler': 'Núria Soler',
  'service-manager': 'Carlos Ortega',
  'board-member': 'Rosa Martí',
  researcher: 'Ioana Popescu',
};

/** More demo people with a role in Barcelona, beyond one per role. */
const extraDemoPeople: { email: string; displayName: string; role: Role }[] = [
  { email: 'board-member-2@coproduce.example', displayName: 'Oriol Casals', role: 'board-member' },
  // A finding is validated by a coordinator other than the one who proposed it.
  { email: 'audit-coordinator-2@coproduce.example', displayName: 'Elena Moreno', role: 'audit-coordinator' },
];

function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * The admin's password is DEMO_ADMIN_PASSWORD when set, otherwise random and shown once at the first start.
 * The other demo people share DEMO_PEOPLE_PASSWORD when set; otherwise each gets a random one, never shown.
 */
export async function seedIdentity({ db, log, notice }: SeedContext): Promise<void> {
  const [existing] = await db.select({ id: person.id }).from(person).where(eq(person.email, demoAdminEmail));
  const barcelona = await findTerritory(db, 'barcelona');
  if (!barcelona) throw new Error('The identity demo needs the Barcelona territory');
  const adminPassword = process.env.DEMO_ADMIN_PASSWORD || randomPassword();
  const peoplePassword = process.env.DEMO_PEOPLE_PASSWORD || null;

  const add = async (email: string, displayName: string, password: string, role: Role, scope: 'platform' | 'territory' | null) => {
    const [created] = await db
      .insert(person)
      .values({ email, displayName, locale: 'ca', passwordHash: await hashPassword(password), emailVerifiedAt: new Date() })
      .returning();
    await recordConsent(db, created!.id, 'terms', consentTextVersion.terms, true);
    if (!scope) return;
    await db.insert(roleAssignment).values({
      personId: created!.id,
      role,
      scopeKind: scope,
      scopeId: scope === 'platform' ? null : barcelona.id,
      reason: 'Demo data',
    });
  };
  const addMissingExtras = async () => {
    for (const extra of extraDemoPeople) {
      const [found] = await db.select({ id: person.id }).from(person).where(eq(person.email, extra.email));
      if (!found) await add(extra.email, extra.displayName, peoplePassword ?? randomPassword(), extra.role, 'territory');
    }
  };
  // A demo seeded before the extra people were added gets them too.
  if (existing) return addMissingExtras();
  await add(demoAdminEmail, 'Ada Admin', adminPassword, 'platform-admin', 'platform');
  for (const role of roles) {
    await add(`${role}@coproduce.example`, demoNames[role], peoplePassword ?? randomPassword(), role, organisationRoles.includes(role) ? null : 'territory');
  }
  await addMissingExtras();
  log(`Identity: the demo administrator and ${roles.length + extraDemoPeople.length} demo people with a role in Barcelona`);
  notice?.(`Sign in as the demo administrator: ${demoAdminEmail} with the password ${adminPassword}`);
}

/** A demo person's role in one organisation or network, granted by the seed of the context that owns it. */
export async function grantDemoRole(db: SeedContext['db'], email: string, role: Role, scopeKind: 'organisation' | 'network' | 'campaign', scopeId: string): Promise<void> {
  const [found] = await db.select({ id: person.id }).from(person).where(eq(person.email, email));
  if (!found) return;
  await db.insert(roleAssignment).values({ personId: found.id, role, scopeKind, scopeId, reason: 'Demo data' });
}
