// Demo events and debates, built only through this context's services: Barcelona's networks and the
// Metropolitan Social Forum over the past year (plenaries with minutes and attendance, a full day with a
// waiting list, an online workshop) and events still to come; debates with a moderated contribution.
import { and, eq } from 'drizzle-orm';
import type { SeedContext } from '../../platform/manifest.ts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor, Role } from '../../platform/auth/permissions.ts';
import { findTerritory, type Territory } from '../territories/territory.service.ts';
import { findNetwork, networkMembers } from '../agreement/networks/network.service.ts';
import { findPersonByEmail } from '../identity/identity.service.ts';
import { coproductionEvent } from './coproduction.schema.ts';
import { markAttendance, recordEventMinutes, register, scheduleEvent } from './events/event.service.ts';
import { contribute, hideContribution, openDebate } from './debates/debate.service.ts';
import { attachAnalysisFile, draftStatement, openForSignature, publishStatement, saveTranslation, signStatement } from './statements/statement.service.ts';
import { statement } from './coproduction.schema.ts';
import { listMembers } from '../agreement/adhesion/adhesion.service.ts';

type Result<T> = { ok: true; value: T } | { ok: false; error: string; fields?: Record<string, string> };
async function must<T>(what: string, outcome: Promise<Result<T>>): Promise<T> {
  const r = await outcome;
  if (!r.ok) throw new Error(`Co-production demo: ${what} failed: ${r.error} ${JSON.stringify(r.fields ?? {})}`);
  return r.value;
}

const actor = (personId: string, displayName: string, role: Role, kind: 'territory' | 'organisation', id: string): Actor => ({ personId, displayName, locale: 'ca', twoFactorVerified: true, grants: [{ role, scope: { kind, id } }] });
const promoter = (territoryId: string) => actor('00000f00-0000-4000-8000-000000000001', 'Grup impulsor', 'promoting-group-member', 'territory', territoryId);

/** Invented people who took part in past events; their ids only stand for who registered. */
const attendeeNames = ['Marta Soler', 'Youssef El Amrani', 'Laia Vives', 'Andrés Castillo', 'Ioana Radu', 'Jordi Prat', 'Fatou Diop', 'Núria Camps', 'Wang Li', 'Pilar Ortiz', 'Samir Haddad', 'Clara Font', 'Oleksandr Koval', 'Montse Riera', 'Bilal Khan', 'Anna Roca', 'Diego Herrera', 'Rosa Bosch', 'Amina Tahiri', 'Pere Mas', 'Lucía Navarro', 'Kofi Mensah', 'Elena Serra', 'Rahul Singh', 'Carme Puig', 'Mariam Bakr', 'Xavier Coll', 'Sofia Marin', 'Hassan Ouali', 'Irene Gil', 'Tomàs Vidal', 'Aïcha Ndiaye', 'Gemma Ruiz', 'Iván Morales', 'Sara Llopis', 'Omar Benali', 'Teresa Gual', 'Adrià Sala', 'Nadia Popa', 'Joan Ribas'];
const attendee = (i: number): Actor => ({ personId: `0000e000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`, displayName: attendeeNames[i % attendeeNames.length]!, locale: 'ca', twoFactorVerified: false, grants: [] });

interface DemoEvent {
  network: string | null;
  title: string;
  description: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  onlineUrl?: string;
  /** In the forum, the slug of the member municipality where it is held. */
  municipality?: string;
  capacity: number;
  /** How many ask for a place (beyond the capacity they wait), on the day the event was announced. */
  registrations: number;
  /** Of those with a place, how many came (past events only). */
  attended?: number;
  minutes?: string;
  announced: string;
  /** Demo people (by email) who registered. */
  people?: string[];
}

