// Joint projects: started by an organisation (its lead) or the council, edited only by their partners —
// partners with roles, goals, budget lines, milestones, dated updates, and links to the challenges it answers
// (agreement context) and the strategy measures it serves (plans context), read through their services.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { locales } from '../../../platform/i18n/locales.ts';
import { recordAccess } from '../../../platform/access-log/access-log.ts';
import { project, projectBudgetLine, projectChallenge, projectMeasure, projectMilestone, projectPartner, projectUpdate, partnerRoles, type PartnerRole } from '../projects.schema.ts';
import { findOrganisation, isUuid, territoriesOfOrganisations } from '../../agreement/organisations/organisation.service.ts';
import { findChallenge, listChallenges } from '../../agreement/challenges/challenge.service.ts';
import { listPublishedPlans, measureWithPlan, publicPlanDetail, textIn } from '../../plans/plan.service.ts';
import { projectProgress, parseEuros, validDay } from './progress.ts';

export type Project = typeof project.$inferSelect;
export type Partner = typeof projectPartner.$inferSelect;
export type BudgetLine = typeof projectBudgetLine.$inferSelect;
export type Milestone = typeof projectMilestone.$inferSelect;
export type ProjectUpdate = typeof projectUpdate.$inferSelect;

export interface ProjectSummary extends Project {
  partners: Partner[];
  milestones: number;
  done: number;
  progress: number | null;
}

export interface ProjectDetail {
  project: Project;
  partners: Partner[];
  budget: BudgetLine[];
  milestones: Milestone[];
  updates: ProjectUpdate[];
  progress: number | null;
  challenges: { id: string; title: string }[];
  /** `lang`: the language the titles are shown in (the reader's, else the first written). */
  measures: { id: string; code: string; title: string; planSlug: string; planTitle: string; lang: string }[];
}

/** The partners this person may act for in a project: organisations they belong to, and the council for its staff. */
export function partnersActorMayActFor(actor: Actor | null, territoryId: string, partners: readonly Partner[]): Partner[] {
  return partners.filter((p) => requirePermission(actor, 'projects.project.edit', p.organisationId ? { organisationId: p.organisationId } : { territoryId }).ok);
}

export function mayEdit(actor: Actor | null, territoryId: string, partners: readonly Partner[]): boolean {
  return partnersActorMayActFor(actor, territoryId, partners).length > 0;
}

/** Where the organisations among these partners are registered (in a forum, one of its municipalities), by organisation id. */
export async function partnerTerritories(db: Db, partners: readonly Pick<Partner, 'organisationId'>[]): Promise<Map<string, string>> {
  return territoriesOfOrganisations(db, partners.flatMap((p) => (p.organisationId ? [p.organisationId] : [])));
}

/**
 * A territory's projects, newest first; with `partnerFrom`, only those with a partner organisation registered in that
 * territory (a forum's municipality), and none when it is null.
 */
export async function listProjects(db: Db, territoryId: string, filters: { partnerFrom?: string | null } = {}): Promise<ProjectSummary[]> {
  const all = await allProjects(db, territoryId);
  if (filters.partnerFrom === undefined) return all;
  const { partnerFrom } = filters;
  if (!partnerFrom) return [];
  const where = await partnerTerritories(db, all.flatMap((p) => p.partners));
  return all.filter((p) => p.partners.some((x) => x.organisationId && where.get(x.organisationId) === partnerFrom));
}

async function allProjects(db: Db, territoryId: string): Promise<ProjectSummary[]> {
  const rows = await db.select().from(project).where(eq(project.territoryId, territoryId)).orderBy(desc(project.createdAt));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [partners, milestones] = await Promise.all([
    db.select().from(projectPartner).where(inArray(projectPartner.projectId, ids)).orderBy(asc(projectPartner.addedAt)),
    db.select({ projectId: projectMilestone.projectId, doneOn: projectMilestone.doneOn }).from(projectMilestone).where(inArray(projectMilestone.projectId, ids)),
  ]);
  return rows.map((r) => {
    const own = milestones.filter((m) => m.projectId === r.id);
    return { ...r, partners: partners.filter((p) => p.projectId === r.id), milestones: own.length, done: own.filter((m) => m.doneOn).length, progress: projectProgress(own) };
  });
}

export async function findProject(db: Db, id: string): Promise<Project | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(project).where(eq(project.id, id));
  return row ?? null;
}

