// Test-only: facts for the diagnosis, generated the way the audits and antenna contexts will publish
// them (domain events), so tests and browser journeys have a picture before those contexts land.
// Never used by the demo seed or the server.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/platform/db/client.ts';
import { publish, type DiagnosisFact } from '../../src/platform/events.ts';
import { listAreas } from '../../src/contexts/territories/territory.service.ts';
import { catalogueOf } from '../../src/contexts/catalogue/catalogue.service.ts';

/** A deterministic picture: many facts in eight districts, almost none in the ninth, one without a district. */
export async function generateFacts(db: Db, territoryId: string, count: number, months: string[], seed = 11): Promise<DiagnosisFact[]> {
  const districts = await listAreas(db, territoryId, 'district');
  const neighbourhoods = await listAreas(db, territoryId, 'neighbourhood');
  const services = (await catalogueOf(db, territoryId)).departments.flatMap((d) => d.services.map((s) => ({ ...s, departmentId: d.id })));
  const grounds = ['ethnic-origin', 'nationality', 'religion', 'disability', 'age', 'language'];
  let state = seed;
  const random = () => ((state = (state * 16807) % 2147483647) / 2147483647);
  const facts: DiagnosisFact[] = [];
  for (let i = 0; i < count; i++) {
    const district = districts[Math.floor(random() * 8)]!;
    const inDistrict = neighbourhoods.filter((n) => n.parentId === district.id);
    const service = services[Math.floor(random() * Math.min(4, services.length))]!;
    const facility = service.facilities[Math.floor(random() * service.facilities.length)] ?? null;
    const isFinding = random() < 0.5;
    facts.push({
      source: isFinding ? 'finding' : 'case',
      sourceId: randomUUID(),
      territoryId,
      departmentId: service.departmentId,
      serviceId: service.id,
      facilityId: isFinding ? (facility?.id ?? null) : null,
      grounds: random() < 0.2 ? [grounds[0]!, grounds[2]!] : [grounds[Math.floor(random() * grounds.length)]!],
      dimension: ['access', 'language', 'treatment'][Math.floor(random() * 3)]!,
      districtId: district.id,
      neighbourhoodId: inDistrict[Math.floor(random() * inDistrict.length)]?.id ?? null,
      month: months[Math.floor(random() * months.length)]!,
      severity: isFinding ? 1 + Math.floor(random() * 4) : null,
      barrier: isFinding ? ['no-interpreter', 'no-step-free-access'][Math.floor(random() * 2)]! : null,
    });
  }
  // Two facts in the ninth district and one with no district: below k.
  const ninth = districts[8]!;
  for (const districtId of [ninth.id, ninth.id, null]) facts.push({ ...facts[0]!, sourceId: randomUUID(), districtId, neighbourhoodId: null });
  return facts;
}

export async function publishFacts(db: Db, facts: DiagnosisFact[]): Promise<void> {
  await publish(db, 'diagnosis.facts.upsert', { facts });
}

export const months2025 = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