const barcelonaEvents: DemoEvent[] = [
  {
    network: 'homeless-people',
    title: 'Plenari de primavera de la Xarxa d’Atenció a Persones Sense Llar',
    description: 'Balanç de la campanya d’hivern, propostes per al recompte nocturn i torn obert de paraules.\nHi són convidades totes les entitats de la xarxa i els serveis municipals.',
    date: '2026-04-22',
    startTime: '17:30',
    endTime: '19:30',
    place: 'Centre Cívic Convent de Sant Agustí, carrer del Comerç 36, Barcelona',
    capacity: 60,
    registrations: 38,
    attended: 31,
    minutes: 'Hi van assistir 31 persones de 19 entitats i 3 serveis municipals.\nLa campanya d’hivern va oferir 150 places i va acollir 612 persones diferents.\nS’acorda preparar el recompte nocturn de maig amb voluntariat de totes les entitats.',
    announced: '2026-03-30',
  },
  {
    network: 'inclusion-housing',
    title: 'Jornada: l’Habitatge Primer a Barcelona, deu anys després',
    description: 'Una jornada per aprendre dels programes d’Habitatge Primer: què ha funcionat, què no i com créixer entre entitats i Ajuntament.',
    date: '2026-06-10',
    startTime: '09:30',
    endTime: '14:00',
    place: 'Espai Línia, Via Laietana 2, Barcelona',
    capacity: 80,
    registrations: 86,
    attended: 72,
    minutes: 'Es van presentar tres experiències d’Habitatge Primer i una avaluació de la Universitat.\nConclusió compartida: calen més pisos de lloguer social i un suport que no s’acabi als dos anys.',
    announced: '2026-05-12',
  },
  {
    network: 'immigration-legal-advice',
    title: 'Taller: com acompanyar els tràmits d’arrelament',
    description: 'Taller pràctic per a voluntariat i personal tècnic de les entitats: requisits, documents i errors freqüents en les sol·licituds d’arrelament.',
    date: '2026-09-17',
    startTime: '18:00',
    endTime: '20:00',
    place: 'Servei Jurídic Popular Drassanes, carrer de les Drassanes 12, Barcelona',
    onlineUrl: 'https://meet.jit.si/coproduce-arrelament-2026',
    capacity: 25,
    registrations: 25,
    attended: 22,
    minutes: 'Es va repassar el nou reglament d’estrangeria i es van resoldre 14 casos pràctics.\nEs comparteix una guia de documents que la xarxa penjarà a la biblioteca.',
    announced: '2026-08-28',
  },
  {
    network: null,
    title: 'Trobada anual de l’Acord Ciutadà per una Barcelona Inclusiva',
    description: 'La trobada de totes les entitats de l’Acord i de l’Ajuntament: balanç de l’any, reconeixements i prioritats per al 2027.',
    date: '2026-11-19',
    startTime: '17:00',
    endTime: '20:00',
    place: 'Saló de Cent, Ajuntament de Barcelona, plaça de Sant Jaume 1',
    capacity: 200,
    registrations: 40,
    attended: 36,
    minutes: 'Es van presentar els resultats de les xarxes d’acció i les prioritats del 2027: habitatge, alimentació adequada i drets de les persones migrades.',
    announced: '2026-10-20',
  },
  {
    network: 'homeless-people',
    title: 'Recompte nocturn: sessió per al voluntariat',
    description: 'Sessió de formació per a les persones voluntàries del proper recompte nocturn: com es fa, com es parla amb les persones i com es respecta la seva intimitat.',
    date: '2026-12-15',
    startTime: '18:00',
    endTime: '19:30',
    place: 'Fundació Sostre Obert, carrer de Sant Pau 58, Barcelona',
    capacity: 40,
    registrations: 12,
    announced: '2026-11-25',
    people: ['organisation-member@coproduce.example'],
  },
  {
    network: 'inclusion-housing',
    title: 'Debat obert en línia: places d’hivern i habitatge',
    description: 'Una conversa en línia entre entitats i serveis sobre com enllaçar les places d’hivern amb solucions d’habitatge estables.',
    date: '2027-01-20',
    startTime: '18:30',
    endTime: '20:00',
    place: '',
    onlineUrl: 'https://meet.jit.si/coproduce-places-hivern',
    capacity: 100,
    registrations: 9,
    announced: '2026-11-30',
  },
];

