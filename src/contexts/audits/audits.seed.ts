// The demo audit: Barcelona's front-desk access campaign across social services centres and citizen
// service offices (2025–2026), with visits, a paired test on origin, a score card and findings validated
// by a second coordinator, all published to the diagnosis. Fuenlabrada gets the network's consent text
// and the instrument. Every step goes through the services, as a person would.
import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { SeedContext } from '../../platform/manifest.ts';
import type { Actor } from '../../platform/auth/permissions.ts';
import type { Db } from '../../platform/db/client.ts';
import { findTerritory, type Territory } from '../territories/territory.service.ts';
import { listAssignments } from '../identity/roles.service.ts';
import { systemActor } from '../../platform/auth/permissions.ts';
import { defaultGrounds } from '../territories/territory.settings.ts';
import { auditor, finding, instrument, instrumentVersion, scoreCard, testPair, visit } from './audit.schema.ts';
import { catalogueOf } from '../catalogue/catalogue.service.ts';
import { assignAuditors, createCampaign, scheduleVisit } from './campaigns/campaign.service.ts';
import { saveSection, submitVisit } from './fieldwork/fieldwork.service.ts';
import { changeFindingStatus, proposeFinding } from './findings/finding.service.ts';
import { linkServiceManager } from '../catalogue/service-manager.service.ts';
import { frontDeskVisit } from './instruments/instrument.demo.ts';
import { createInstrument, publishVersion } from './instruments/instrument.service.ts';
import { createTraining, enrolAuditor, listTrainings, publishConsent, recordAttendance } from './network/network.service.ts';
import { recordPair } from './campaigns/pairs.service.ts';
import { outcomeOf } from './campaigns/paired.ts';
import { createSelfAssessment, saveStaffSheet, submitStaffSheet } from './self-assessment/self-assessment.service.ts';
import { createScoreCard, recordCommunityScores, recordInterfaceMeeting, recordStaffScores, scoreCardDetail, startCycle } from './campaigns/scorecard.service.ts';

/** Fixed person ids of the demo's people, so the identity context can give them accounts. */
export const demoPeople = {
  coordinator: '0000c000-0000-4000-8000-000000000001',
  secondCoordinator: '0000c000-0000-4000-8000-000000000002',
  socialServicesManager: '00005000-0000-4000-8000-000000000001',
  citizenOfficesManager: '00005000-0000-4000-8000-000000000002',
  auditor: (n: number) => `0000a000-0000-4000-8000-${String(n).padStart(12, '0')}`,
} as const;

const coordinatorOf = (territoryId: string, personId: string): Actor => ({
  personId,
  displayName: 'Demo coordinator',
  locale: 'es',
  grants: [
    { role: 'audit-coordinator', scope: { kind: 'territory', id: territoryId } },
    { role: 'territory-admin', scope: { kind: 'territory', id: territoryId } },
  ],
  twoFactorVerified: true,
});
const auditorActor = (territoryId: string, personId: string): Actor => ({
  personId,
  displayName: 'Demo auditor',
  locale: 'es',
  grants: [{ role: 'auditor', scope: { kind: 'territory', id: territoryId } }],
  twoFactorVerified: false,
});

const consentBody = {
  ca: "Participo a la Xarxa d'Auditoria Ciutadana de manera voluntària. Sé que l'Ajuntament guarda el meu nom i el meu contacte només per coordinar les visites, que només els veuen les persones coordinadores i que puc deixar la xarxa quan vulgui. El que observo es publica sense el meu nom. No faré fotos de persones.",
  es: 'Participo en la Red de Auditoría Ciudadana de forma voluntaria. Sé que el Ayuntamiento guarda mi nombre y mi contacto solo para coordinar las visitas, que solo los ven las personas coordinadoras y que puedo dejar la red cuando quiera. Lo que observo se publica sin mi nombre. No haré fotos de personas.',
  en: 'I take part in the Citizens’ Audit Network because I want to. I know the council keeps my name and contact only to organise the visits, that only the coordinators see them, and that I can leave whenever I want. What I observe is published without my name. I will not take photos of people.',
  ar: 'أشارك في شبكة التدقيق المواطني بإرادتي. أعرف أن البلدية تحتفظ باسمي ووسيلة الاتصال بي فقط لتنظيم الزيارات، وأن المنسقين وحدهم يرونها، وأنني أستطيع ترك الشبكة متى شئت. ما ألاحظه يُنشر بدون اسمي. لن ألتقط صوراً لأشخاص.',
};

