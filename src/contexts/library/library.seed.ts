// Demo library, built only through this context's services: Barcelona's and the Metropolitan Social Forum's
// organisations, networks and council sharing guides, experiences, studies, tools and initiatives over the past
// year, with a few comments between organisations.
import { eq } from 'drizzle-orm';
import type { SeedContext } from '../../platform/manifest.ts';
import type { Db } from '../../platform/db/client.ts';
import type { FileStore } from '../../platform/files/file-store.ts';
import type { Actor, Role } from '../../platform/auth/permissions.ts';
import { findTerritory, type Territory } from '../territories/territory.service.ts';
import { findNetwork } from '../agreement/networks/network.service.ts';
import { listMembers } from '../agreement/adhesion/adhesion.service.ts';
import { districtNames } from '../agreement/organisations/organisation.service.ts';
import { libraryItem } from './library.schema.ts';
import { addComment, shareItem } from './library.service.ts';

type Result<T> = { ok: true; value: T } | { ok: false; error: string; fields?: Record<string, string> };
async function must<T>(what: string, outcome: Promise<Result<T>>): Promise<T> {
  const r = await outcome;
  if (!r.ok) throw new Error(`Library demo: ${what} failed: ${r.error} ${JSON.stringify(r.fields ?? {})}`);
  return r.value;
}

/** The demo's items have no files: a seed has no upload to keep, so a store that is used is a mistake. */
const noFiles: FileStore = {
  kind: 'disk',
  put: async () => {
    throw new Error('Library demo items have no files');
  },
  get: async () => null,
  remove: async () => undefined,
  list: async () => [],
};

const actor = (n: number, displayName: string, role: Role, kind: 'territory' | 'organisation' | 'network', id: string): Actor => ({
  personId: `0000b100-0000-4000-8000-${String(n).padStart(12, '0')}`,
  displayName,
  locale: 'ca',
  twoFactorVerified: true,
  grants: [{ role, scope: { kind, id } }],
});

interface DemoItem {
  /** An organisation's name, 'network:<slug>', or 'council'. */
  by: string;
  person: string;
  kind: 'initiative' | 'experience' | 'guide' | 'study' | 'tool';
  title: string;
  summary: string;
  body: string;
  links?: string;
  areas: string[];
  /** Parts of district names. */
  districts?: string[];
  languages: string[];
  licence: 'cc-by-4.0' | 'cc-by-sa-4.0' | 'cc0' | 'all-rights-reserved';
  date: string;
  comments?: { by: string; person: string; body: string; date: string }[];
}