const forumEvents: DemoEvent[] = [
  {
    network: null,
    title: 'Assemblea del Fòrum Social Metropolità',
    description: 'Assemblea anual de les entitats i municipis del Fòrum: reptes socials metropolitans i xarxes de coproducció.',
    date: '2026-03-12',
    startTime: '10:00',
    endTime: '13:30',
    place: 'Centre Cultural Tecla Sala, avinguda de Josep Tarradellas 44, L’Hospitalet de Llobregat',
    municipality: 'hospitalet-de-llobregat',
    capacity: 120,
    registrations: 40,
    attended: 34,
    minutes: 'Van participar entitats de Barcelona, L’Hospitalet, Santa Coloma, Terrassa i Mataró.\nS’acorda que la Xarxa Metropolitana per la Inclusió Residencial redacti un marc d’acció conjunta.',
    announced: '2026-02-10',
  },
  {
    network: 'residential-inclusion',
    title: 'Sessió de treball: marc metropolità d’inclusió residencial',
    description: 'Segona sessió de redacció del marc d’acció conjunta contra l’exclusió residencial: comentaris a l’esborrany i esmenes.',
    date: '2026-12-17',
    startTime: '10:00',
    endTime: '12:30',
    place: 'Àrea Metropolitana de Barcelona, carrer 62 núm. 16, Barcelona',
    onlineUrl: 'https://meet.jit.si/coproduce-marc-residencial',
    municipality: 'barcelona',
    capacity: 30,
    registrations: 14,
    announced: '2026-11-20',
  },
  {
    network: null,
    title: 'Jornada metropolitana d’acollida d’hivern',
    description: 'Les entitats del Maresme i de l’àrea metropolitana posen en comú com obren i tanquen les places d’acollida d’hivern, i com n’acompanyen la sortida cap a un habitatge.',
    date: '2027-01-21',
    startTime: '16:00',
    endTime: '19:00',
    place: 'Can Palauet, carrer d’en Palau 32',
    municipality: 'mataro',
    capacity: 60,
    registrations: 9,
    announced: '2026-11-26',
  },
];

async function seedEvents(db: Db, territory: Territory, events: DemoEvent[]): Promise<number> {
  let people = 0;
  for (const [index, e] of events.entries()) {
    const network = e.network ? await findNetwork(db, territory.id, e.network) : null;
    const organiser = promoter(territory.id);
    const announced = new Date(`${e.announced}T09:00:00Z`);
    const heldIn = e.municipality ? await findTerritory(db, e.municipality) : null;
    const { id } = await must(
      e.title,
      scheduleEvent(db, organiser, territory.id, { networkId: network?.id ?? '', title: e.title, description: e.description, date: e.date, startTime: e.startTime, endTime: e.endTime, place: e.place, onlineUrl: e.onlineUrl ?? '', capacity: String(e.capacity), municipalityId: heldIn?.id ?? '' }),
    );
    await db.update(coproductionEvent).set({ createdAt: announced }).where(eq(coproductionEvent.id, id));
    const codes: string[] = [];
    for (let i = 0; i < e.registrations; i++) {
      const at = new Date(announced.getTime() + (i + 1) * 3_600_000);
      const r = await must('registration', register(db, attendee(index * 7 + i), id, at));
      if (r.status === 'registered') codes.push(r.code);
      people++;
    }
    for (const email of e.people ?? []) {
      const person = await findPersonByEmail(db, email);
      if (person) await must('registration', register(db, { personId: person.id, displayName: person.displayName, locale: 'ca', twoFactorVerified: false, grants: [] }, id, announced));
    }
    const end = new Date(`${e.date}T23:00:00Z`);
    for (const code of codes.slice(0, e.attended ?? 0)) await must('attendance', markAttendance(db, organiser, id, code, end));
    if (e.minutes) await must('minutes', recordEventMinutes(db, organiser, id, e.minutes, end));
  }
  return people;
}