const demoAuditors: [string, string, string[], 'self' | 'organisation', string][] = [
  ['Amina El Idrissi', 'amina.elidrissi@example.org', ['ar', 'es', 'ca'], 'organisation', 'Associació Sociocultural Ibn Batuta'],
  ['Jordi Puig Serra', 'jordi.puig@example.org', ['ca', 'es'], 'self', ''],
  ['Fatima Zahra Benali', 'fatima.benali@example.org', ['ar', 'es', 'en'], 'organisation', 'SOS Racisme Catalunya'],
  ['Marta Soler Vidal', 'marta.soler@example.org', ['ca', 'es', 'en'], 'self', ''],
  ['Muhammad Asif', 'm.asif@example.org', ['ur', 'en', 'es'], 'organisation', 'Associació Cultural Pakistanesa'],
  ['Carmen López Ruiz', 'carmen.lopez@example.org', ['es', 'ca'], 'self', ''],
  ['Ioana Popescu', 'ioana.popescu@example.org', ['ro', 'es', 'en'], 'organisation', 'Federació d’Entitats Romaneses'],
  ['Pere Ferrer i Costa', 'pere.ferrer@example.org', ['ca', 'es'], 'self', ''],
  ['Li Wei', 'li.wei@example.org', ['zh', 'es', 'ca'], 'organisation', 'Associació de Dones Xineses'],
  ['Núria Camps Roig', 'nuria.camps@example.org', ['ca', 'es', 'en'], 'self', ''],
  ['Oleksandra Kovalenko', 'o.kovalenko@example.org', ['uk', 'en', 'es'], 'self', ''],
  ['Joan Martí Bosch', 'joan.marti@example.org', ['ca', 'es'], 'organisation', 'Federació d’Associacions Veïnals de Barcelona'],
];

/**
 * The barriers the demo's findings name, by key: the diagnosis shows each in the reader's language (its
 * `diagnosis.barrier.<key>` message) when it finds the same barrier in several places, a structural pattern.
 */
export const demoBarriers = ['entrance-steps', 'appointment-online-only', 'no-interpreting', 'extra-documents', 'unequal-treatment'] as const;
type DemoBarrier = (typeof demoBarriers)[number];

/**
 * The Nou Barris users' own criteria for the score card, as they put them in Catalan, with the same words in every
 * language the site speaks, so staff and residents read them in theirs.
 */
