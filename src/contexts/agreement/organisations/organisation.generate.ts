// Generates many plausible member organisations for benchmarks (the directory with 10,000 organisations).
import type { Db } from '../../../platform/db/client.ts';
import { listAreas } from '../../territories/territory.service.ts';
import { adhesion, organisation, organisationTypes } from '../agreement.schema.ts';
import { areasOfWork, workingLanguages } from '../agreement.settings.ts';
import { searchDocument } from './organisation.service.ts';
import { refreshDirectoryStatistics } from './directory.service.ts';

const first = ['Associació', 'Fundació', 'Col·lectiu', 'Xarxa', 'Cooperativa', 'Plataforma', 'Casal', 'Ateneu', 'Centre', 'Grup'];
const middle = ['Veïnal', 'Solidària', 'Comunitària', 'Popular', 'Jove', 'Oberta', 'Social', 'Cultural', 'Inclusiva', 'Activa', 'Sense Fronteres', 'per la Dignitat'];
const last = ['del Raval', 'de Sants', 'de Gràcia', 'del Clot', 'de la Verneda', 'de Roquetes', 'del Carmel', 'de Sarrià', 'de la Marina', 'del Besòs', 'de Trinitat', 'de Vallcarca', 'de Porta', 'de Poblenou'];
const verbs = ['Acompanyem', 'Donem suport a', 'Formem', 'Acollim', 'Organitzem'];
const whom = ['famílies', 'joves', 'persones grans', 'dones migrades', 'infants', 'persones sense llar', 'veïns i veïnes', 'persones cuidadores'];

/** A deterministic pseudo-random sequence (mulberry32), so two runs generate the same organisations. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Inserts n member organisations of a territory's Agreement (registered, signed version 1 and approved),
 * with areas, districts and languages drawn at random. Returns how many were inserted.
 */
export async function generateOrganisations(db: Db, territoryId: string, n: number, seed = 42): Promise<number> {
  const rnd = random(seed);
  const pickOne = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const pickSome = <T>(list: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(rnd() * max) }, () => pickOne(list)))];
  const districts = await listAreas(db, territoryId, 'district');
  const batch = 500;
  for (let start = 0; start < n; start += batch) {
    const rows = Array.from({ length: Math.min(batch, n - start) }, (_, i) => {
      const name = `${pickOne(first)} ${pickOne(middle)} ${pickOne(last)} ${start + i + 1}`;
      const areas = pickSome(areasOfWork, 3);
      const acting = districts.length ? pickSome(districts, 2) : [];
      const description = `${pickOne(verbs)} ${pickOne(whom)} ${pickOne(last)}.`;
      return {
        territoryId,
        name,
        type: pickOne(organisationTypes),
        description,
        areas,
        districtIds: acting.map((d) => d.id),
        languages: pickSome(workingLanguages, 3),
        searchDocument: searchDocument({ name, description, areas }, acting.map((d) => d.name)),
        createdByName: 'benchmark',
      };
    });
    const inserted = await db.insert(organisation).values(rows).returning({ id: organisation.id });
    const now = new Date();
    await db.insert(adhesion).values(
      inserted.map((o) => ({ organisationId: o.id, territoryId, status: 'member' as const, signedVersion: 1, signedAt: now, signedByName: 'benchmark', memberSince: now, decidedAt: now, decidedByName: 'benchmark' })),
    );
  }
  await refreshDirectoryStatistics(db);
  return n;
}
