// Changing and removing what a project's partners added: its name, summary and goals, a milestone, a budget line,
// a partner's role or the partner itself. The same people as adding (a partner's people, the council's staff as
// the council partner, access-logged); each change is one transaction with its log entry.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import type { Actor, Outcome } from '../../../platform/auth/permissions.ts';
import { locales } from '../../../platform/i18n/locales.ts';
import { isUuid } from '../../agreement/organisations/organisation.service.ts';
import { project, projectBudgetLine, projectMilestone, projectPartner, partnerRoles, type PartnerRole } from '../projects.schema.ts';
import { budgetLineInput, editable, logIfStaff, milestoneInput, projectTextFields, type BudgetLine, type Milestone, type Partner, type Project } from './project.service.ts';

type Editable = { row: Project; partners: Partner[]; mine: Partner[] };

/** The project to change, for a person who may change it (a partner's people); else not-found, signed-out or forbidden. */
export const projectToEdit = editable;

/** A milestone of the project, for a person who may change it. */
export async function milestoneToEdit(db: Db, actor: Actor | null, id: string, milestoneId: string): Promise<Outcome<Editable & { milestone: Milestone }, 'not-found'>> {
  const found = await editable(db, actor, id);
  if (!found.ok) return found;
  if (!isUuid(milestoneId)) return { ok: false, error: 'not-found' };
  const [milestone] = await db.select().from(projectMilestone).where(and(eq(projectMilestone.id, milestoneId), eq(projectMilestone.projectId, id)));
  return milestone ? { ok: true, value: { ...found.value, milestone } } : { ok: false, error: 'not-found' };
}

/** A budget line of the project, for a person who may change it. */
export async function budgetLineToEdit(db: Db, actor: Actor | null, id: string, lineId: string): Promise<Outcome<Editable & { line: BudgetLine }, 'not-found'>> {
  const found = await editable(db, actor, id);
  if (!found.ok) return found;
  if (!isUuid(lineId)) return { ok: false, error: 'not-found' };
  const [line] = await db.select().from(projectBudgetLine).where(and(eq(projectBudgetLine.id, lineId), eq(projectBudgetLine.projectId, id)));
  return line ? { ok: true, value: { ...found.value, line } } : { ok: false, error: 'not-found' };
}

/** A partner of the project, for a person who may change it. */
export async function partnerToEdit(db: Db, actor: Actor | null, id: string, partnerId: string): Promise<Outcome<Editable & { partner: Partner }, 'not-found'>> {
  const found = await editable(db, actor, id);
  if (!found.ok) return found;
  const partner = found.value.partners.find((p) => p.id === partnerId);
  return partner ? { ok: true, value: { ...found.value, partner } } : { ok: false, error: 'not-found' };
}

/** Who leads the project: its lead organisation, else the council (a project the council started, or one whose lead stepped back). */
export function leaderOf(partners: readonly Partner[]): Partner | null {
  return partners.find((p) => p.role === 'lead') ?? partners.find((p) => p.organisationId === null) ?? null;
}

/**
 * Why a partner may not be removed, or null when it may: a project always keeps someone who leads it and at least
 * one partner, so that it stays somebody's project (another partner takes the lead first, by changing roles).
 */
export function keptPartner(partners: readonly Partner[], partner: Partner): 'projects.partner.errors.leads' | 'projects.partner.errors.only' | null {
  if (partners.length <= 1) return 'projects.partner.errors.only';
  if (leaderOf(partners)?.id === partner.id) return 'projects.partner.errors.leads';
  return null;
}

export async function editProject(db: Db, actor: Actor | null, id: string, input: { title: string; summary: string; goals: string; locale: string }): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const found = await editable(db, actor, id);
  if (!found.ok) return found;
  const fields = projectTextFields(input);
  if (!(locales as readonly string[]).includes(input.locale)) fields.locale = 'projects.errors.invalid';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  await db.transaction(async (tx) => {
    await tx.update(project).set({ title: input.title.trim(), summary: input.summary.trim(), goals: input.goals.trim(), locale: input.locale }).where(eq(project.id, id));
    await logIfStaff(tx, actor!, found.value, 'details.edit');
  });
  return { ok: true, value: null };
}

export async function editMilestone(db: Db, actor: Actor | null, id: string, milestoneId: string, input: { title: string; dueOn: string }): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const found = await milestoneToEdit(db, actor, id, milestoneId);
  if (!found.ok) return found;
  const milestone = milestoneInput(input);
  if (!milestone.ok) return milestone;
  return db.transaction(async (tx) => {
    const changed = await tx.update(projectMilestone).set(milestone.value).where(and(eq(projectMilestone.id, milestoneId), eq(projectMilestone.projectId, id))).returning({ id: projectMilestone.id });
    // Removed by another partner meanwhile.
    if (changed.length === 0) return { ok: false, error: 'not-found' } as const;
    await logIfStaff(tx, actor!, found.value, 'milestone.edit');
    return { ok: true, value: null } as const;
  });
}