const barcelonaItems: DemoItem[] = [
  {
    by: 'Associació Habitatge Digne Nou Barris',
    person: 'Rosa Bosch',
    kind: 'guide',
    title: "Guia per aturar un desnonament: què fer i a qui trucar",
    summary: "Els passos, en ordre, quan una família rep una carta del jutjat: terminis, drets, serveis d'habitatge i entitats que acompanyen.",
    body: "Aquesta guia recull deu anys d'acompanyament a famílies de Nou Barris amb risc de perdre l'habitatge.\n\nPrimer: no deixeu passar el termini. La carta del jutjat diu quants dies teniu per respondre; demaneu advocat d'ofici el mateix dia.\n\nSegon: aneu a l'Oficina d'Habitatge del districte i als serveis socials. Un informe de vulnerabilitat pot aturar el llançament.\n\nTercer: parleu amb la propietat o el banc. Moltes vegades hi ha un lloguer social possible si algú hi media.",
    links: "https://www.habitatge.barcelona Habitatge – Ajuntament de Barcelona",
    areas: ['housing', 'legal-advice'],
    districts: ['Nou Barris'],
    languages: ['ca'],
    licence: 'cc-by-sa-4.0',
    date: '2026-01-20',
    comments: [
      { by: 'Servei Jurídic Popular Drassanes', person: 'Omar Benali', body: "Molt útil. Afegiríem que l'advocat d'ofici es pot demanar també per telèfon al Col·legi.", date: '2026-01-28' },
      { by: 'Fundació Sostre Obert', person: 'Jordi Serra', body: 'La farem servir a les formacions de voluntariat d’aquesta primavera.', date: '2026-02-04' },
    ],
  },
  {
    by: 'Fundació Sostre Obert',
    person: 'Laia Vives',
    kind: 'experience',
    title: "Habitatge Primer a Ciutat Vella: el que hem après en cinc anys",
    summary: "Quaranta persones que vivien al carrer tenen pis des de fa més de dos anys. Què ha funcionat, què no, i què demanem a l'Ajuntament.",
    body: "Vam començar el 2021 amb deu pisos i un equip de quatre persones.\n\nEl que ha funcionat: el pis primer, sense condicions prèvies; un acompanyament que no té data de final; la feina amb el veïnat des del primer dia.\n\nEl que no: els pisos lluny del barri de la persona, i la rotació de l'equip.\n\nDemanem més habitatge de lloguer social repartit per tots els districtes.",
    areas: ['homelessness', 'housing'],
    districts: ['Ciutat Vella'],
    languages: ['ca', 'es'],
    licence: 'cc-by-4.0',
    date: '2026-03-11',
    comments: [{ by: 'Associació Rumb a Casa', person: 'Kofi Mensah', body: 'Ens agradaria conèixer com treballeu amb el veïnat. Podem fer una trobada?', date: '2026-03-19' }],
  },
  {
    by: 'network:homeless-people',
    person: 'Lucía Romero',
    kind: 'study',
    title: 'Recompte nocturn 2026: persones que dormen al carrer a Barcelona',
    summary: 'Els resultats del recompte de maig fet per 600 voluntaris de les entitats de la xarxa, barri a barri, i la comparació amb els anys anteriors.',
    body: "La nit del 14 de maig, 600 persones voluntàries van recórrer tots els barris de la ciutat.\n\nVam comptar 1.384 persones dormint al carrer, un 6 % més que el 2025. La meitat fa més d'un any que hi viu.\n\nL'estudi proposa obrir places estables i no només d'hivern, i reforçar els equips de carrer als districtes amb més creixement.",
    areas: ['homelessness'],
    languages: ['ca', 'es', 'en'],
    licence: 'cc-by-4.0',
    date: '2026-06-02',
  },
  {
    by: 'council',
    person: 'Equip de Drets Socials',
    kind: 'tool',
    title: "Mapa de recursos d'alimentació de la ciutat",
    summary: 'Bancs i rebosts, menjadors socials i targetes moneder, per districte, amb horaris i com accedir-hi. Actualitzat cada trimestre.',
    body: "Un full de càlcul obert amb tots els punts de distribució d'aliments que coneixem, públics i d'entitats.\n\nCada fila diu l'adreça, l'horari, si cal derivació dels serveis socials i les llengües en què s'atén.\n\nSi sou una entitat i hi falta el vostre punt, escriviu-nos.",
    links: "https://opendata-ajuntament.barcelona.cat Dades obertes de l'Ajuntament",
    areas: ['food', 'poverty'],
    languages: ['ca', 'es'],
    licence: 'cc0',
    date: '2026-02-16',
  },
  {
    by: 'Rebost Solidari de Sants',
    person: 'Carme Puig',
    kind: 'initiative',
    title: 'Rebost de tria lliure: les famílies escullen els seus aliments',
    summary: "Com vam passar del lot tancat al supermercat solidari amb punts, i per què les famílies hi guanyen dignitat i hi llencem menys menjar.",
    body: "Fins al 2024 repartíem un lot igual per a tothom. Ara cada família té punts segons la seva mida i tria a les prestatgeries.\n\nHem reduït el menjar llençat a la meitat i les cues han desaparegut amb cita prèvia.\n\nExpliquem el programari que fem servir, la formació del voluntariat i el cost.",
    areas: ['food', 'poverty'],
    districts: ['Sants'],
    languages: ['ca', 'es'],
    licence: 'cc-by-sa-4.0',
    date: '2025-12-15',
    comments: [{ by: 'Associació Pa i Roses Trinitat', person: 'Amina Tahiri', body: 'Nosaltres ho volem provar a la Trinitat. Quin programari feu servir per als punts?', date: '2026-01-08' }],
  },
  {
    by: 'Fundació Feina Digna',
    person: 'Xavier Coll',
    kind: 'guide',
    title: 'Guía para contratar a personas migradas sin permiso de trabajo: el arraigo para la formación',
    summary: 'Qué es el arraigo para la formación, qué empresas pueden ofrecer contrato al terminar y cómo acompañamos a cada persona.',
    body: "El arraigo para la formación permite a una persona que lleva dos años en España estudiar y, al terminar, trabajar con contrato.\n\nEsta guía explica los requisitos, los papeles, los plazos y las formaciones que cuentan.\n\nIncluye el modelo de carta de compromiso de contratación que usamos con las empresas.",
    areas: ['employment', 'migration'],
    languages: ['es'],
    licence: 'cc-by-4.0',
    date: '2026-04-07',
  },
  {
    by: 'Associació Cuidem Qui Cuida',
    person: 'Montse Riera',
    kind: 'experience',
    title: 'Grups de respir per a persones cuidadores: un any a Eixample i Sarrià',
    summary: 'Dues hores a la setmana per a qui cuida un familiar: què hi fem, qui hi ve i què en diuen les persones cuidadores.',
    body: "Cada dimarts, mentre un equip de voluntariat acompanya la persona gran, les cuidadores es troben.\n\nHem fet 42 sessions amb 65 persones, la majoria dones de més de 55 anys.\n\nEl que més valoren: poder parlar amb qui viu el mateix i saber quins ajuts hi ha.",
    areas: ['caregiving', 'older-people', 'gender'],
    districts: ['Eixample', 'Sarrià'],
    languages: ['ca'],
    licence: 'cc-by-4.0',
    date: '2026-07-21',
  },
  {
    by: 'council',
    person: 'Equip de Drets Socials',
    kind: 'study',
    title: "Informe sobre l'accés a l'habitatge de les persones joves",
    summary: "Quant paguen de lloguer els joves de 18 a 34 anys, quants viuen amb la família i quins ajuts demanen, per districte.",
    body: "L'informe fa servir l'enquesta de joves de 2025 i les dades dels ajuts al lloguer.\n\nUn jove que lloga sol hi destina de mitjana el 62 % dels ingressos. Set de cada deu viuen encara amb la família.\n\nProposa ampliar la borsa d'habitatge jove i els pisos compartits amb gent gran.",
    areas: ['housing', 'education'],
    languages: ['ca', 'es'],
    licence: 'cc-by-4.0',
    date: '2026-09-30',
    comments: [{ by: 'Fundació Llar Compartida', person: 'Sofia Marin', body: "Gràcies per incloure l'habitatge compartit entre generacions. Hi ha 40 parelles que ho fan ara mateix.", date: '2026-10-06' }],
  },
  {
    by: 'Associació Llibres i Llengües',
    person: 'Wang Li',
    kind: 'tool',
    title: 'Targetes de conversa en català per a les primeres setmanes',
    summary: 'Cinquanta targetes amb les frases del dia a dia (metge, escola, feina, botiga) en català, amb la traducció a sis llengües.',
    body: "Les targetes les van fer les mateixes alumnes dels nostres cursos.\n\nCada targeta té una situació, les frases que calen i un dibuix. Les podeu imprimir i fer servir a classe o a l'acollida.\n\nLlicència lliure: adapteu-les al vostre barri.",
    areas: ['education', 'migration'],
    districts: ['Ciutat Vella', 'Gràcia'],
    languages: ['ca', 'zh', 'ur', 'bn'],
    licence: 'cc-by-sa-4.0',
    date: '2026-10-28',
  },
];

