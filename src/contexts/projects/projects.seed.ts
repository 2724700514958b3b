// Demo joint projects and mutual aid, built only through this context's services: in Barcelona a joint project
// on homelessness (Fundació Sostre Obert leads, with two organisations, the council and a funder), milestones
// and updates over the past year; offers and needs across districts with one fulfilled match; in the
// Metropolitan Social Forum a project on evictions and a few offers and needs.
import { eq } from 'drizzle-orm';
import type { SeedContext } from '../../platform/manifest.ts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor, Role } from '../../platform/auth/permissions.ts';
import { findTerritory, listAreaSummaries, type Territory } from '../territories/territory.service.ts';
import { listMembers } from '../agreement/adhesion/adhesion.service.ts';
import { listChallenges } from '../agreement/challenges/challenge.service.ts';
import { listPublishedPlans, publicPlanDetail } from '../plans/plan.service.ts';
import { aidMatch, aidMessage, aidPost, project, projectMilestone, projectPartner } from './projects.schema.ts';
import { addBudgetLine, addLink, addMilestone, addPartner, createProject, postUpdate, setMilestoneDone } from './projects/project.service.ts';
import { agreeToShare, createPost, markFulfilled, openMatch, sendMessage } from './volunteering/aid.service.ts';

type Result<T> = { ok: true; value: T } | { ok: false; error: string; fields?: Record<string, string> };
async function must<T>(what: string, outcome: Promise<Result<T>>): Promise<T> {
  const r = await outcome;
  if (!r.ok) throw new Error(`Projects demo: ${what} failed: ${r.error} ${JSON.stringify(r.fields ?? {})}`);
  return r.value;
}
const actor = (personId: string, displayName: string, role: Role | null, kind: 'territory' | 'organisation', id: string): Actor => ({ personId, displayName, locale: 'ca', twoFactorVerified: true, grants: role ? [{ role, scope: { kind, id } }] : [] });
const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);

interface DemoProject {
  title: string;
  summary: string;
  goals: string;
  lead: string;
  partners: { name: string; role: 'partner' | 'funder' }[];
  council: boolean;
  started: string;
  budget: { concept: string; amount: string; funder: string }[];
  milestones: { title: string; dueOn: string; doneOn?: string }[];
  updates: { by: string; body: string; on: string }[];
  challengeArea: string;
}

const barcelonaProject: DemoProject = {
  title: 'Del carrer a casa: Habitatge Primer compartit',
  summary: "Un projecte conjunt de tres entitats i l'Ajuntament per oferir un pis i acompanyament a persones que han viscut anys al carrer.\nCada persona té una referent que la segueix des del primer contacte al carrer fins que viu de manera estable a casa seva.",
  goals: "Trenta persones que dormien al carrer viuen en un pis propi amb suport.\nCap persona acollida torna al carrer durant el primer any.\nUna borsa compartida de pisos de sortida entre les entitats de la xarxa.",
  lead: 'Fundació Sostre Obert',
  partners: [
    { name: 'Associació Rumb a Casa', role: 'partner' },
    { name: 'Associació Menjador Obert Sant Antoni', role: 'partner' },
    { name: 'Fundació Braços Oberts', role: 'funder' },
  ],
  council: true,
  started: '2026-01-12',
  budget: [
    { concept: 'Lloguer de 15 pisos (12 mesos)', amount: '162000', funder: 'Ajuntament de Barcelona' },
    { concept: 'Equip de referents (3 persones)', amount: '118500', funder: 'Ajuntament de Barcelona' },
    { concept: 'Primer equipament dels pisos', amount: '22.500,00', funder: 'Fundació Braços Oberts' },
  ],
  milestones: [
    { title: 'Acord de col·laboració signat per totes les parts', dueOn: '2026-02-15', doneOn: '2026-02-10' },
    { title: 'Primers 10 pisos llogats i equipats', dueOn: '2026-05-31', doneOn: '2026-06-12' },
    { title: 'Quinze persones viuen al seu pis', dueOn: '2026-09-30', doneOn: '2026-10-06' },
    { title: 'Borsa compartida de pisos de sortida en marxa', dueOn: '2026-12-20' },
    { title: 'Avaluació del primer any amb la Universitat', dueOn: '2027-02-28' },
  ],
  updates: [
    { by: 'Fundació Sostre Obert', on: '2026-02-11', body: "Hem signat l'acord de col·laboració amb les entitats i l'Ajuntament. Comencem a buscar pisos als districtes de Ciutat Vella i l'Eixample." },
    { by: 'Associació Rumb a Casa', on: '2026-06-15', body: "Ja tenim deu pisos equipats. Els equips de carrer han proposat el projecte a 23 persones; 12 hi han dit que sí." },
    { by: 'council', on: '2026-10-08', body: "Quinze persones ja viuen al seu pis. Els serveis socials municipals fan el seguiment juntament amb les referents de les entitats." },
    { by: 'Associació Menjador Obert Sant Antoni', on: '2026-11-20', body: "Les persones que viuen als pisos venen a sopar dos cops per setmana al menjador: és el seu espai per trobar-se i no sentir-se soles." },
  ],
  // No demo challenge is about homelessness itself; the project answers the one on evictions (housing).
  challengeArea: 'housing',
};