export async function projectDetail(db: Db, id: string, locale: string): Promise<ProjectDetail | null> {
  const row = await findProject(db, id);
  if (!row) return null;
  const [partners, budget, milestones, updates, challengeLinks, measureLinks] = await Promise.all([
    db.select().from(projectPartner).where(eq(projectPartner.projectId, id)).orderBy(asc(projectPartner.addedAt)),
    db.select().from(projectBudgetLine).where(eq(projectBudgetLine.projectId, id)).orderBy(asc(projectBudgetLine.createdAt)),
    db.select().from(projectMilestone).where(eq(projectMilestone.projectId, id)).orderBy(asc(projectMilestone.dueOn), asc(projectMilestone.createdAt)),
    db.select().from(projectUpdate).where(eq(projectUpdate.projectId, id)).orderBy(desc(projectUpdate.postedAt)),
    db.select().from(projectChallenge).where(eq(projectChallenge.projectId, id)),
    db.select().from(projectMeasure).where(eq(projectMeasure.projectId, id)),
  ]);
  const challenges = [];
  for (const link of challengeLinks) {
    const c = await findChallenge(db, link.challengeId);
    if (c) challenges.push({ id: c.id, title: c.title });
  }
  const measures = [];
  for (const link of measureLinks) {
    const m = await measureWithPlan(db, row.territoryId, link.measureId);
    if (m && m.plan.publishedVersion > 0) measures.push({ id: m.measure.id, code: m.measure.code, title: textIn(m.measure.title, locale), planSlug: m.plan.slug, planTitle: textIn(m.plan.title, locale), lang: m.measure.title[locale] ? locale : (Object.keys(m.measure.title).find((l) => m.measure.title[l]) ?? locale) });
  }
  return { project: row, partners, budget, milestones, updates, progress: projectProgress(milestones), challenges, measures };
}

/** What a project may be linked to: the territory's challenges and the measures of its published plans. */
export async function linkOptions(db: Db, territoryId: string, locale: string) {
  const challenges = (await listChallenges(db, territoryId)).map((c) => ({ id: c.id, title: c.title }));
  const measures: { id: string; label: string }[] = [];
  for (const p of await listPublishedPlans(db, territoryId)) {
    const detail = await publicPlanDetail(db, territoryId, p.slug);
    for (const m of detail?.measures ?? []) measures.push({ id: m.id, label: `${m.code} · ${textIn(m.title, locale)} (${textIn(p.title, locale)})` });
  }
  return { challenges, measures };
}

export const tooLong = 'projects.errors.tooLong';

export interface ProjectInput {
  title: string;
  summary: string;
  goals: string;
  locale: string;
  /** The organisation that leads it, or 'council'. */
  lead: string;
}

/** What is wrong with a project's name, summary and goals as typed (empty when nothing). Shared by starting and editing. */
export function projectTextFields(input: { title: string; summary: string; goals: string }): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!input.title.trim()) fields.title = 'projects.project.errors.title';
  else if (input.title.trim().length > 200) fields.title = tooLong;
  if (!input.summary.trim()) fields.summary = 'projects.project.errors.summary';
  else if (input.summary.length > 5000) fields.summary = tooLong;
  if (input.goals.length > 5000) fields.goals = tooLong;
  return fields;
}

export async function createProject(db: Db, actor: Actor | null, territoryId: string, councilName: string, input: ProjectInput): Promise<Outcome<{ id: string }, 'invalid'>> {
  if (!actor) return { ok: false, error: 'signed-out' };
  // Permission is for the lead chosen: the person's own organisation, or the council for its staff.
  const subject = input.lead === 'council' ? { territoryId } : isUuid(input.lead) ? { organisationId: input.lead } : null;
  const allowed = subject ? requirePermission(actor, 'projects.project.create', subject) : null;
  if (allowed && !allowed.ok && allowed.reason === 'two-factor-required') return { ok: false, error: allowed.reason };
  const fields: Record<string, string> = {};
  let lead: { organisationId: string | null; name: string } | null = null;
  if (!allowed?.ok) {
    // Not a lead this person may choose: said beside the field.
  } else if (input.lead === 'council') {
    lead = { organisationId: null, name: councilName };
  } else {
    const org = await findOrganisation(db, input.lead);
    if (org) lead = { organisationId: org.id, name: org.name };
  }
  if (!lead) fields.lead = 'projects.project.errors.lead';
  Object.assign(fields, projectTextFields(input));
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const locale = (locales as readonly string[]).includes(input.locale) ? input.locale : actor!.locale;
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(project)
      .values({ territoryId, title: input.title.trim(), summary: input.summary.trim(), goals: input.goals.trim(), locale, createdBy: actor!.personId, createdByName: actor!.displayName })
      .returning({ id: project.id });
    await tx.insert(projectPartner).values({ projectId: row!.id, organisationId: lead!.organisationId, name: lead!.name, role: lead!.organisationId ? 'lead' : 'council' });
    return row!.id;
  });
  return { ok: true, value: { id } };
}

