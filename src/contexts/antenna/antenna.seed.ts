// Demo: opens the antenna of the demo territories by giving each a recovery key. The private half is
// printed once in the start-up log, as the territory admin would see it once on the recovery page.
import type { SeedContext } from '../../platform/manifest.ts';
import { systemActor } from '../../platform/auth/permissions.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { makeRecoveryKey } from './triage.service.ts';

export async function seedAntenna({ db, log }: SeedContext): Promise<void> {
  for (const slug of ['barcelona', 'fuenlabrada']) {
    const territory = await findTerritory(db, slug);
    if (!territory) continue;
    const made = await makeRecoveryKey(db, territory.id, systemActor.personId);
    if (made.ok) log(`Antenna of ${territory.name} open. Demo recovery key (keep it, shown once): ${made.value.privateKey}`);
  }
}