async function memberActor(db: Db, networkId: string, nth: number): Promise<{ actor: Actor; organisationId: string } | null> {
  const members = (await networkMembers(db, networkId, 'member')).filter((m) => m.organisationId);
  const m = members[nth % Math.max(members.length, 1)];
  if (!m?.organisationId) return null;
  const names = ['Laia Ferrer', 'Karim Bouzid', 'Marina Costa', 'Ahmed Saleh', 'Helena Pons', 'Víctor Lara'];
  return { actor: actor(`0000d000-0000-4000-8000-${String(nth + 1).padStart(12, '0')}`, names[nth % names.length]!, 'organisation-member', 'organisation', m.organisationId), organisationId: m.organisationId };
}

async function seedDebate(db: Db, territory: Territory, networkSlug: string, title: string, question: string, contributions: string[], hide?: { index: number; reason: string }) {
  const network = await findNetwork(db, territory.id, networkSlug);
  if (!network) return;
  const { id } = await must(title, openDebate(db, promoter(territory.id), territory.id, { networkId: network.id, title, question }));
  const ids: string[] = [];
  for (const [i, body] of contributions.entries()) {
    const member = await memberActor(db, network.id, i);
    if (!member) continue;
    ids.push((await must('contribution', contribute(db, member.actor, id, { organisationId: member.organisationId, body }))).id);
  }
  if (hide && ids[hide.index]) await must('hide', hideContribution(db, promoter(territory.id), id, ids[hide.index]!, hide.reason));
}

interface DemoStatement {
  network: string;
  title: string;
  body: string;
  translations: { locale: string; title: string; body: string }[];
  drafted: string;
  opened: string;
  closesOn: string;
  signatures: number;
  published?: string;
  /** An analysis: a report with its files (each a few lines of text, written into a one-page PDF). */
  analysis?: { files: { name: string; lines: string[] }[] };
}