const forumProject: DemoProject = {
  title: 'Cap desnonament sense alternativa a l’àrea metropolitana',
  summary: "Entitats i municipis del Fòrum acorden un circuit comú perquè cap família quedi al carrer el dia del llançament.",
  goals: 'Un protocol signat per tots els municipis del Fòrum.\nUna persona de contacte a cada municipi per a les entitats.',
  lead: 'Associació Habitatge Digne Nou Barris',
  partners: [
    { name: 'Cooperativa Habitatge Cooperatiu La Teulada', role: 'partner' },
    { name: 'Servei Jurídic Popular Drassanes', role: 'partner' },
    { name: 'Associació Sostre Digne Collblanc', role: 'partner' },
  ],
  council: true,
  started: '2026-03-02',
  budget: [],
  milestones: [
    { title: 'Mapa dels circuits actuals a cada municipi', dueOn: '2026-06-30', doneOn: '2026-07-03' },
    { title: 'Esborrany del protocol comú', dueOn: '2026-11-30', doneOn: '2026-11-25' },
    { title: 'Protocol signat pels municipis', dueOn: '2027-03-31' },
  ],
  updates: [
    { by: 'Servei Jurídic Popular Drassanes', on: '2026-07-04', body: 'Hem recollit com funciona avui cada municipi: tres tenen una mesa de desnonaments, la resta no.' },
    { by: 'Associació Habitatge Digne Nou Barris', on: '2026-11-26', body: "L'esborrany del protocol ja circula entre els municipis. Demanem a les entitats que el comentin abans del gener." },
  ],
  challengeArea: 'housing',
};

async function seedProject(db: Db, territory: Territory, d: DemoProject): Promise<void> {
  const members = await listMembers(db, territory.id);
  const orgId = (name: string) => members.find((m) => m.name === name)?.organisationId;
  const leadId = orgId(d.lead);
  if (!leadId) return;
  const lead = actor('0000d000-0000-4000-8000-000000000001', 'Clara Font', 'organisation-member', 'organisation', leadId);
  const { id } = await must(d.title, createProject(db, lead, territory.id, territory.name, { title: d.title, summary: d.summary, goals: d.goals, locale: 'ca', lead: leadId }));
  const memberIds = new Set(members.map((m) => m.organisationId));
  if (d.council) await must('council', addPartner(db, lead, id, territory.name, { partner: 'council', role: 'council' }, memberIds));
  for (const p of d.partners) {
    const pid = orgId(p.name);
    if (pid) await must(p.name, addPartner(db, lead, id, territory.name, { partner: pid, role: p.role }, memberIds));
  }
  for (const b of d.budget) await must('budget', addBudgetLine(db, lead, id, b));
  for (const m of d.milestones) await must('milestone', addMilestone(db, lead, id, m));
  const milestones = await db.select().from(projectMilestone).where(eq(projectMilestone.projectId, id));
  for (const m of d.milestones) {
    const row = milestones.find((x) => x.title === m.title)!;
    if (m.doneOn) await must('done', setMilestoneDone(db, lead, id, row.id, true, m.doneOn));
    await db.update(projectMilestone).set({ createdAt: at(d.started) }).where(eq(projectMilestone.id, row.id));
  }
  const partners = await db.select().from(projectPartner).where(eq(projectPartner.projectId, id));
  for (const [i, u] of d.updates.entries()) {
    const partner = u.by === 'council' ? partners.find((p) => p.organisationId === null)! : partners.find((p) => p.name === u.by)!;
    const author = partner.organisationId ? actor(`0000d000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`, ['Marc Soler', 'Aina Ribas', 'Laura Pi', 'Hugo Martí'][i % 4]!, 'organisation-member', 'organisation', partner.organisationId) : actor('0000d000-0000-4000-8000-000000000200', 'Serveis Socials', 'territory-admin', 'territory', territory.id);
    await must('update', postUpdate(db, author, id, { partnerId: partner.id, body: u.body }, at(u.on)));
  }
  const challenge = (await listChallenges(db, territory.id)).find((c) => c.areas.includes(d.challengeArea));
  if (challenge) await must('challenge link', addLink(db, lead, id, { challengeId: challenge.id, measureId: '' }));
  for (const plan of await listPublishedPlans(db, territory.id)) {
    // The measure on housing (social rented housing with the organisations), else the plan's first.
    const measures = (await publicPlanDetail(db, territory.id, plan.slug))?.measures ?? [];
    const measure = measures.find((m) => Object.values(m.title).some((x) => x && /habitatge|vivienda|housing/i.test(x))) ?? measures[0];
    if (measure) await must('measure link', addLink(db, lead, id, { challengeId: '', measureId: measure.id }));
    break;
  }
  await db.update(project).set({ createdAt: at(d.started) }).where(eq(project.id, id));
  await db.update(projectPartner).set({ addedAt: at(d.started) }).where(eq(projectPartner.projectId, id));
}