/** The project, when the person is one of its partners; else not-found (a project is public, but its editing is not). */
export async function editable(db: Db, actor: Actor | null, id: string): Promise<Outcome<{ row: Project; partners: Partner[]; mine: Partner[] }, 'not-found'>> {
  const row = await findProject(db, id);
  if (!row) return { ok: false, error: 'not-found' };
  if (!actor) return { ok: false, error: 'signed-out' };
  const partners = await db.select().from(projectPartner).where(eq(projectPartner.projectId, id));
  const mine = partnersActorMayActFor(actor, row.territoryId, partners);
  if (mine.length === 0) return { ok: false, error: 'forbidden' };
  return { ok: true, value: { row, partners, mine } };
}

/** Council staff change a project as the council partner: a staff action, so it goes to the access log. Given a
 * transaction, the entry commits with the change: call it as the transaction's last step. */
export async function logIfStaff(db: Db, actor: Actor, found: { row: Project; mine: Partner[] }, action: string): Promise<void> {
  if (!found.mine.some((p) => p.organisationId === null)) return;
  await recordAccess(db, { actorId: actor.personId, action: `projects.project.${action}`, recordType: 'project', recordId: found.row.id, territoryId: found.row.territoryId });
}

export async function addPartner(db: Db, actor: Actor | null, id: string, councilName: string, input: { partner: string; role: string }, memberIds: ReadonlySet<string>): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const found = await editable(db, actor, id);
  if (!found.ok) return found;
  const fields: Record<string, string> = {};
  const role = (partnerRoles as readonly string[]).includes(input.role) ? (input.role as PartnerRole) : null;
  if (!role) fields.role = 'projects.partner.errors.role';
  let partner: { organisationId: string | null; name: string } | null = null;
  if (input.partner === 'council') partner = { organisationId: null, name: councilName };
  else if (isUuid(input.partner) && memberIds.has(input.partner)) {
    const org = await findOrganisation(db, input.partner);
    if (org) partner = { organisationId: org.id, name: org.name };
  }
  if (!partner) fields.partner = 'projects.partner.errors.partner';
  else if (found.value.partners.some((p) => p.organisationId === partner!.organisationId)) fields.partner = 'projects.partner.errors.already';
  if (role === 'council' && partner && partner.organisationId) fields.role = 'projects.partner.errors.councilRole';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  await db.insert(projectPartner).values({ projectId: id, organisationId: partner!.organisationId, name: partner!.name, role: partner!.organisationId ? role! : 'council' });
  await logIfStaff(db, actor!, found.value, 'partner.add');
  return { ok: true, value: null };
}

/** A budget line as typed, checked: what for, an amount in euros (never negative), paid by whom. Shared by adding and editing. */
export function budgetLineInput(input: { concept: string; amount: string; funder: string }): Outcome<{ concept: string; amountCents: number; funder: string }, 'invalid'> {
  const fields: Record<string, string> = {};
  if (!input.concept.trim()) fields.concept = 'projects.budget.errors.concept';
  else if (input.concept.trim().length > 200) fields.concept = tooLong;
  const cents = parseEuros(input.amount);
  if (cents === null || cents > 100_000_000_000) fields.amount = 'projects.budget.errors.amount';
  if (input.funder.trim().length > 200) fields.funder = tooLong;
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  return { ok: true, value: { concept: input.concept.trim(), amountCents: cents!, funder: input.funder.trim() } };
}

/** A milestone as typed, checked: what, and a real day. Shared by adding and editing. */
export function milestoneInput(input: { title: string; dueOn: string }): Outcome<{ title: string; dueOn: string }, 'invalid'> {
  const fields: Record<string, string> = {};
  if (!input.title.trim()) fields.title = 'projects.milestone.errors.title';
  else if (input.title.trim().length > 200) fields.title = tooLong;
  const dueOn = validDay(input.dueOn);
  if (!dueOn) fields.dueOn = 'projects.errors.date';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  return { ok: true, value: { title: input.title.trim(), dueOn: dueOn! } };
}