const forumItems: DemoItem[] = [
  {
    by: 'network:residential-inclusion',
    person: 'Coordinació de la xarxa',
    kind: 'study',
    title: "Desnonaments a l'àrea metropolitana: dades per municipi 2025",
    summary: "Quants llançaments hi va haver a cada municipi del Fòrum, quants es van aturar i amb quins recursos.",
    body: "Hem reunit les dades dels jutjats i dels serveis socials de nou municipis.\n\nEl 2025 es van fer 3.912 llançaments; se'n van aturar 1.140 amb mediació o un informe de vulnerabilitat.\n\nLa diferència entre municipis és gran: on hi ha un servei d'intermediació, se n'aturen el doble.",
    areas: ['housing', 'poverty'],
    languages: ['ca', 'es'],
    licence: 'cc-by-4.0',
    date: '2026-02-25',
  },
  {
    by: 'Fundació Braços Oberts',
    person: 'Oleksandr Koval',
    kind: 'guide',
    title: 'Guía de acogida para personas refugiadas de Ucrania en el área metropolitana',
    summary: 'Primeros trámites, alojamiento, escuela y sanidad: lo que hay en cada municipio del Foro y a quién dirigirse.',
    body: "Esta guía nació en 2022 y la hemos puesto al día con los cambios de la protección temporal.\n\nExplica cómo pedir la tarjeta sanitaria, escolarizar a los niños y encontrar clases de lengua.\n\nAl final hay una lista de las entidades del Foro que atienden en ucraniano y ruso.",
    areas: ['migration', 'legal-advice'],
    languages: ['es', 'uk'],
    licence: 'cc-by-4.0',
    date: '2026-05-18',
  },
  {
    by: 'Cooperativa Habitatge Cooperatiu La Teulada',
    person: 'Adrià Sala',
    kind: 'initiative',
    title: "Habitatge cooperatiu en cessió d'ús: com començar un grup",
    summary: "Les passes per formar una cooperativa d'habitatge, trobar sòl públic i finançament, amb els calendaris reals de tres projectes.",
    body: "Un grup sol trigar entre quatre i sis anys des de la primera reunió fins a entrar a viure.\n\nExpliquem les fases: el grup, l'estatut, el sòl (sovint un dret de superfície municipal), el projecte i el crèdit.\n\nTambé els errors que vam fer nosaltres, perquè no els repetiu.",
    areas: ['housing'],
    languages: ['ca'],
    licence: 'cc-by-sa-4.0',
    date: '2026-08-12',
    comments: [{ by: 'Associació Habitatge Digne Nou Barris', person: 'Rosa Bosch', body: "Hi ha famílies que acompanyem que s'hi voldrien apuntar. Feu sessions informatives?", date: '2026-08-26' }],
  },
  {
    by: 'Servei Jurídic Popular Drassanes',
    person: 'Omar Benali',
    kind: 'tool',
    title: "Calculadora de terminis per a l'arrelament social",
    summary: "Un full de càlcul que diu, a partir de la data d'arribada i dels padrons, quan es pot demanar cada tipus d'arrelament.",
    body: "L'hem fet per als equips d'acollida de les entitats del Fòrum.\n\nEscriviu la data d'arribada i les dates d'empadronament; el full calcula els terminis i avisa dels buits.\n\nNo substitueix l'assessorament jurídic: és una ajuda per preparar la cita.",
    areas: ['legal-advice', 'migration'],
    languages: ['ca', 'es', 'ar', 'fr'],
    licence: 'cc0',
    date: '2026-11-04',
  },
  {
    by: 'Fundació Maresme Sense Llar',
    person: 'Núria Vilaró',
    kind: 'experience',
    title: "Obrir l'acollida d'hivern en una ciutat mitjana: el que hem après a Mataró",
    summary: "Com vam passar de 12 a 40 places d'acollida nocturna en tres hiverns, amb l'Ajuntament i el veïnat.",
    body: "El primer hivern vam obrir un equipament esportiu amb 12 lliteres i voluntariat de quatre entitats.\n\nAl tercer ja teníem 40 places, un equip d'educadores i un acord amb l'Ajuntament per mantenir-les obertes de novembre a març.\n\nEl que més ens va costar no van ser els diners, sinó trobar un espai que el veïnat acceptés: expliquem com ho vam parlar barri a barri.",
    areas: ['homelessness', 'housing'],
    languages: ['ca'],
    licence: 'cc-by-4.0',
    date: '2026-10-08',
  },
];