/** A one-page PDF with a few lines of text (Helvetica, Latin-1): a real report file for the demo, built without a browser. */
export function demoPdf(lines: string[]): Buffer {
  const escape = (line: string) => line.replace(/[\\()]/g, (c) => `\\${c}`);
  const text = ['BT', '/F1 12 Tf', '16 TL', '56 780 Td', ...lines.map((line) => `(${escape(line)}) '`), 'ET'].join('\n');
  const stream = Buffer.from(text, 'latin1');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  const push = (b: Buffer) => {
    parts.push(b);
    at += b.length;
  };
  objects.forEach((body, i) => {
    offsets.push(at);
    push(Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1'));
  });
  offsets.push(at);
  push(Buffer.concat([Buffer.from(`5 0 obj\n<< /Length ${stream.length} >>\nstream\n`, 'latin1'), stream, Buffer.from('\nendstream\nendobj\n', 'latin1')]));
  const xref = at;
  push(Buffer.from(`xref\n0 6\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

const barcelonaStatement: DemoStatement = {
  network: 'homeless-people',
  title: 'Ningú no ha de dormir al carrer aquest hivern',
  body: "Les entitats de la Xarxa d'Atenció a Persones Sense Llar i l'Ajuntament de Barcelona declarem que dormir al carrer no és una opció.\nL'últim recompte nocturn va trobar 1.384 persones dormint al carrer: són veïnes i veïns de la ciutat.\nDemanem places d'hivern obertes tot l'any, pisos de sortida per a cada persona acollida i que ningú no perdi l'empadronament per no tenir casa.",
  translations: [
    { locale: 'es', title: 'Nadie debe dormir en la calle este invierno', body: 'Las entidades de la Red de Atención a Personas sin Hogar y el Ayuntamiento de Barcelona declaramos que dormir en la calle no es una opción.\nEl último recuento nocturno encontró 1.384 personas durmiendo en la calle: son vecinas y vecinos de la ciudad.\nPedimos plazas de invierno abiertas todo el año, pisos de salida para cada persona acogida y que nadie pierda el empadronamiento por no tener casa.' },
    { locale: 'en', title: 'No one should sleep rough this winter', body: 'The organisations of the Network for Assistance to Homeless People and Barcelona City Council declare that sleeping rough is not an option.\nThe last night count found 1,384 people sleeping rough: they are neighbours in this city.\nWe ask for winter places open all year round, move-on flats for every person taken in, and that no one loses their registration in the municipal register for having no home.' },
  ],
  drafted: '2026-09-01',
  opened: '2026-09-08',
  closesOn: '2026-10-09',
  signatures: 12,
  published: '2026-10-10',
};

const forumStatement: DemoStatement = {
  network: 'residential-inclusion',
  title: 'Per un protocol metropolità contra els desnonaments sense alternativa',
  body: "Els municipis i les entitats del Fòrum Social Metropolità demanem un protocol comú perquè cap família quedi sense alternativa habitacional el dia del llançament.\nEl protocol ha d'unir serveis socials, jutjats i entitats de tots els municipis de l'àrea metropolitana.",
  translations: [{ locale: 'es', title: 'Por un protocolo metropolitano contra los desahucios sin alternativa', body: 'Los municipios y las entidades del Foro Social Metropolitano pedimos un protocolo común para que ninguna familia quede sin alternativa habitacional el día del lanzamiento.\nEl protocolo debe unir servicios sociales, juzgados y entidades de todos los municipios del área metropolitana.' }],
  drafted: '2026-11-10',
  opened: '2026-11-16',
  closesOn: '2026-12-20',
  signatures: 3,
};

const forumAnalysis: DemoStatement = {
  network: 'residential-inclusion',
  title: 'Informe: l’exclusió residencial a l’àrea metropolitana, 2026',
  body: "La Xarxa Metropolitana per la Inclusió Residencial ha reunit les dades de les entitats de Barcelona, L'Hospitalet, Santa Coloma, Terrassa i Mataró sobre les famílies que atenen.\nUna de cada tres famílies acompanyades viu en un habitatge sense contracte o amb un desnonament en curs.\nL'informe proposa compartir una borsa metropolitana de pisos de sortida i un protocol comú davant dels desnonaments.",
  translations: [
    {
      locale: 'es',
      title: 'Informe: la exclusión residencial en el área metropolitana, 2026',
      body: 'La Red Metropolitana para la Inclusión Residencial ha reunido los datos de las entidades de Barcelona, L’Hospitalet, Santa Coloma, Terrassa y Mataró sobre las familias que atienden.\nUna de cada tres familias acompañadas vive en una vivienda sin contrato o con un desahucio en curso.\nEl informe propone compartir una bolsa metropolitana de pisos de salida y un protocolo común ante los desahucios.',
    },
  ],
  drafted: '2026-06-01',
  opened: '2026-06-08',
  closesOn: '2026-07-03',
  signatures: 6,
  published: '2026-07-06',
  analysis: {
    files: [
      {
        name: 'informe-exclusio-residencial-2026.pdf',
        lines: [
          'Forum Social Metropolita - Xarxa Metropolitana per la Inclusio Residencial',
          'Informe: l\'exclusio residencial a l\'area metropolitana, 2026',
          '',
          '1 de cada 3 families acompanyades viu sense contracte o amb un desnonament en curs.',
          'Proposta: una borsa metropolitana de pisos de sortida i un protocol comu.',
        ],
      },
    ],
  },
};

async function seedStatement(db: Db, territory: Territory, s: DemoStatement): Promise<number> {
  const network = await findNetwork(db, territory.id, s.network);
  if (!network) return 0;
  const drafter = actor('0000c000-0000-4000-8000-000000000011', 'Lucía Romero', 'network-coordinator', 'territory', territory.id);
  const { id } = await must(s.title, draftStatement(db, drafter, territory.id, { networkId: network.id, locale: 'ca', title: s.title, body: s.body, kind: s.analysis ? 'analysis' : 'statement' }));
  for (const tr of s.translations) await must('translation', saveTranslation(db, drafter, id, tr));
  for (const file of s.analysis?.files ?? []) await must('file', attachAnalysisFile(db, drafter, id, { name: file.name, content: demoPdf(file.lines), truncated: false }, new Date(`${s.drafted}T12:00:00Z`)));
  const opened = new Date(`${s.opened}T09:00:00Z`);
  await must('open', openForSignature(db, drafter, id, s.closesOn, opened));
  const members = (await listMembers(db, territory.id)).slice(0, s.signatures);
  for (const [i, m] of members.entries()) {
    const admin = actor(`0000a000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`, attendeeNames[i]!, 'organisation-admin', 'organisation', m.organisationId);
    await must('signature', signStatement(db, admin, id, m.organisationId, new Date(opened.getTime() + (i + 1) * 86_400_000)));
  }
  if (s.published) await must('publish', publishStatement(db, drafter, id, new Date(`${s.published}T10:00:00Z`)));
  await db.update(statement).set({ createdAt: new Date(`${s.drafted}T09:00:00Z`) }).where(eq(statement.id, id));
  return members.length;
}

export async function seedCoproduction({ db, log }: SeedContext): Promise<void> {
  const barcelona = await findTerritory(db, 'barcelona');
  const forum = await findTerritory(db, 'metropolitan-social-forum');
  if (!barcelona || !forum) return;
  const [already] = await db.select({ id: coproductionEvent.id }).from(coproductionEvent).where(and(eq(coproductionEvent.territoryId, barcelona.id)));
  if (already) return;
  const people = (await seedEvents(db, barcelona, barcelonaEvents)) + (await seedEvents(db, forum, forumEvents));
  await seedDebate(
    db,
    barcelona,
    'homeless-people',
    'Com enllacem les places d’hivern amb un habitatge estable?',
    'Cada hivern obrim places d’urgència que es tanquen a la primavera. Com podem fer que les persones acollides no tornin al carrer?',
    [
      'Proposem que cada plaça d’hivern tingui una persona de referència que segueixi el cas després del tancament.',
      'Ens falten pisos de sortida. Sense pisos de lloguer social, l’acompanyament no n’hi ha prou.',
      'Compreu a la botiga www.exemple-ofertes.example amb el codi HIVERN!',
      'Podríem compartir entre entitats una borsa de pisos de sortida, com a Habitatge Primer.',
    ],
    { index: 2, reason: 'Publicitat que no té a veure amb el debat.' },
  );
  await seedDebate(
    db,
    forum,
    'residential-inclusion',
    'Què ha de dir el marc metropolità sobre els desnonaments?',
    'L’esborrany del marc d’acció conjunta tracta la prevenció dels desnonaments. Quins compromisos han d’assumir municipis i entitats?',
    ['Un protocol comú perquè cap família amb infants quedi sense alternativa el dia del llançament.', 'Que els serveis socials de cada municipi comparteixin les dades (anònimes) dels desnonaments per barri.'],
  );
  const signatures = (await seedStatement(db, barcelona, barcelonaStatement)) + (await seedStatement(db, forum, forumStatement));
  const analysisSignatures = await seedStatement(db, forum, forumAnalysis);
  log(`Co-production: ${barcelonaEvents.length + forumEvents.length} events with ${people} registrations, 2 debates, 2 statements with ${signatures} signatures, 1 analysis with ${analysisSignatures}`);
}