export async function removeMilestone(db: Db, actor: Actor | null, id: string, milestoneId: string): Promise<Outcome<null, 'not-found'>> {
  const found = await milestoneToEdit(db, actor, id, milestoneId);
  if (!found.ok) return found;
  return db.transaction(async (tx) => {
    const gone = await tx.delete(projectMilestone).where(and(eq(projectMilestone.id, milestoneId), eq(projectMilestone.projectId, id))).returning({ id: projectMilestone.id });
    if (gone.length === 0) return { ok: false, error: 'not-found' } as const;
    await logIfStaff(tx, actor!, found.value, 'milestone.remove');
    return { ok: true, value: null } as const;
  });
}

export async function editBudgetLine(db: Db, actor: Actor | null, id: string, lineId: string, input: { concept: string; amount: string; funder: string }): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const found = await budgetLineToEdit(db, actor, id, lineId);
  if (!found.ok) return found;
  const line = budgetLineInput(input);
  if (!line.ok) return line;
  return db.transaction(async (tx) => {
    const changed = await tx.update(projectBudgetLine).set(line.value).where(and(eq(projectBudgetLine.id, lineId), eq(projectBudgetLine.projectId, id))).returning({ id: projectBudgetLine.id });
    if (changed.length === 0) return { ok: false, error: 'not-found' } as const;
    await logIfStaff(tx, actor!, found.value, 'budget.edit');
    return { ok: true, value: null } as const;
  });
}

export async function removeBudgetLine(db: Db, actor: Actor | null, id: string, lineId: string): Promise<Outcome<null, 'not-found'>> {
  const found = await budgetLineToEdit(db, actor, id, lineId);
  if (!found.ok) return found;
  return db.transaction(async (tx) => {
    const gone = await tx.delete(projectBudgetLine).where(and(eq(projectBudgetLine.id, lineId), eq(projectBudgetLine.projectId, id))).returning({ id: projectBudgetLine.id });
    if (gone.length === 0) return { ok: false, error: 'not-found' } as const;
    await logIfStaff(tx, actor!, found.value, 'budget.remove');
    return { ok: true, value: null } as const;
  });
}

/**
 * An organisation partner's role. Making one the lead makes the former lead a partner (a project has one lead); the
 * lead may step back only when the council takes part, which then leads. The council's role is always the council's.
 */
export async function changePartnerRole(db: Db, actor: Actor | null, id: string, partnerId: string, input: { role: string }): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const found = await partnerToEdit(db, actor, id, partnerId);
  if (!found.ok) return found;
  const role = (partnerRoles as readonly string[]).includes(input.role) ? (input.role as PartnerRole) : null;
  const invalid = (message: string) => ({ ok: false, error: 'invalid', fields: { role: message } }) as const;
  if (!role) return invalid('projects.partner.errors.role');
  const isCouncil = found.value.partner.organisationId === null;
  if (isCouncil && role !== 'council') return invalid('projects.partner.errors.councilFixed');
  if (!isCouncil && role === 'council') return invalid('projects.partner.errors.councilRole');
  return db.transaction(async (tx) => {
    // Read again under lock: two partners changing roles at once still leave one lead.
    const partners = await tx.select().from(projectPartner).where(eq(projectPartner.projectId, id)).for('update');
    const partner = partners.find((p) => p.id === partnerId);
    if (!partner) return { ok: false, error: 'not-found' } as const;
    if (partner.role === role) return { ok: true, value: null } as const;
    if (partner.role === 'lead' && !partners.some((p) => p.organisationId === null)) return invalid('projects.partner.errors.needsLead');
    if (role === 'lead') await tx.update(projectPartner).set({ role: 'partner' }).where(and(eq(projectPartner.projectId, id), eq(projectPartner.role, 'lead')));
    await tx.update(projectPartner).set({ role }).where(eq(projectPartner.id, partnerId));
    await logIfStaff(tx, actor!, found.value, 'partner.edit');
    return { ok: true, value: null } as const;
  });
}

/** Takes a partner out of the project (see keptPartner for who stays). Its earlier updates stay, under its name. */
export async function removePartner(db: Db, actor: Actor | null, id: string, partnerId: string): Promise<Outcome<null, 'not-found' | 'kept'>> {
  const found = await partnerToEdit(db, actor, id, partnerId);
  if (!found.ok) return found;
  return db.transaction(async (tx) => {
    const partners = await tx.select().from(projectPartner).where(eq(projectPartner.projectId, id)).for('update');
    const partner = partners.find((p) => p.id === partnerId);
    if (!partner) return { ok: false, error: 'not-found' } as const;
    const kept = keptPartner(partners, partner);
    if (kept) return { ok: false, error: 'kept', fields: { _form: kept } } as const;
    await tx.delete(projectPartner).where(eq(projectPartner.id, partnerId));
    await logIfStaff(tx, actor!, found.value, 'partner.remove');
    return { ok: true, value: null } as const;
  });
}