export const demoScoreCriteria = [
  {
    label: 'Aconseguir cita sense internet',
    labelTranslations: {
      es: 'Conseguir cita sin internet',
      en: 'Getting an appointment without the internet',
      ar: 'الحصول على موعد دون إنترنت',
      ro: 'Obținerea unei programări fără internet',
      zh: '不用上网也能预约',
      ur: 'انٹرنیٹ کے بغیر وقت لینا',
      fr: 'Obtenir un rendez-vous sans internet',
      uk: 'Записатися на прийом без інтернету',
      pt: 'Conseguir marcação sem internet',
    },
    dimension: 'digital-access',
    score: 30,
    reasons: 'Només es pot per internet i moltes no en tenim.',
  },
  {
    label: 'Entendre què em demanen',
    labelTranslations: {
      es: 'Entender qué me piden',
      en: 'Understanding what I am asked for',
      ar: 'أن أفهم ما يُطلب مني',
      ro: 'Să înțeleg ce mi se cere',
      zh: '听懂他们要我提供什么',
      ur: 'یہ سمجھنا کہ مجھ سے کیا مانگا جا رہا ہے',
      fr: 'Comprendre ce qu’on me demande',
      uk: 'Розуміти, що від мене вимагають',
      pt: 'Perceber o que me pedem',
    },
    dimension: 'information',
    score: 45,
    reasons: 'Els papers són difícils i només en català i castellà.',
  },
  {
    label: 'Tracte respectuós',
    labelTranslations: { es: 'Trato respetuoso', en: 'Respectful treatment', ar: 'معاملة محترمة', ro: 'Tratament respectuos', zh: '受到尊重的对待', ur: 'باعزت سلوک', fr: 'Un accueil respectueux', uk: 'Шанобливе ставлення', pt: 'Tratamento respeitoso' },
    dimension: 'treatment',
    score: 70,
    reasons: 'En general bé, però de vegades amb presses.',
  },
  {
    label: 'Entrar amb cadira de rodes o cotxet',
    labelTranslations: {
      es: 'Entrar con silla de ruedas o cochecito',
      en: 'Getting in with a wheelchair or a pushchair',
      ar: 'الدخول بكرسي متحرك أو عربة أطفال',
      ro: 'Intrarea cu scaunul cu rotile sau cu căruciorul',
      zh: '坐轮椅或推婴儿车进门',
      ur: 'وہیل چیئر یا بچہ گاڑی کے ساتھ اندر جانا',
      fr: 'Entrer en fauteuil roulant ou avec une poussette',
      uk: 'Увійти на кріслі колісному чи з дитячим візочком',
      pt: 'Entrar com cadeira de rodas ou carrinho de bebé',
    },
    dimension: 'physical-accessibility',
    score: 80,
    reasons: 'Hi ha rampa, però la porta pesa.',
  },
];