interface DemoPost {
  side: 'offer' | 'need';
  kind: string;
  area?: string;
  district?: string;
  languages: string[];
  title: string;
  description: string;
  contact: string;
  /** Posted for this organisation; else by a person (`person`). */
  organisation?: string;
  person?: string;
  posted: string;
  fromOn?: string;
  untilOn?: string;
}

const barcelonaPosts: DemoPost[] = [
  { side: 'offer', kind: 'translation', district: '01', languages: ['ar', 'fr', 'ca', 'es'], title: 'Traducció àrab i francès per a cites i tràmits', description: 'Voluntàries que acompanyen i tradueixen a cites mèdiques, escoles i tràmits. Dimarts i dijous a la tarda.', contact: 'voluntariat@sostreobert.example · 600 100 200', organisation: 'Fundació Sostre Obert', posted: '2026-02-03' },
  { side: 'offer', kind: 'legal-advice', area: 'migration', district: '01', languages: ['es', 'ca', 'ur', 'en'], title: "Assessorament d'estrangeria sense cita", description: 'Dilluns de 10 a 13 h: arrelament, renovacions i recursos.', contact: 'consultes@drassanes.example', organisation: 'Servei Jurídic Popular Drassanes', posted: '2026-03-18' },
  { side: 'offer', kind: 'food', area: 'food', district: '03', languages: ['ca', 'es', 'ar', 'zh'], title: 'Lots de menjar fresc cada divendres', description: 'Per a famílies derivades o que ens ho demanin directament.', contact: 'rebost@sants.example · 933 000 111', organisation: 'Rebost Solidari de Sants', posted: '2026-04-07' },
  { side: 'offer', kind: 'digital-help', district: '02', languages: ['ca', 'es', 'ro'], title: 'Ajuda amb el mòbil i els tràmits en línia', description: 'Us ajudo a fer servir el certificat digital, demanar cita i omplir formularis.', contact: 'andreea.voluntaria@example.org', person: 'Andreea Lupu', posted: '2026-05-21' },
  { side: 'offer', kind: 'accompaniment', area: 'health', district: '10', languages: ['ca', 'es', 'ro'], title: 'Acompanyament a l’hospital i al metge', description: 'Voluntariat que acompanya persones grans o soles a les visites.', contact: 'acompanyament@creublanca.example', organisation: 'Creu Blanca Solidària de Sant Martí', posted: '2026-06-02' },
  { side: 'need', kind: 'translation', district: '02', languages: ['ar'], title: "Traducció a l'àrab per a una reunió a l'escola", description: "La meva filla comença a l'institut i tinc una reunió amb la tutora; no parlo català.", contact: '611 222 333 (WhatsApp)', person: 'Hanane B.', posted: '2026-09-14', fromOn: '2026-09-20', untilOn: '2026-10-15' },
  { side: 'need', kind: 'housing', area: 'housing', district: '08', languages: ['es', 'ar'], title: 'Allotjament temporal per a una família desnonada', description: 'Família amb dos infants amb data de llançament al gener; busquem allotjament unes setmanes.', contact: 'acollida@habitatgedigne.example', organisation: 'Associació Habitatge Digne Nou Barris', posted: '2026-11-05' },
  { side: 'need', kind: 'digital-help', district: '01', languages: ['ur', 'en'], title: 'Ajuda per demanar la cita d’empadronament en línia', description: 'No sé fer servir la web de l’Ajuntament i necessito empadronar-me.', contact: 'imran.k@example.org', person: 'Imran K.', posted: '2026-11-22' },
];

