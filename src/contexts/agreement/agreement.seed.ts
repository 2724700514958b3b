// The demo's Agreement: Barcelona's Citizen's Agreement and the Metropolitan Social Forum, about forty invented
// organisations, the eleven action networks, adhesions, a meeting with decisions and challenges with support.
import { eq } from 'drizzle-orm';
import type { SeedContext } from '../../platform/manifest.ts';
import type { Db } from '../../platform/db/client.ts';
import { findTerritory, listAreas } from '../territories/territory.service.ts';
import {
  adhesion,
  adhesionEvent,
  agreementSpace,
  challenge,
  challengeNetwork,
  challengeStatusChange,
  challengeSupport,
  commitmentsVersion,
  meeting,
  meetingDecision,
  network,
  networkMember,
  organisation,
  workingGroup,
  type Translated,
} from './agreement.schema.ts';
import { barcelonaNetworks, demoOrganisations, forumOrganisations, residentialInclusionNetwork, type DemoNetwork } from './agreement.seed.demo-data.ts';
import { searchDocument } from './organisations/organisation.service.ts';
import { networkSearchDocument } from './networks/network.service.ts';
import { grantDemoRole } from '../identity/identity.seed.ts';

const promotingGroupName = 'Grup impulsor';
export const demoOrganisationAdminOf = 'Empresa d’Inserció Reverdeix';
export const demoOrganisationMemberOf = 'Fundació Sostre Obert';

export const barcelonaCommitments: Translated = {
  ca: "Treballar activament per la inclusió, juntament amb altres organitzacions de la ciutat.\nCompartir i intercanviar informació i coneixement de tota mena d'iniciatives, experiències i accions.\nContribuir, des de cada organització, a la construcció d'un projecte de ciutat compartit.",
  es: 'Trabajar activamente por la inclusión, junto con otras organizaciones de la ciudad.\nCompartir e intercambiar información y conocimiento de todo tipo de iniciativas, experiencias y acciones.\nContribuir, desde cada organización, a la construcción de un proyecto de ciudad compartido.',
  en: 'Actively working for inclusion, jointly with other organisations in the city.\nSharing and exchanging information and knowledge of all types of initiatives, experiences and actions.\nContributing from each organisation to the construction of a shared city project.',
  ar: 'العمل بنشاط من أجل الإدماج، مع منظمات أخرى في المدينة.\nتبادل المعلومات والمعرفة حول كل أنواع المبادرات والتجارب والأعمال.\nأن تساهم كل منظمة في بناء مشروع مشترك للمدينة.',
};

const forumCommitments: Translated = {
  ca: "Identificar i abordar plegats els reptes socials metropolitans.\nCompartir coneixement i aprendre les unes de les altres.\nImpulsar xarxes de coproducció entre municipis i entitats.",
  es: 'Identificar y abordar juntos los retos sociales metropolitanos.\nCompartir conocimiento y aprender unas de otras.\nImpulsar redes de coproducción entre municipios y entidades.',
  en: 'Identifying and addressing metropolitan social challenges together.\nSharing knowledge and learning from each other.\nPromoting co-production networks between municipalities and organisations.',
  ar: 'تحديد التحديات الاجتماعية في المنطقة الحضرية الكبرى ومعالجتها معًا.\nتبادل المعرفة والتعلّم من بعضنا البعض.\nتعزيز شبكات الإنتاج المشترك بين البلديات والجمعيات.',
};

/** A stable number from a name, so the demo's dates are spread but the same at every start. */
function nameHash(name: string): number {
  let h = 2166136261;
  for (const c of name) h = Math.imul(h ^ c.codePointAt(0)!, 16777619) >>> 0;
  return h;
}

/** A working day's morning between the first day of month `from` and the end of month `to` (1-12) of `year`, chosen by the name. */
function dayOf(name: string, year: number, from: number, to: number): Date {
  const start = Date.UTC(year, from - 1, 1);
  const span = Date.UTC(year, to, 0) - start;
  const day = new Date(start + (nameHash(name) % Math.floor(span / 86_400_000)) * 86_400_000);
  // Saturdays and Sundays move to the Monday after.
  const weekday = day.getUTCDay();
  if (weekday === 6 || weekday === 0) day.setUTCDate(day.getUTCDate() + (weekday === 6 ? 2 : 1));
  day.setUTCHours(9 + (nameHash(name) % 8), (nameHash(name) >> 3) % 60);
  return day;
}