/** A small deterministic generator, so the demo is the same on every install. */
function generator(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const months = ['2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'];

async function must<T>(label: string, outcome: Promise<{ ok: true; value: T } | { ok: false; error: string; fields?: Record<string, string> }>): Promise<T> {
  const result = await outcome;
  if (!result.ok) throw new Error(`Demo audit, ${label}: ${result.error} ${JSON.stringify(result.fields ?? {})}`);
  return result.value;
}

async function seedBarcelona(db: Db, territory: Territory, log: (line: string) => void): Promise<void> {
  const grounds = territory.settings.grounds ?? [...defaultGrounds];
  const tid = territory.id;
  const coordinator = coordinatorOf(tid, demoPeople.coordinator);
  const second = coordinatorOf(tid, demoPeople.secondCoordinator);
  const random = generator(20250201);

  await must('consent', publishConsent(db, coordinator, tid, consentBody));
  const draft = await must('instrument', createInstrument(db, coordinator, { territoryId: tid, key: 'front-desk-visit', title: frontDeskVisit.title, languages: frontDeskVisit.languages, definition: frontDeskVisit }));
  const version = await must('publish', publishVersion(db, coordinator, { territoryId: tid, versionId: draft.id }));
  // The questionnaire was written and published in January 2025, before the trainings and the first visits.
  await db.update(instrumentVersion).set({ createdAt: new Date('2025-01-08T09:00:00Z'), publishedAt: new Date('2025-01-14T09:00:00Z') }).where(eq(instrumentVersion.id, version.id));

  const auditors = [];
  for (const [i, [name, email, languages, via, organisationName]] of demoAuditors.entries()) {
    auditors.push(
      await must(
        'auditor',
        enrolAuditor(db, coordinator, {
          territoryId: tid,
          personId: demoPeople.auditor(i + 1),
          name,
          email,
          languages,
          enrolledVia: via,
          organisationName,
          consentVersion: 1,
          status: i < 10 ? 'accepted' : 'applied',
        }),
      ),
    );
  }
  const accepted = auditors.filter((a) => a.status === 'accepted');
  for (const [title, heldOn, count] of [
    ['Formació inicial: com fer una visita d’observació', '2025-01-18', 10],
    ['Proves de situació per parelles', '2025-01-25', 8],
  ] as const) {
    const training = await must('training', createTraining(db, coordinator, { territoryId: tid, title, heldOn }));
    await must('attendance', recordAttendance(db, coordinator, { territoryId: tid, trainingId: training.id, auditorIds: accepted.slice(0, count).map((a) => a.id) }));
  }

  const tree = await catalogueOf(db, tid);
  const services = tree.departments.flatMap((d) => d.services);
  const css = services.find((s) => s.name === 'Centres de Serveis Socials')!;
  const oac = services.find((s) => s.name.startsWith("Oficines d'Atenció Ciutadana"))!;
  await linkServiceManager(db, { territoryId: tid, serviceId: css.id, personId: demoPeople.socialServicesManager, active: true });
  await linkServiceManager(db, { territoryId: tid, serviceId: oac.id, personId: demoPeople.citizenOfficesManager, active: true });

  const campaign = await must(
    'campaign',
    createCampaign(db, coordinator, {
      territoryId: tid,
      title: 'Accés a l’atenció presencial 2025–2026',
      hypothesis: 'People of foreign origin, older people and disabled people meet more barriers at the front desks of social services and citizen offices: appointments only online, requirements beyond the official ones, no other language offered, steps at the entrance.',
      startsOn: '2025-02-01',
      endsOn: '2026-03-31',
      methods: ['observation-visit', 'mystery-shopping', 'paired-test', 'self-assessment'],
      serviceIds: [css.id, oac.id],
      facilityIds: [],
      instrumentVersionIds: [version.id],
    }),
  );
  await must('assign', assignAuditors(db, coordinator, { territoryId: tid, campaignId: campaign.id, auditorIds: accepted.map((a) => a.id) }));

  // Visits: every facility of both services, several times over the period.
  const facilities = [...css.facilities, ...oac.facilities];
  const validatedFindings: { id: string; facilityId: string; month: string }[] = [];
  for (let round = 0; round < 4; round++) {
    for (const [fi, facility] of facilities.entries()) {
      const month = months[(fi + round * 3) % months.length]!;
      const day = String(3 + Math.floor(random() * 24)).padStart(2, '0');
      const auditor = accepted[(fi + round) % accepted.length]!;
      const scheduled = await must(
        'visit',
        scheduleVisit(db, coordinator, {
          territoryId: tid,
          campaignId: campaign.id,
          facilityId: facility.id,
          auditorId: auditor.id,
          instrumentVersionId: version.id,
          method: round % 2 === 0 ? 'observation-visit' : 'mystery-shopping',
          scheduledOn: `${month}-${day}`,
        }),
      );
      // The last round of the last months is still to be done: some scheduled, some half-filled.
      if (round === 3 && month >= '2026-02') {
        if (fi % 2 === 0) continue;
      }
      const me = auditorActor(tid, auditor.personId!);
      const isOac = facility.serviceId === oac.id;
      const stepFree = facility.accessibility.includes('step-free-access') || random() < 0.2;
      const otherLanguages = facility.languages.some((l) => !['ca', 'es'].includes(l));
      const minorityTester = ['ar', 'ur', 'zh', 'ro', 'uk'].some((l) => auditor.languages[0] === l);
      const treatedDifferently = minorityTester && random() < 0.35;
      const onlineOnly = isOac ? random() < 0.6 : random() < 0.25;
      const extra = random() < (minorityTester ? 0.4 : 0.1);
      const languageOffered = otherLanguages ? random() < 0.7 : random() < 0.15;
      const sheet = [
        { visit_date: `${month}-${day}`, step_free: stepFree ? 'yes' : 'no', barriers: stepFree ? [] : ['steps', ...(random() < 0.5 ? ['heavy_door'] : [])], signage_languages: otherLanguages ? ['local', 'english'] : ['local'] },
        {
          wait_minutes: String(5 + Math.floor(random() * (isOac ? 50 : 30))),
          appointment_needed: onlineOnly || random() < 0.5 ? 'yes' : 'no',
          appointment_how: onlineOnly ? 'online_only' : 'phone',
          language_offered: languageOffered ? 'yes' : 'no',
          treatment_score: String(treatedDifferently ? 25 + Math.floor(random() * 25) : 60 + Math.floor(random() * 40)),
          treatment_score__reason: treatedDifferently ? 'Me hablaron con prisa y no me explicaron nada.' : 'Me atendieron con calma.',
          treated_differently: treatedDifferently ? 'yes' : 'no',
          treated_differently_what: treatedDifferently ? 'A la persona de delante le explicaron los pasos; a mí solo me dieron un papel.' : '',
        },
        {
          documents_asked: extra ? ['id', 'padron', 'rental'] : ['id', 'padron'],
          extra_requirement: extra ? 'yes' : 'no',
          information_clear: String(languageOffered ? 70 : 40),
          information_clear__reason: languageOffered ? 'Me lo explicaron en mi idioma.' : 'Solo en catalán y castellano, con palabras difíciles.',
          comments: '',
        },
      ];
      const lastSection = round === 3 && month >= '2026-02' ? 1 : sheet.length;
      for (let s = 0; s < lastSection; s++) await must('answers', saveSection(db, me, { territoryId: tid, visitId: scheduled.id, section: s, body: sheet[s]!, lang: 'es' }));
      if (lastSection < sheet.length) continue;
      await must('submit', submitVisit(db, me, { territoryId: tid, visitId: scheduled.id }));

      // Coordinators turn answers into findings; a second coordinator validates most of them.
      const candidates: [boolean, string, string, string[], number, string, DemoBarrier][] = [
        [!stepFree && round < 2, 'physical-accessibility', 'step_free', ['disability', 'age'], 3, 'Entrada amb esglaons i sense rampa', 'entrance-steps'],
        [onlineOnly, 'digital-access', 'appointment_how', ['age', 'socio-economic'], 2, 'Cita prèvia només per internet', 'appointment-online-only'],
        [!languageOffered && !otherLanguages, 'language', 'language_offered', ['language', 'nationality'], 2, 'No s’ofereix cap altra llengua ni intèrpret', 'no-interpreting'],
        [extra, 'requirements', 'extra_requirement', ['nationality', 'ethnic-origin'], 3, 'Es demanen documents que no surten a la informació oficial', 'extra-documents'],
        [treatedDifferently, 'treatment', 'treated_differently', ['ethnic-origin', 'religion'], 4, 'Tracte diferent a una persona d’origen estranger', 'unequal-treatment'],
      ];
      for (const [applies, dimension, itemName, findingGrounds, severity, title, barrier] of candidates) {
        if (!applies) continue;
        const finding = await must(
          'finding',
          proposeFinding(
            db,
            coordinator,
            { territoryId: tid, campaignId: campaign.id, serviceId: facility.serviceId, facilityId: facility.id, dimension, grounds: findingGrounds, severity, title, barrier, month, linkedAnswers: [{ visitId: scheduled.id, itemName }] },
            grounds,
          ),
        );
        if (random() < 0.85) {
          await must('validate', changeFindingStatus(db, second, { territoryId: tid, findingId: finding.id, to: 'validated', reason: 'Comprovat amb les respostes i la foto de la visita.' }));
          validatedFindings.push({ id: finding.id, facilityId: facility.id, month });
        }
      }
    }
  }
  await linkIdentityDemoPeople(db, territory, { coordinator, campaignId: campaign.id, versionId: version.id, css, oac });
  await seedSelfAssessment(db, tid, version.id, css);

  // Some findings were addressed by the services. Verifying one takes a follow-up visit after the plan's measure
  // by another auditor, validated by another coordinator: the plans' seed does that, through the plans' services.
  for (const f of validatedFindings.filter((_, i) => i % 7 === 0)) {
    await must('address', changeFindingStatus(db, coordinator, { territoryId: tid, findingId: f.id, to: 'addressed', reason: 'El servei ha posat la cita també per telèfon i en persona.' }));
  }

  // Paired test on origin: social services centres 24 pairs, citizen offices 8 (too few to rely on).
  const origin = 'ethnic-origin';
  const cssOutcomes = [...Array(14).fill([true, false]), ...Array(3).fill([false, true]), ...Array(2).fill([true, true]), ...Array(5).fill([false, false])] as [boolean, boolean][];
  const oacOutcomes = [...Array(3).fill([true, false]), ...Array(1).fill([false, true]), ...Array(4).fill([false, false])] as [boolean, boolean][];
  const minority = accepted.filter((a) => ['ar', 'ur', 'zh', 'ro'].includes(a.languages[0]!));
  const majority = accepted.filter((a) => ['ca', 'es'].includes(a.languages[0]!));
  for (const [service, outcomes] of [
    [css, cssOutcomes],
    [oac, oacOutcomes],
  ] as const) {
    for (const [i, [minorityBadly, majorityBadly]] of outcomes.entries()) {
      const facility = service.facilities[i % service.facilities.length]!;
      await must(
        'pair',
        recordPair(
          db,
          coordinator,
          {
            territoryId: tid,
            campaignId: campaign.id,
            facilityId: facility.id,
            ground: origin,
            testedOn: `2025-${String(10 + (i % 3)).padStart(2, '0')}-${String(6 + (i % 20)).padStart(2, '0')}`,
            minorityAuditorId: minority[i % minority.length]!.id,
            majorityAuditorId: majority[i % majority.length]!.id,
            outcome: outcomeOf(minorityBadly, majorityBadly),
          },
          grounds,
        ),
      );
    }
  }

  // A community score card: users of the Nou Barris citizen office, its staff, and the interface meeting.
  const card = await must(
    'score card',
    createScoreCard(db, coordinator, {
      territoryId: tid,
      campaignId: campaign.id,
      serviceId: oac.id,
      userGroup: 'Veïnes i veïns de Nou Barris (grup de dones migrades i grup de gent gran)',
      criteria: demoScoreCriteria,
    }),
  );
  // The users' session was held in October 2025.
  await db.update(scoreCard).set({ createdAt: new Date('2025-10-16T17:00:00Z') }).where(eq(scoreCard.id, card.id));
  const { criteria } = await must('detail', scoreCardDetail(db, coordinator, tid, card.id));
  const staff = [75, 70, 85, 85];
  // The office's own staff score themselves, signed in as the manager who answers for the office.
  const officeManager: Actor = { personId: demoPeople.citizenOfficesManager, displayName: 'Direcció de les OAC', locale: 'ca', twoFactorVerified: true, grants: [{ role: 'service-manager', scope: { kind: 'territory', id: tid } }] };
  await must('staff', recordStaffScores(db, officeManager, { territoryId: tid, cardId: card.id, scores: criteria.map((c, i) => ({ criterionId: c.id, score: staff[i]!, reasons: 'Autoavaluació de l’equip de l’OAC.' })) }));
  await must(
    'meeting',
    recordInterfaceMeeting(
      db,
      coordinator,
      {
        territoryId: tid,
        cardId: card.id,
        meetingOn: '2025-11-20',
        notes: 'Reunió d’interfície al Casal de Barri de Prosperitat, amb 14 veïnes i 4 persones de l’equip.',
        gaps: { [criteria[0]!.id]: 'L’equip creia que el telèfon funcionava; les usuàries diuen que no contesta ningú.', [criteria[1]!.id]: 'Els papers no són en altres llengües.' },
        actions: [
          { criterionId: criteria[0]!.id, who: 'Direcció de l’OAC', what: 'Reservar cada dia cites per a persones que venen en persona', byWhen: '2026-02-28', severity: 3, grounds: ['age', 'socio-economic'] },
          { criterionId: criteria[1]!.id, who: 'Equip de l’OAC i SAIER', what: 'Fulls explicatius en àrab, urdú i xinès, amb pictogrames', byWhen: '2026-04-30', severity: 2, grounds: ['language', 'nationality'] },
        ],
      },
      grounds,
    ),
  );
  // Six months later (after the actions' deadlines), the second cycle on the same criteria: the office now
  // keeps appointments for people who come in person, and the leaflets in other languages are out.
  await must('cycle 2', startCycle(db, coordinator, { territoryId: tid, cardId: card.id, startedOn: '2026-05-14' }));
  const community2 = [55, 60, 70, 80];
  await must('community 2', recordCommunityScores(db, coordinator, { territoryId: tid, cardId: card.id, scores: criteria.map((c, i) => ({ criterionId: c.id, score: community2[i]!, reasons: i === 0 ? 'Ara hi ha cites cada matí per a qui ve en persona.' : i === 1 ? 'Hi ha fulls en àrab i urdú, encara no en xinès.' : '' })) }));
  const staff2 = [70, 65, 85, 85];
  await must('staff 2', recordStaffScores(db, officeManager, { territoryId: tid, cardId: card.id, scores: criteria.map((c, i) => ({ criterionId: c.id, score: staff2[i]!, reasons: 'Segona autoavaluació de l’equip de l’OAC.' })) }));
  // Counted in the database after everything above (the demo people's own visits and findings too): what the app shows.
  const counted = await demoCounts(db, tid);
  log(`Audits: ${counted.auditors} auditors, ${counted.visits} visits submitted, ${counted.findings} findings (${counted.awaiting} awaiting validation), ${counted.pairs} test pairs in Barcelona`);
}

/**
 * The identity context's demo people (one per role in Barcelona) get their part of the audit: the
 * auditor is an accepted member of the network with visits to do, the service manager answers for the
 * social services centres. Read through identity's exported listAssignments, never its tables.
 */
async function linkIdentityDemoPeople(
  db: Db,
  territory: Territory,
  demo: { coordinator: Actor; campaignId: string; versionId: string; css: { id: string; facilities: { id: string }[] }; oac: { id: string } },
): Promise<void> {
  const assignments = await listAssignments(db, systemActor, { territoryId: territory.id });
  if (!assignments.ok) return;
  const holder = (role: string) => assignments.value.find((a) => a.role === role);
  const manager = holder('service-manager');
  if (manager) await linkServiceManager(db, { territoryId: territory.id, serviceId: demo.css.id, personId: manager.personId, active: true });
  const person = holder('auditor');
  if (!person) return;
  const member = await must(
    'identity auditor',
    enrolAuditor(db, demo.coordinator, {
      territoryId: territory.id,
      personId: person.personId,
      name: person.personName,
      email: person.personEmail,
      languages: ['ar', 'es', 'ca'],
      enrolledVia: 'self',
      consentVersion: 1,
      status: 'accepted',
    }),
  );
  // Trained with the others in the first session: campaigns assign trained auditors only.
  const trainings = await must('trainings', listTrainings(db, demo.coordinator, territory.id));
  const first = trainings.at(-1);
  if (first) await must('attendance', recordAttendance(db, demo.coordinator, { territoryId: territory.id, trainingId: first.id, auditorIds: [member.id] }));
  await must('assign', assignAuditors(db, demo.coordinator, { territoryId: territory.id, campaignId: demo.campaignId, auditorIds: [member.id] }));
  for (const [i, facility] of demo.css.facilities.slice(0, 3).entries()) {
    await must(
      'visit',
      scheduleVisit(db, demo.coordinator, {
        territoryId: territory.id,
        campaignId: demo.campaignId,
        facilityId: facility.id,
        auditorId: member.id,
        instrumentVersionId: demo.versionId,
        method: 'observation-visit',
        scheduledOn: `2026-03-${String(10 + i * 5).padStart(2, '0')}`,
      }),
    );
  }
}

/**
 * The social services department runs the citizen audit's questionnaire on its own centres (spring 2026): the
 * centres' staff answer for six of them and send three. Staff say an interpreter is offered and the information
 * is clear; most citizen visits found neither, which the comparison shows.
 */
async function seedSelfAssessment(db: Db, tid: string, versionId: string, css: { id: string; facilities: { id: string }[] }): Promise<void> {
  const manager: Actor = { personId: demoPeople.socialServicesManager, displayName: 'Direcció dels CSS', locale: 'ca', twoFactorVerified: true, grants: [{ role: 'service-manager', scope: { kind: 'territory', id: tid } }] };
  const facilities = css.facilities.slice(0, 6);
  const campaign = await must(
    'self-assessment',
    createSelfAssessment(db, manager, {
      territoryId: tid,
      title: 'Autoavaluació de l’atenció presencial dels CSS, primavera 2026',
      serviceId: css.id,
      facilityIds: facilities.map((f) => f.id),
      instrumentVersionId: versionId,
      startsOn: '2026-04-01',
      endsOn: '2026-06-30',
    }),
  );
  for (const [i, facility] of facilities.slice(0, 3).entries()) {
    const body = {
      visit_date: `2026-04-${String(14 + i).padStart(2, '0')}`,
      step_free: i === 2 ? 'no' : 'yes',
      barriers: i === 2 ? ['heavy_door'] : [],
      signage_languages: ['local', 'english'],
      wait_minutes: String(10 + i * 5),
      appointment_needed: 'no',
      language_offered: 'yes',
      treatment_score: String(90 - i * 5),
      treatment_score__reason: 'L’equip atén amb calma i explica els passos.',
      treated_differently: 'no',
      extra_requirement: 'no',
      documents_asked: ['id', 'padron'],
      information_clear: String(85 - i * 5),
      information_clear__reason: 'Tenim fulls informatius i el servei d’interpretació per telèfon.',
      comments: '',
    };
    await must('self-assessment answers', saveStaffSheet(db, manager, { territoryId: tid, selfAssessmentId: campaign.id, facilityId: facility.id, body, lang: 'ca' }));
    await must('self-assessment sent', submitStaffSheet(db, manager, { territoryId: tid, selfAssessmentId: campaign.id, facilityId: facility.id }));
  }
}

async function seedFuenlabrada(db: Db, territory: Territory): Promise<void> {
  const coordinator = coordinatorOf(territory.id, demoPeople.coordinator);
  await must('consent', publishConsent(db, coordinator, territory.id, consentBody));
  const draft = await must('instrument', createInstrument(db, coordinator, { territoryId: territory.id, key: 'front-desk-visit', title: frontDeskVisit.title, languages: frontDeskVisit.languages, definition: frontDeskVisit }));
  await must('publish', publishVersion(db, coordinator, { territoryId: territory.id, versionId: draft.id }));
}

async function alreadySeeded(db: Db, territoryId: string): Promise<boolean> {
  const [row] = await db.select({ id: instrument.id }).from(instrument).where(and(eq(instrument.territoryId, territoryId), eq(instrument.key, 'front-desk-visit')));
  return Boolean(row);
}

export async function seedAudits(context: SeedContext): Promise<void> {
  const { db, log } = context;
  const barcelona = await findTerritory(db, 'barcelona');
  if (barcelona && !(await alreadySeeded(db, barcelona.id))) await seedBarcelona(db, barcelona, log);
  const fuenlabrada = await findTerritory(db, 'fuenlabrada');
  if (fuenlabrada && !(await alreadySeeded(db, fuenlabrada.id))) await seedFuenlabrada(db, fuenlabrada);
}

/** The demo's audit figures as the app counts them: accepted auditors, submitted visits, findings, test pairs. */
export async function demoCounts(db: Db, territoryId: string): Promise<{ auditors: number; visits: number; findings: number; awaiting: number; pairs: number }> {
  const one = async (q: Promise<{ n: number }[]>) => (await q)[0]!.n;
  return {
    auditors: await one(db.select({ n: count() }).from(auditor).where(and(eq(auditor.territoryId, territoryId), eq(auditor.status, 'accepted')))),
    visits: await one(db.select({ n: count() }).from(visit).where(and(eq(visit.territoryId, territoryId), isNotNull(visit.submittedAt)))),
    findings: await one(db.select({ n: count() }).from(finding).where(eq(finding.territoryId, territoryId))),
    awaiting: await one(db.select({ n: count() }).from(finding).where(and(eq(finding.territoryId, territoryId), eq(finding.status, 'proposed')))),
    pairs: await one(db.select({ n: count() }).from(testPair).where(eq(testPair.territoryId, territoryId))),
  };
}