const forumPosts: DemoPost[] = [
  { side: 'offer', kind: 'legal-advice', area: 'housing', languages: ['ca', 'es'], title: 'Assessorament sobre desnonaments a tota l’àrea metropolitana', description: 'Revisem el cas i us acompanyem al jutjat.', contact: 'desnonaments@habitatgedigne.example', organisation: 'Associació Habitatge Digne Nou Barris', posted: '2026-04-15' },
  { side: 'offer', kind: 'training', area: 'housing', languages: ['ca', 'es'], title: 'Formació per a grups d’habitatge cooperatiu', description: 'Quatre sessions per a grups que volen començar una cooperativa en cessió d’ús.', contact: 'formacio@lateulada.example', organisation: 'Cooperativa Habitatge Cooperatiu La Teulada', posted: '2026-06-20' },
  { side: 'need', kind: 'training', area: 'housing', languages: ['es'], title: 'Formació per a un grup de veïnes que volen fer una cooperativa', description: 'Som sis veïnes de l’Hospitalet i volem saber com començar.', contact: 'grup.veines@example.org', person: 'Carmen R.', posted: '2026-10-02' },
];

async function seedPosts(db: Db, territory: Territory, posts: DemoPost[]): Promise<string[]> {
  const members = await listMembers(db, territory.id);
  const districts = await listAreaSummaries(db, territory.id, 'district');
  const ids: string[] = [];
  for (const [i, p] of posts.entries()) {
    const orgId = p.organisation ? members.find((m) => m.name === p.organisation)?.organisationId : undefined;
    if (p.organisation && !orgId) continue;
    const by = orgId ? actor(`0000d000-0000-4000-8000-0000000003${String(i).padStart(2, '0')}`, 'Voluntariat', 'organisation-member', 'organisation', orgId) : actor(`0000d000-0000-4000-8000-0000000004${String(i).padStart(2, '0')}`, p.person!, null, 'territory', territory.id);
    const { id } = await must(p.title, createPost(db, by, territory.id, { side: p.side, kind: p.kind, area: p.area ?? '', districtId: districts.find((d) => d.code === p.district)?.id ?? '', languages: p.languages, title: p.title, description: p.description, contact: p.contact, fromOn: p.fromOn ?? '', untilOn: p.untilOn ?? '', organisationId: orgId ?? '' }));
    await db.update(aidPost).set({ createdAt: at(p.posted) }).where(eq(aidPost.id, id));
    ids.push(id);
  }
  return ids;
}

/** The need and the offer are put in touch, talk, both agree to share contacts, and the help is given. */
async function seedFulfilledMatch(db: Db, needId: string, offerId: string, opened: string) {
  const [need] = await db.select().from(aidPost).where(eq(aidPost.id, needId));
  const [offer] = await db.select().from(aidPost).where(eq(aidPost.id, offerId));
  if (!need || !offer) return;
  const needSide = actor(need.postedBy!, need.postedByName, null, 'territory', need.territoryId);
  const offerSide = actor(offer.postedBy!, offer.postedByName, 'organisation-member', 'organisation', offer.organisationId!);
  const { id } = await must('match', openMatch(db, needSide, offerId, needId));
  await db.update(aidMatch).set({ createdAt: at(opened) }).where(eq(aidMatch.id, id));
  await must('message', sendMessage(db, needSide, id, 'Bon dia, la reunió és el 24 de setembre a les 17 h. Em podeu acompanyar?', at(opened, 9)));
  await must('message', sendMessage(db, offerSide, id, 'Sí, una voluntària que parla àrab hi pot anar. Compartim els contactes per quedar?', at(opened, 15)));
  await must('agree', agreeToShare(db, needSide, id, at(opened, 16)));
  await must('agree', agreeToShare(db, offerSide, id, at(opened, 17)));
  await must('fulfilled', markFulfilled(db, offerSide, id, at('2026-09-25', 12)));
}

export async function seedProjects({ db, log }: SeedContext): Promise<void> {
  const barcelona = await findTerritory(db, 'barcelona');
  const forum = await findTerritory(db, 'metropolitan-social-forum');
  if (!barcelona || !forum) return;
  const [already] = await db.select({ id: project.id }).from(project).where(eq(project.territoryId, barcelona.id));
  if (already) return;
  await seedProject(db, barcelona, barcelonaProject);
  await seedProject(db, forum, forumProject);
  const posts = await seedPosts(db, barcelona, barcelonaPosts);
  await seedPosts(db, forum, forumPosts);
  // The Arabic translation need (index 5) is answered by the translation offer (index 0).
  if (posts[0] && posts[5]) await seedFulfilledMatch(db, posts[5], posts[0], '2026-09-16');
  const messages = await db.select({ id: aidMessage.id }).from(aidMessage);
  log(`Projects: 2 joint projects, ${barcelonaPosts.length + forumPosts.length} offers and needs, 1 match fulfilled (${messages.length} messages)`);
}
