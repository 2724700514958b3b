// A territory's security settings, as its administrators change them: how long a session of someone who
// reads personal data may stay idle before it ends (the second step is still asked again for the most
// sensitive actions after `recentTwoFactorMinutes`, whatever this says).
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { territory } from './territory.schema.ts';
import { findTerritoryById } from './territory.service.ts';
import { defaultSensitiveSessionIdleMinutes, sensitiveSessionIdleRange } from './territory.settings.ts';

export interface SecuritySettings {
  sensitiveSessionIdleMinutes: number;
}

export async function securitySettings(db: Db, actor: Actor | null, territoryId: string): Promise<Outcome<SecuritySettings, 'not-found'>> {
  const allowed = requirePermission(actor, 'territories.settings.manage', { territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const found = await findTerritoryById(db, territoryId);
  if (!found) return { ok: false, error: 'not-found' };
  return { ok: true, value: { sensitiveSessionIdleMinutes: found.settings.sensitiveSessionIdleMinutes ?? defaultSensitiveSessionIdleMinutes } };
}

/** The typed value must be a whole number of minutes inside the range; anything else is refused beside the field. */
export async function saveSecuritySettings(db: Db, actor: Actor | null, territoryId: string, input: { idleMinutes?: string }): Promise<Outcome<SecuritySettings, 'invalid' | 'not-found'>> {
  const allowed = requirePermission(actor, 'territories.settings.manage', { territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const typed = (input.idleMinutes ?? '').trim();
  if (typed === '') return { ok: false, error: 'invalid', fields: { idleMinutes: 'territories.security.errors.required' } };
  const minutes = /^\d{1,4}$/.test(typed) ? Number(typed) : NaN;
  if (!Number.isInteger(minutes) || minutes < sensitiveSessionIdleRange.min || minutes > sensitiveSessionIdleRange.max) {
    return { ok: false, error: 'invalid', fields: { idleMinutes: 'territories.security.errors.range' } };
  }
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ settings: territory.settings }).from(territory).where(eq(territory.id, territoryId)).for('update');
    if (!row) return { ok: false as const, error: 'not-found' as const };
    await tx.update(territory).set({ settings: { ...row.settings, sensitiveSessionIdleMinutes: minutes } }).where(eq(territory.id, territoryId));
    await recordAccess(tx, { actorId: actor!.personId, action: 'territories.settings.security', recordType: 'territory', recordId: territoryId, territoryId });
    return { ok: true as const, value: { sensitiveSessionIdleMinutes: minutes } };
  });
}