export async function addBudgetLine(db: Db, actor: Actor | null, id: string, input: { concept: string; amount: string; funder: string }): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const found = await editable(db, actor, id);
  if (!found.ok) return found;
  const line = budgetLineInput(input);
  if (!line.ok) return line;
  await db.insert(projectBudgetLine).values({ projectId: id, ...line.value });
  await logIfStaff(db, actor!, found.value, 'budget.add');
  return { ok: true, value: null };
}

export async function addMilestone(db: Db, actor: Actor | null, id: string, input: { title: string; dueOn: string }): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const found = await editable(db, actor, id);
  if (!found.ok) return found;
  const milestone = milestoneInput(input);
  if (!milestone.ok) return milestone;
  await db.insert(projectMilestone).values({ projectId: id, ...milestone.value });
  await logIfStaff(db, actor!, found.value, 'milestone.add');
  return { ok: true, value: null };
}

/** Marks a milestone reached (on the given day, today by default) or not reached again. */
export async function setMilestoneDone(db: Db, actor: Actor | null, id: string, milestoneId: string, done: boolean, on = new Date().toISOString().slice(0, 10)): Promise<Outcome<null, 'not-found'>> {
  const found = await editable(db, actor, id);
  if (!found.ok) return found;
  if (!isUuid(milestoneId)) return { ok: false, error: 'not-found' };
  const changed = await db
    .update(projectMilestone)
    .set({ doneOn: done ? on : null })
    .where(and(eq(projectMilestone.id, milestoneId), eq(projectMilestone.projectId, id)))
    .returning({ id: projectMilestone.id });
  if (changed.length === 0) return { ok: false, error: 'not-found' };
  await logIfStaff(db, actor!, found.value, 'milestone.change');
  return { ok: true, value: null };
}

export async function postUpdate(db: Db, actor: Actor | null, id: string, input: { partnerId: string; body: string }, now = new Date()): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const found = await editable(db, actor, id);
  if (!found.ok) return found;
  const fields: Record<string, string> = {};
  const partner = found.value.mine.find((p) => p.id === input.partnerId) ?? (found.value.mine.length === 1 && !input.partnerId ? found.value.mine[0] : undefined);
  if (!partner) fields.partnerId = 'projects.update.errors.partner';
  if (!input.body.trim()) fields.body = 'projects.update.errors.body';
  else if (input.body.length > 10_000) fields.body = tooLong;
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  await db.insert(projectUpdate).values({ projectId: id, organisationId: partner!.organisationId, partnerName: partner!.name, body: input.body.trim(), authorId: actor!.personId, authorName: actor!.displayName, postedAt: now });
  if (partner!.organisationId === null) await logIfStaff(db, actor!, found.value, 'update.post');
  return { ok: true, value: null };
}

/** Links the project to a challenge of its territory, or a measure of one of its published plans. */
export async function addLink(db: Db, actor: Actor | null, id: string, input: { challengeId: string; measureId: string }): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const found = await editable(db, actor, id);
  if (!found.ok) return found;
  const territoryId = found.value.row.territoryId;
  if (input.challengeId) {
    const c = isUuid(input.challengeId) ? await findChallenge(db, input.challengeId) : null;
    if (!c || c.territoryId !== territoryId) return { ok: false, error: 'invalid', fields: { challengeId: 'projects.link.errors.challenge' } };
    await db.insert(projectChallenge).values({ projectId: id, challengeId: c.id }).onConflictDoNothing();
    await logIfStaff(db, actor!, found.value, 'link.add');
    return { ok: true, value: null };
  }
  const m = input.measureId ? await measureWithPlan(db, territoryId, input.measureId) : null;
  if (!m || m.plan.publishedVersion === 0) return { ok: false, error: 'invalid', fields: { measureId: 'projects.link.errors.measure' } };
  await db.insert(projectMeasure).values({ projectId: id, measureId: m.measure.id }).onConflictDoNothing();
  await logIfStaff(db, actor!, found.value, 'link.add');
  return { ok: true, value: null };
}

/** Projects a person's organisations (or the council's staff) take part in, with milestones past due and not reached. */
export async function projectsOfActor(db: Db, actor: Actor, territoryId: string, today = new Date().toISOString().slice(0, 10)) {
  const result: { project: ProjectSummary; overdue: number }[] = [];
  for (const p of await listProjects(db, territoryId)) {
    if (!mayEdit(actor, territoryId, p.partners)) continue;
    const overdue = (await db.select({ dueOn: projectMilestone.dueOn, doneOn: projectMilestone.doneOn }).from(projectMilestone).where(eq(projectMilestone.projectId, p.id))).filter((m) => !m.doneOn && m.dueOn < today).length;
    result.push({ project: p, overdue });
  }
  return result;
}