async function insertNetwork(db: Db, territoryId: string, n: DemoNetwork, createdAt: Date) {
  const [row] = await db
    .insert(network)
    .values({ territoryId, ...n, searchDocument: networkSearchDocument(n.name, n.purpose, n.goals), createdByName: promotingGroupName, createdAt })
    .returning();
  return row!;
}

export async function seedAgreement({ db, log }: SeedContext): Promise<void> {
  const barcelona = await findTerritory(db, 'barcelona');
  const forum = await findTerritory(db, 'metropolitan-social-forum');
  if (!barcelona || !forum) return;
  const [done] = await db.select().from(agreementSpace).where(eq(agreementSpace.territoryId, barcelona.id));
  if (done) return;

  await db.insert(agreementSpace).values([
    {
      territoryId: barcelona.id,
      title: { ca: 'Acord Ciutadà per una Barcelona Inclusiva', es: 'Acuerdo Ciudadano por una Barcelona Inclusiva', en: "Citizen's Agreement for an Inclusive Barcelona", ar: 'الاتفاق المواطني من أجل برشلونة دامجة' },
      description: {
        ca: "Un espai compartit entre el govern de la ciutat i la societat civil per a la inclusió social. Va néixer el 2006, dins del Pla municipal per a la inclusió social 2005–2010.",
        es: 'Un espacio compartido entre el gobierno de la ciudad y la sociedad civil para la inclusión social. Nació en 2006, dentro del Plan municipal para la inclusión social 2005–2010.',
        en: 'A shared space between the city government and civil society for social inclusion. It was born in 2006, within the Municipal Plan for Social Inclusion 2005–2010.',
        ar: 'فضاء مشترك بين حكومة المدينة والمجتمع المدني من أجل الإدماج الاجتماعي. وُلد سنة 2006 ضمن الخطة البلدية للإدماج الاجتماعي 2005–2010.',
      },
      goals: {
        ca: 'Construir una Barcelona més inclusiva i promoure els drets socials\nGenerar propostes de participació, cooperació publicoprivada i acció conjunta\nEnfortir la capacitat organitzativa del sector social',
        es: 'Construir una Barcelona más inclusiva y promover los derechos sociales\nGenerar propuestas de participación, cooperación público-privada y acción conjunta\nFortalecer la capacidad organizativa del sector social',
        en: 'To build a more inclusive Barcelona and promote social rights\nTo generate proposals in participation, public-private cooperation and joint action\nTo strengthen the organisational capacity of the social sector',
        ar: 'بناء برشلونة أكثر إدماجًا وتعزيز الحقوق الاجتماعية\nتقديم مقترحات في المشاركة والتعاون بين القطاعين العام والخاص والعمل المشترك\nتقوية القدرة التنظيمية للقطاع الاجتماعي',
      },
      promotingGroup: {
        ca: "L'Ajuntament de Barcelona i un grup impulsor d'entitats socials, que proposa i coordina les activitats de l'Acord.",
        es: 'El Ayuntamiento de Barcelona y un grupo impulsor de entidades sociales, que propone y coordina las actividades del Acuerdo.',
        en: 'Barcelona City Council and a promoting group of social organisations, which proposes and coordinates the Agreement’s activities.',
        ar: 'مجلس مدينة برشلونة ومجموعة مُبادِرة من الجمعيات الاجتماعية، تقترح أنشطة الاتفاق وتنسّقها.',
      },
    },
    {
      territoryId: forum.id,
      title: { ca: 'Fòrum Social Metropolità', es: 'Foro Social Metropolitano', en: 'Metropolitan Social Forum', ar: 'المنتدى الاجتماعي الحضري الكبير' },
      description: {
        ca: "L'Acord Ciutadà portat a l'àrea metropolitana: entitats i municipis com Santa Coloma, Terrassa, l'Hospitalet i Mataró que identifiquen i aborden plegats els reptes socials metropolitans.",
        es: 'El Acuerdo Ciudadano llevado al área metropolitana: entidades y municipios como Santa Coloma, Terrassa, L’Hospitalet y Mataró que identifican y abordan juntos los retos sociales metropolitanos.',
        en: "The Citizen's Agreement replicated across the metropolitan area: organisations and municipalities such as Santa Coloma, Terrassa, L'Hospitalet and Mataró identifying and addressing metropolitan social challenges together.",
        ar: 'الاتفاق المواطني منقولًا إلى المنطقة الحضرية الكبرى: جمعيات وبلديات مثل سانتا كولوما وتيراسا ولوسبيتاليت وماتارو تحدّد التحديات الاجتماعية وتعالجها معًا.',
      },
      goals: {
        ca: 'Conèixer: identificar els reptes socials\nConnectar: coneixement i confiança mútua entre entitats\nCompartir: marcs i models d’acció conjunta\nCoproduir: xarxes metropolitanes de coproducció\nComunicar: les anàlisis, estratègies i accions del Fòrum',
        es: 'Conocer: identificar los retos sociales\nConectar: conocimiento y confianza mutua entre entidades\nCompartir: marcos y modelos de acción conjunta\nCoproducir: redes metropolitanas de coproducción\nComunicar: los análisis, estrategias y acciones del Foro',
        en: 'Know: identify social challenges\nConnect: mutual knowledge and trust between organisations\nShare: frameworks and models for joint action\nCo-produce: metropolitan co-production networks\nCommunicate: the Forum’s analyses, strategies and actions',
        ar: 'المعرفة: تحديد التحديات الاجتماعية\nالتواصل: معرفة وثقة متبادلة بين الجمعيات\nالمشاركة: أطر ونماذج للعمل المشترك\nالإنتاج المشترك: شبكات حضرية للإنتاج المشترك\nالتواصل مع الجمهور: تحليلات المنتدى واستراتيجياته وأعماله',
      },
      promotingGroup: {
        ca: 'Un grup impulsor de municipis i entitats que proposa i coordina les activitats del Fòrum.',
        es: 'Un grupo impulsor de municipios y entidades que propone y coordina las actividades del Foro.',
        en: 'A promoting group of municipalities and organisations that proposes and coordinates the Forum’s activities.',
        ar: 'مجموعة مُبادِرة من البلديات والجمعيات تقترح أنشطة المنتدى وتنسّقها.',
      },
    },
  ]);
  await db.insert(commitmentsVersion).values([
    { territoryId: barcelona.id, version: 1, text: barcelonaCommitments, publishedAt: new Date('2006-11-15T10:00:00Z'), publishedByName: promotingGroupName },
    { territoryId: forum.id, version: 1, text: forumCommitments, publishedAt: new Date('2022-10-20T10:00:00Z'), publishedByName: promotingGroupName },
  ]);

  const districts = await listAreas(db, barcelona.id, 'district');
  const districtByCode = new Map(districts.map((d) => [d.code, d]));
  const orgIds = new Map<string, string>();
  for (const o of demoOrganisations) {
    const districtIds = o.districts.map((c) => districtByCode.get(c)!.id);
    // Each organisation signed on its own day of its year (pending ones this autumn), a few days after it registered,
    // and the promoting group, which meets about monthly, approved it one to seven weeks later.
    const signedAt = o.joined === 'pending' ? dayOf(o.name, 2026, 9, 11) : o.joined === null ? dayOf(o.name, 2025, 1, 11) : dayOf(o.name, o.joined, 1, 11);
    const registeredAt = new Date(signedAt.getTime() - (2 + (nameHash(o.name) % 12)) * 86_400_000);
    const values = { name: o.name, description: o.description, areas: o.areas };
    const [row] = await db
      .insert(organisation)
      .values({
        territoryId: barcelona.id,
        ...values,
        type: o.type,
        districtIds,
        languages: o.languages,
        website: o.website ?? null,
        searchDocument: searchDocument(values, o.districts.map((c) => districtByCode.get(c)!.name)),
        verifiedAt: o.verified ? new Date(Math.max(Date.parse('2024-03-01T10:00:00Z'), registeredAt.getTime() + 30 * 86_400_000)) : null,
        verifiedByName: o.verified ? 'Direcció de Drets Socials' : null,
        createdByName: o.name,
        createdAt: registeredAt,
        updatedAt: registeredAt,
      })
      .returning({ id: organisation.id });
    orgIds.set(o.name, row!.id);
    if (o.joined === null) continue;
    const approvedAt = o.joined === 'pending' ? null : new Date(signedAt.getTime() + (7 + (nameHash(o.name) % 43)) * 86_400_000);
    const [a] = await db
      .insert(adhesion)
      .values({
        organisationId: row!.id,
        territoryId: barcelona.id,
        status: approvedAt ? 'member' : 'pending',
        signedVersion: 1,
        signedAt,
        signedByName: o.name,
        memberSince: approvedAt,
        decidedAt: approvedAt,
        decidedByName: approvedAt ? promotingGroupName : null,
      })
      .returning({ id: adhesion.id });
    await db.insert(adhesionEvent).values([
      { adhesionId: a!.id, kind: 'signed', version: 1, actorName: o.name, at: signedAt },
      ...(approvedAt ? [{ adhesionId: a!.id, kind: 'approved' as const, version: 1, actorName: promotingGroupName, at: approvedAt }] : []),
    ]);
    if (o.forum) {
      // The Forum's first members joined in its first months (its commitments date from October 2022).
      const forumAt = dayOf(`${o.name} forum`, 2023, 1, 6);
      const [f] = await db
        .insert(adhesion)
        .values({ organisationId: row!.id, territoryId: forum.id, status: 'member', signedVersion: 1, signedAt: forumAt, signedByName: o.name, memberSince: forumAt, decidedAt: forumAt, decidedByName: promotingGroupName })
        .returning({ id: adhesion.id });
      await db.insert(adhesionEvent).values([
        { adhesionId: f!.id, kind: 'signed', version: 1, actorName: o.name, at: forumAt },
        { adhesionId: f!.id, kind: 'approved', version: 1, actorName: promotingGroupName, at: forumAt },
      ]);
    }
  }
  // The Forum's members from its other municipalities: registered there, members of the Forum only.
  for (const o of forumOrganisations) {
    const municipality = await findTerritory(db, o.municipality!);
    if (!municipality || typeof o.joined !== 'number') continue;
    const forumAt = dayOf(`${o.name} forum`, o.joined, 1, 11);
    const registeredAt = new Date(forumAt.getTime() - (2 + (nameHash(o.name) % 12)) * 86_400_000);
    const values = { name: o.name, description: o.description, areas: o.areas };
    const [row] = await db
      .insert(organisation)
      .values({
        territoryId: municipality.id,
        ...values,
        type: o.type,
        districtIds: [],
        languages: o.languages,
        searchDocument: searchDocument(values, []),
        verifiedAt: o.verified ? new Date(registeredAt.getTime() + 30 * 86_400_000) : null,
        verifiedByName: o.verified ? promotingGroupName : null,
        createdByName: o.name,
        createdAt: registeredAt,
        updatedAt: registeredAt,
      })
      .returning({ id: organisation.id });
    orgIds.set(o.name, row!.id);
    const approvedAt = new Date(forumAt.getTime() + (7 + (nameHash(o.name) % 43)) * 86_400_000);
    const [f] = await db
      .insert(adhesion)
      .values({ organisationId: row!.id, territoryId: forum.id, status: 'member', signedVersion: 1, signedAt: forumAt, signedByName: o.name, memberSince: approvedAt, decidedAt: approvedAt, decidedByName: promotingGroupName })
      .returning({ id: adhesion.id });
    await db.insert(adhesionEvent).values([
      { adhesionId: f!.id, kind: 'signed', version: 1, actorName: o.name, at: forumAt },
      { adhesionId: f!.id, kind: 'approved', version: 1, actorName: promotingGroupName, at: approvedAt },
    ]);
  }
  log(`Agreement: ${demoOrganisations.length + forumOrganisations.length} organisations, the Citizen's Agreement and the Metropolitan Social Forum`);
  // The demo's organisation people: an admin of an organisation that has not signed the commitments yet, and a
  // member of a member organisation that works in Romanian (it supports challenges, reports on someone's behalf).
  await grantDemoRole(db, 'organisation-admin@coproduce.example', 'organisation-admin', 'organisation', orgIds.get(demoOrganisationAdminOf)!);
  await grantDemoRole(db, 'organisation-member@coproduce.example', 'organisation-member', 'organisation', orgIds.get(demoOrganisationMemberOf)!);

  // Networks: each member organisation joins the networks that share one of its areas (at most three).
  const members = demoOrganisations.filter((o) => typeof o.joined === 'number');
  const networks = new Map<string, typeof network.$inferSelect>();
  let joinedCount = 0;
  for (const [i, n] of barcelonaNetworks.entries()) {
    const row = await insertNetwork(db, barcelona.id, n, new Date(Date.UTC(2008 + i, 0, 15)));
    networks.set(n.slug, row);
  }
  const perOrganisation = new Map<string, number>();
  for (const n of barcelonaNetworks) {
    const networkYear = networks.get(n.slug)!.createdAt.getUTCFullYear();
    for (const o of members) {
      const count = perOrganisation.get(o.name) ?? 0;
      if (count >= 3 || !o.areas.includes(n.areas[0]!)) continue;
      perOrganisation.set(o.name, count + 1);
      // Asked to join in a spring to autumn after both the organisation's approval and the network's start.
      const requestedAt = dayOf(`${o.name} ${n.slug}`, Math.max((o.joined as number) + 1, networkYear), 4, 11);
      await db.insert(networkMember).values({
        networkId: networks.get(n.slug)!.id,
        organisationId: orgIds.get(o.name)!,
        status: 'member',
        requestedAt,
        requestedByName: o.name,
        decidedAt: new Date(requestedAt.getTime() + (5 + (nameHash(n.slug + o.name) % 25)) * 86_400_000),
        decidedByName: promotingGroupName,
      });
      joinedCount++;
    }
  }
  const departments: [string, string][] = [
    ['homeless-people', 'Servei d’Inserció Social (SIS)'],
    ['inclusion-housing', 'Consorci de l’Habitatge de Barcelona'],
    ['immigration-legal-advice', 'Servei d’Atenció a Immigrants, Emigrants i Refugiats (SAIER)'],
    ['adequate-food', 'Direcció de Serveis d’Acció Comunitària'],
    ['labour-inclusion', 'Barcelona Activa'],
  ];
  for (const [slug, departmentName] of departments) {
    await db.insert(networkMember).values({ networkId: networks.get(slug)!.id, departmentName, status: 'member', requestedByName: 'Ajuntament de Barcelona', decidedAt: new Date('2018-01-10T09:00:00Z'), decidedByName: promotingGroupName });
  }

  const homeless = networks.get('homeless-people')!;
  const [group] = await db.insert(workingGroup).values({ networkId: homeless.id, name: 'Recompte nocturn', purpose: 'Preparar el recompte anual de persones que dormen al carrer.' }).returning();
  const [done1] = await db
    .insert(meeting)
    .values({
      networkId: homeless.id,
      workingGroupId: group!.id,
      title: 'Plenari de tardor',
      heldOn: new Date('2026-10-14T00:00:00Z'),
      agenda: 'Resultats del recompte nocturn\nPlaces d’hivern\nTorn obert de paraules',
      minutes: 'Hi van assistir 18 entitats i 2 serveis municipals. Es van presentar els resultats del recompte: 1.384 persones dormien al carrer la nit del recompte.',
      createdByName: promotingGroupName,
    })
    .returning();
  await db.insert(meetingDecision).values([
    { meetingId: done1!.id, networkId: homeless.id, text: 'Obrir 150 places d’hivern a partir de l’1 de desembre.' },
    { meetingId: done1!.id, networkId: homeless.id, text: 'Fer el pròxim recompte nocturn el maig de 2027 amb voluntariat de totes les entitats.' },
  ]);
  await db.insert(meeting).values({
    networkId: networks.get('inclusion-housing')!.id,
    title: 'Trobada de la xarxa',
    heldOn: new Date('2026-12-03T00:00:00Z'),
    agenda: 'Pisos compartits entre entitats\nPrevenció de desnonaments a Nou Barris',
    createdByName: promotingGroupName,
  });

  const residential = await insertNetwork(db, forum.id, residentialInclusionNetwork, new Date('2023-03-01T09:00:00Z'));
  for (const o of [...demoOrganisations, ...forumOrganisations].filter((x) => x.forum && x.areas.some((a) => a === 'housing' || a === 'homelessness'))) {
    await db.insert(networkMember).values({ networkId: residential.id, organisationId: orgIds.get(o.name)!, status: 'member', requestedByName: o.name, decidedAt: new Date('2023-04-01T09:00:00Z'), decidedByName: promotingGroupName });
  }
  await db.insert(networkMember).values({ networkId: residential.id, departmentName: 'Àrea Metropolitana de Barcelona – Habitatge', status: 'member', requestedByName: 'Àrea Metropolitana de Barcelona', decidedAt: new Date('2023-04-01T09:00:00Z'), decidedByName: promotingGroupName });
  log(`Agreement: ${barcelonaNetworks.length + 1} action networks, ${joinedCount} memberships`);

  // Challenges (Know), with support from other members.
  const d = (code: string) => districtByCode.get(code)!.id;
  const challenges: { by: string; title: string; description: string; evidence: { text: string; source: string }[]; districts: string[]; areas: string[]; status: typeof challenge.$inferInsert.status; reason?: string; supporters: [string, string][]; networks: string[] }[] = [
    {
      by: 'Associació Habitatge Digne Nou Barris',
      title: 'Desnonaments de famílies amb infants a Nou Barris',
      description: 'Cada setmana acompanyem famílies amb criatures que perden el pis. Moltes acaben en habitacions de lloguer o en pensions lluny de l’escola dels fills.',
      evidence: [
        { text: 'Els llançaments practicats a Barcelona el 2024, per districte.', source: 'https://www.poderjudicial.es/ (estadística judicial)' },
        { text: 'Registre propi: 112 famílies acompanyades el 2025, 64 amb infants.', source: 'Memòria 2025 de l’entitat' },
      ],
      districts: ['08'],
      areas: ['housing', 'children'],
      status: 'prioritised',
      supporters: [
        ['Associació Veïns Ciutat Meridiana Endavant', 'Al nostre barri és el primer problema. Ho veiem cada dia.'],
        ['Centre Obert El Trampolí', 'Infants del centre obert han canviat d’escola tres vegades en un curs.'],
        ['Fundació Mans Amigues', 'Ho confirmem amb les famílies que atenem a Nou Barris i Sant Andreu.'],
      ],
      networks: ['inclusion-housing', 'children-rights'],
    },
    {
      by: 'Associació Cuidem Qui Cuida',
      title: 'Dones grans que cuiden soles i sense respir',
      description: 'Moltes dones de més de 70 anys cuiden la parella o un fill amb dependència sense cap ajuda ni descans.',
      evidence: [{ text: 'Enquesta a 240 persones cuidadores dels grups de suport.', source: 'Informe intern 2025' }],
      districts: ['02', '05'],
      areas: ['caregiving', 'older-people', 'gender'],
      status: 'proposed',
      supporters: [
        ['Creu Blanca Solidària de Sant Martí', 'Les veiem a l’hospital: arriben esgotades.'],
        ['Associació Gent Gran Activa Les Corts', 'La soledat de qui cuida és invisible.'],
      ],
      networks: [],
    },
    {
      by: 'Servei Jurídic Popular Drassanes',
      title: 'Cites d’estrangeria impossibles d’aconseguir per internet',
      description: 'Les persones migrades no troben cita per als tràmits d’estrangeria i perden ofertes de feina o la renovació dels papers.',
      evidence: [{ text: 'Seguiment de 3 mesos: 9 de cada 10 intents sense cita disponible.', source: 'Registre d’atencions del servei, 2026' }],
      districts: ['01', '10'],
      areas: ['migration', 'legal-advice'],
      status: 'being-addressed',
      supporters: [
        ['Fundació Braços Oberts', 'Ens passa amb totes les persones refugiades que acollim.'],
        ['Associació de Dones Migrades Al-Nour', 'Moltes veïnes han perdut una feina per això.'],
      ],
      networks: ['immigration-legal-advice'],
    },
    {
      by: 'Rebost Solidari de Sants',
      title: 'Accés a aliments frescos per a famílies amb pocs ingressos',
      description: 'Les ajudes d’aliments donen sobretot productes secs; les famílies demanen fruita, verdura i proteïna fresca.',
      evidence: [{ text: 'Enquesta a 310 famílies usuàries de botigues solidàries.', source: 'Xarxa pel Dret a una Alimentació Adequada, 2025' }],
      districts: ['03'],
      areas: ['food', 'poverty'],
      status: 'proposed',
      supporters: [['Xarxa d’Horts Comunitaris de Barcelona', 'Podem aportar producte dels horts urbans.']],
      networks: ['adequate-food'],
    },
    {
      by: 'Banc de Temps del Guinardó',
      title: 'Un banc de temps a cada edifici municipal',
      description: 'Proposem un banc de temps a cada equipament municipal.',
      evidence: [{ text: 'Experiència del Banc de Temps del Guinardó des del 2015.', source: 'Memòria de l’entitat' }],
      districts: ['07'],
      areas: ['time-uses'],
      status: 'declined',
      reason: 'Ja hi ha una mesura semblant al pla de barris; la proposta es treballarà dins la Xarxa NUST.',
      supporters: [],
      networks: [],
    },
  ];
  for (const c of challenges) {
    const createdAt = new Date('2026-09-01T09:00:00Z');
    const [row] = await db
      .insert(challenge)
      .values({
        territoryId: barcelona.id,
        organisationId: orgIds.get(c.by)!,
        title: c.title,
        description: c.description,
        evidence: c.evidence,
        districtIds: c.districts.map(d),
        areas: c.areas,
        status: c.status,
        declineReason: c.reason ?? null,
        proposedByName: c.by,
        createdAt,
        statusChangedAt: createdAt,
      })
      .returning({ id: challenge.id });
    await db.insert(challengeStatusChange).values({ challengeId: row!.id, status: 'proposed', actorName: c.by, at: createdAt });
    if (c.status !== 'proposed') await db.insert(challengeStatusChange).values({ challengeId: row!.id, status: c.status!, reason: c.reason ?? null, actorName: promotingGroupName, at: new Date('2026-10-01T09:00:00Z') });
    for (const [name, comment] of c.supporters) await db.insert(challengeSupport).values({ challengeId: row!.id, organisationId: orgIds.get(name)!, comment, supportedByName: name });
    for (const slug of c.networks) await db.insert(challengeNetwork).values({ challengeId: row!.id, networkId: networks.get(slug)!.id });
  }
  // The Forum's challenges, proposed and supported by members from several municipalities.
  const forumChallenges: { by: string; title: string; description: string; areas: string[]; status: 'proposed' | 'prioritised'; supporters: [string, string][] }[] = [
    {
      by: 'Associació Sostre Digne Collblanc',
      title: 'Desnonaments a banda i banda del límit entre Barcelona i l’Hospitalet',
      description: 'Les famílies desnonades a Collblanc i a Sants es mouen d’un municipi a l’altre i perden el seguiment dels serveis socials.',
      areas: ['housing', 'poverty'],
      status: 'prioritised',
      supporters: [
        ['Associació Habitatge Digne Nou Barris', 'Ens passa el mateix amb famílies que marxen a Santa Coloma.'],
        ['Associació Veïnal Santa Rosa Viva', 'Cal un protocol metropolità.'],
        ['Fundació Maresme Sense Llar', 'A Mataró arriben famílies de tota l’àrea.'],
      ],
    },
    {
      by: 'Rebost Compartit del Besòs',
      title: 'Aliments frescos a les botigues solidàries de tota l’àrea metropolitana',
      description: 'Les botigues solidàries de cada municipi compren per separat; juntes podrien tenir fruita i verdura fresca cada setmana.',
      areas: ['food', 'poverty'],
      status: 'proposed',
      supporters: [['Associació Dones del Maresme', 'Les famílies que acompanyem ho demanen sovint.']],
    },
  ];
  for (const c of forumChallenges) {
    const createdAt = new Date('2026-06-15T09:00:00Z');
    const [row] = await db
      .insert(challenge)
      .values({ territoryId: forum.id, organisationId: orgIds.get(c.by)!, title: c.title, description: c.description, evidence: [], districtIds: [], areas: c.areas, status: c.status, proposedByName: c.by, createdAt, statusChangedAt: createdAt })
      .returning({ id: challenge.id });
    await db.insert(challengeStatusChange).values({ challengeId: row!.id, status: 'proposed', actorName: c.by, at: createdAt });
    if (c.status !== 'proposed') await db.insert(challengeStatusChange).values({ challengeId: row!.id, status: c.status, actorName: promotingGroupName, at: new Date('2026-07-10T09:00:00Z') });
    for (const [name, comment] of c.supporters) await db.insert(challengeSupport).values({ challengeId: row!.id, organisationId: orgIds.get(name)!, comment, supportedByName: name });
  }
  log(`Agreement: ${challenges.length + forumChallenges.length} challenges`);
}