async function seedItems(db: Db, territory: Territory, items: DemoItem[]): Promise<{ items: number; comments: number }> {
  const members = new Map((await listMembers(db, territory.id)).map((m) => [m.name, m.organisationId]));
  const districts = [...(await districtNames(db, territory.id))];
  let person = territory.slug === 'barcelona' ? 1 : 500;
  let comments = 0;
  const as = async (by: string, name: string): Promise<{ actor: Actor; publisher: string }> => {
    person++;
    if (by === 'council') return { actor: actor(person, name, 'territory-admin', 'territory', territory.id), publisher: 'council' };
    if (by.startsWith('network:')) {
      const network = await findNetwork(db, territory.id, by.slice('network:'.length));
      if (!network) throw new Error(`Library demo: no network ${by}`);
      return { actor: actor(person, name, 'network-coordinator', 'network', network.id), publisher: `network:${network.id}` };
    }
    const organisationId = members.get(by);
    if (!organisationId) throw new Error(`Library demo: ${by} is not a member in ${territory.slug}`);
    return { actor: actor(person, name, 'organisation-member', 'organisation', organisationId), publisher: `organisation:${organisationId}` };
  };
  for (const item of items) {
    const { actor: sharer, publisher } = await as(item.by, item.person);
    const districtIds = (item.districts ?? []).flatMap((part) => districts.filter(([, name]) => name.includes(part)).map(([id]) => id));
    const { id } = await must(
      item.title,
      shareItem(
        db,
        noFiles,
        sharer,
        territory,
        { publisher, kind: item.kind, title: item.title, summary: item.summary, body: item.body, links: item.links ?? '', areas: item.areas, districtIds, languages: item.languages, licence: item.licence, uploads: [] },
        'ca',
        new Date(`${item.date}T10:00:00Z`),
      ),
    );
    for (const c of item.comments ?? []) {
      // A commenting organisation may be a member of another territory: comments are by members of any organisation.
      // The demo's comments are typed in Catalan, on Catalan pages.
      const organisationId = members.get(c.by) ?? (await listMembers(db, (await findTerritory(db, 'barcelona'))!.id)).find((m) => m.name === c.by)?.organisationId;
      if (!organisationId) throw new Error(`Library demo: no organisation ${c.by}`);
      person++;
      await must(`comment on ${item.title}`, addComment(db, actor(person, c.person, 'organisation-member', 'organisation', organisationId), territory.id, id, { organisationId, body: c.body, lang: 'ca' }, new Date(`${c.date}T16:00:00Z`)));
      comments++;
    }
  }
  return { items: items.length, comments };
}

export async function seedLibrary({ db, log }: SeedContext): Promise<void> {
  const barcelona = await findTerritory(db, 'barcelona');
  const forum = await findTerritory(db, 'metropolitan-social-forum');
  if (!barcelona || !forum) return;
  const [already] = await db.select({ id: libraryItem.id }).from(libraryItem).where(eq(libraryItem.territoryId, barcelona.id)).limit(1);
  if (already) return;
  const a = await seedItems(db, barcelona, barcelonaItems);
  const b = await seedItems(db, forum, forumItems);
  log(`Library: ${a.items + b.items} items shared, ${a.comments + b.comments} comments`);
}
