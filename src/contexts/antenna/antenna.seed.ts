// Demo: opens the antenna of the demo territories by giving each a recovery key. The private half never
// goes to a log: it is written to a file only the operator can read, to be moved offline.
// Barcelona's antenna also gets its history: several hundred cases told since February 2025 and
// classified by its handlers, which feed the diagnosis beside the audits' findings.
import type { SeedContext } from '../../platform/manifest.ts';
import { systemActor } from '../../platform/auth/permissions.ts';
import type { Db } from '../../platform/db/client.ts';
import { findTerritory, listAreaSummaries, type Territory } from '../territories/territory.service.ts';
import { facilitiesOf, servicesOf } from '../catalogue/catalogue.service.ts';
import { makeRecoveryKey } from './triage.service.ts';
import { importClassifiedCases, type ClassifiedCase } from './case-import.ts';
import { closeReasons, wishOptions, type Answers } from './answers.ts';
import { sodium } from './antenna.crypto.ts';
import { contactNames, demoServices, districtWeights, situations, type DemoService } from './antenna.seed.demo-cases.ts';

export const demoCaseCount = 460;
const demoMonths = ['2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'];

/** A repeatable sequence in [0, 1) from libsodium's deterministic generator, so every install has the same demo. */
function repeatable(label: string): () => number {
  let block = 0;
  let pool: Uint32Array = new Uint32Array(0);
  let next = 0;
  return () => {
    if (next >= pool.length) {
      const seed = sodium.crypto_generichash(32, `${label}:${block++}`, null);
      pool = new Uint32Array(sodium.randombytes_buf_deterministic(4096, seed).slice().buffer);
      next = 0;
    }
    return pool[next++]! / 2 ** 32;
  };
}

function pick<T>(random: () => number, entries: [T, number][]): T {
  let r = random() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, weight] of entries) if ((r -= weight) < 0) return value;
  return entries.at(-1)![0];
}

const atDay = (month: string, day: number) => new Date(`${month}-${String(day).padStart(2, '0')}T10:00:00Z`);
const daysLater = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

/** The demo cases of one territory: who told what, where and when, how it was classified and how far it went. */
async function demoCases(db: Db, territory: Territory): Promise<ClassifiedCase[]> {
  const random = repeatable(`coproduce-demo-antenna-${territory.slug}`);
  const districts = await listAreaSummaries(db, territory.id, 'district');
  const districtId = new Map(districts.map((d) => [d.code, d.id]));
  const services = await servicesOf(db, territory.id);
  const serviceId = (key: DemoService) => services.find((s) => s.name === demoServices[key])?.id;
  const facilities = await facilitiesOf(db, territory.id);
  const grounds = new Set(territory.settings.grounds);
  const cases: ClassifiedCase[] = [];
  for (let n = 0; n < demoCaseCount; n++) {
    const situation = pick(
      random,
      situations.map((s) => [s, s.weight]),
    );
    const service = situation.service ? serviceId(situation.service) : undefined;
    if (situation.service && !service) continue;
    // Where it happened: a district with a facility of the service, more often where this situation is common.
    const where = service ? new Set(facilities.filter((f) => f.serviceId === service).map((f) => f.districtId)) : null;
    const code = pick(
      random,
      Object.entries(districtWeights)
        .filter(([c]) => districtId.has(c) && (!where || where.has(districtId.get(c)!)))
        .map(([c, w]) => [c, w * (situation.skew?.[c] ?? 1)]),
    );
    const district = districtId.get(code)!;
    const facility = service ? facilities.find((f) => f.serviceId === service && f.districtId === district) : undefined;
    // More people found the antenna as the months went by.
    const month = pick(
      random,
      demoMonths.map((m, i) => [m, 1 + i * 0.06]),
    );
    const [, story] = situation.stories[n % situation.stories.length]!;
    const caseGrounds = situation.grounds.map((g) => (grounds.has(g) ? g : 'other')).filter((g) => grounds.has(g));
    if (caseGrounds.length === 0) continue;
    const confidential = random() < 0.35;
    const referral = random() < 0.4;
    const name = contactNames[n % contactNames.length]!;
    const answers: Answers = {
      serviceId: service ?? 'unknown',
      story,
      when: month,
      districtId: district,
      facilityId: facility?.id ?? 'unknown',
      grounds: caseGrounds,
      before: pick(random, [
        ['no', 5],
        ['yes', 3],
        ['unsure', 2],
      ]),
      wishes: [pick(random, wishOptions.map((w) => [w, 1]))],
      referral: referral ? 'yes' : 'no',
      mode: confidential ? 'confidential' : 'anonymous',
      ...(confidential ? { contactName: name, contactEmail: `${name.toLowerCase().replace(/[^a-z]/g, '')}.${n}@example.org` } : {}),
    };
    const createdAt = atDay(month, 1 + Math.floor(random() * 27));
    const classifiedAt = daysLater(createdAt, 1 + Math.floor(random() * 10));
    const updatedAt = daysLater(classifiedAt, Math.floor(random() * 60));
    // The older the case, the likelier it is closed; consent lets some go to the service itself.
    const age = demoMonths.indexOf(month) / demoMonths.length;
    const status = pick<ClassifiedCase['status']>(random, [
      ['closed', 1.4 - age],
      ['being-followed', 0.5],
      ['in-triage', 0.1 + age * 0.4],
      ...(referral && service ? ([['referred', 0.5]] as [ClassifiedCase['status'], number][]) : []),
    ]);
    cases.push({
      answers,
      classification: { serviceId: service ?? '', grounds: caseGrounds, dimension: situation.dimension, districtId: district, month },
      status,
      ...(status === 'closed' ? { statusReason: pick(random, closeReasons.map((r) => [r, r === 'resolved' ? 4 : r === 'no-response' ? 2 : 1])) } : {}),
      ...(status === 'referred' ? { referredTo: service! } : {}),
      createdAt,
      classifiedAt,
      updatedAt,
    });
  }
  return cases;
}

export async function seedAntenna({ db, log, keepSecret }: SeedContext): Promise<void> {
  for (const slug of ['barcelona', 'fuenlabrada']) {
    const territory = await findTerritory(db, slug);
    if (!territory) continue;
    const made = await makeRecoveryKey(db, territory.id, systemActor.personId);
    if (!made.ok) continue;
    if (keepSecret) {
      const file = keepSecret(`antenna-recovery-key-${slug}.txt`, made.value.privateKey);
      log(`Antenna of ${territory.name} open. Its recovery private key is in ${file} (readable by you only): move it offline, then delete the file.`);
    } else {
      log(`Antenna of ${territory.name} open. Its recovery private key was not kept (nowhere safe to write it).`);
    }
    if (slug !== 'barcelona') continue;
    const started = performance.now();
    const filed = await importClassifiedCases(db, territory, await demoCases(db, territory));
    log(`Antenna: ${filed} classified demo cases in ${territory.name}, encrypted and sealed to the recovery key (${Math.round(performance.now() - started)} ms)`);
  }
}
