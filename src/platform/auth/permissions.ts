// Who may do what, in which scope. Each context declares its policy as a table in its
// permissions.ts; services call requirePermission(actor, action, subject) before anything else.
import type { Locale } from '../i18n/locales.ts';

export const roles = [
  'platform-admin',
  'territory-admin',
  'promoting-group-member',
  'organisation-admin',
  'organisation-member',
  'network-coordinator',
  'audit-coordinator',
  'auditor',
  'case-handler',
  'service-manager',
  'board-member',
  'researcher',
] as const;
export type Role = (typeof roles)[number];

export const scopeKinds = ['platform', 'territory', 'organisation', 'network', 'campaign'] as const;
export type ScopeKind = (typeof scopeKinds)[number];

/** A role held in one scope: (person, role, scope). Platform scope has no id. */
export interface RoleGrant {
  role: Role;
  scope: { kind: ScopeKind; id: string | null };
}

/** The signed-in person making a request, as services see them. */
export interface Actor {
  personId: string;
  displayName: string;
  locale: Locale;
  grants: RoleGrant[];
  /** True when this session was opened with a second factor. */
  twoFactorVerified: boolean;
  /**
   * False when the second step was passed longer ago than `recentTwoFactorMinutes` (set from the session;
   * absent for actors made without one, such as jobs and scripts).
   */
  twoFactorRecent?: boolean;
}

/** How long a passed second step covers the most sensitive actions (rules with `recentTwoFactor`). */
export const recentTwoFactorMinutes = 15;

/** What an action touches; a grant applies when its scope contains the subject. */
export interface Subject {
  territoryId?: string | null;
  organisationId?: string | null;
  networkId?: string | null;
  campaignId?: string | null;
  /** The person the record belongs to, for rules that let people act on their own things. */
  ownerId?: string | null;
}

export interface Rule {
  /** Roles allowed; 'anyone' includes people who are not signed in; 'signed-in' any account. */
  allow: readonly Role[] | 'anyone' | 'signed-in';
  /** Also allow the owner of the subject (subject.ownerId === actor.personId). */
  owner?: boolean;
  /** The session must have passed a second factor (antenna reports, auditors' data, the access log). */
  twoFactor?: boolean;
  /**
   * The most sensitive actions (reading narratives, exporting personal data, recovery keys, roles, the
   * outbox): the second step must have been passed in the last `recentTwoFactorMinutes`, else it is asked again.
   */
  recentTwoFactor?: boolean;
}

/** A context's policy: action name (`<context>.<thing>.<verb>`) → rule. */
export type Policy = Record<string, Rule>;

export type Denial = 'signed-out' | 'forbidden' | 'two-factor-required';
export type PermissionResult = { ok: true } | { ok: false; reason: Denial };

const registry = new Map<string, Rule>();

export function registerPolicy(policy: Policy): void {
  for (const [action, rule] of Object.entries(policy)) {
    if (registry.has(action) && registry.get(action) !== rule) throw new Error(`Action ${action} has two rules`);
    registry.set(action, rule);
  }
}

export function ruleFor(action: string): Rule {
  const rule = registry.get(action);
  // An action without a rule is a programming error, never a silent allow.
  if (!rule) throw new Error(`No permission rule for action ${action}`);
  return rule;
}

export function registeredActions(): string[] {
  return [...registry.keys()];
}

/** Does this grant's scope contain the subject? Platform contains everything. */
export function grantCovers(grant: RoleGrant, subject: Subject): boolean {
  const { kind, id } = grant.scope;
  switch (kind) {
    case 'platform':
      return true;
    case 'territory':
      return subject.territoryId === id;
    case 'organisation':
      return subject.organisationId === id;
    case 'network':
      return subject.networkId === id;
    case 'campaign':
      return subject.campaignId === id;
  }
}

export function requirePermission(actor: Actor | null, action: string, subject: Subject = {}): PermissionResult {
  const rule = ruleFor(action);
  if (rule.allow === 'anyone') return { ok: true };
  if (!actor) return { ok: false, reason: 'signed-out' };
  const allowed =
    rule.allow === 'signed-in' ||
    (rule.owner === true && subject.ownerId != null && subject.ownerId === actor.personId) ||
    actor.grants.some((g) => (rule.allow as readonly Role[]).includes(g.role) && grantCovers(g, subject));
  if (!allowed) return { ok: false, reason: 'forbidden' };
  if (rule.twoFactor && !actor.twoFactorVerified) return { ok: false, reason: 'two-factor-required' };
  if (rule.recentTwoFactor && actor.twoFactorRecent === false) return { ok: false, reason: 'two-factor-required' };
  return { ok: true };
}

/** Could this actor be allowed the action in some scope? Used by routes before the subject is known. */
export function mayEverBeAllowed(actor: Actor | null, action: string): PermissionResult {
  const rule = ruleFor(action);
  if (rule.allow === 'anyone') return { ok: true };
  if (!actor) return { ok: false, reason: 'signed-out' };
  const allowed = rule.allow === 'signed-in' || rule.owner === true || actor.grants.some((g) => (rule.allow as readonly Role[]).includes(g.role));
  if (!allowed) return { ok: false, reason: 'forbidden' };
  if (rule.twoFactor && !actor.twoFactorVerified) return { ok: false, reason: 'two-factor-required' };
  if (rule.recentTwoFactor && actor.twoFactorRecent === false) return { ok: false, reason: 'two-factor-required' };
  return { ok: true };
}

/** Whether who may do this depends on the territory (a role's grant there), not only on who asks. */
export function dependsOnTerritory(action: string): boolean {
  return !mayActInTerritory(null, action, '');
}

/**
 * May this actor act on something in this territory? False when every grant that allows the action is held
 * in another territory: a page under /t/:slug never answers a territory's staff of somewhere else. Grants
 * of an organisation, network or campaign pass here; the service checks that exact scope.
 */
export function mayActInTerritory(actor: Actor | null, action: string, territoryId: string): boolean {
  const rule = ruleFor(action);
  if (rule.allow === 'anyone' || rule.allow === 'signed-in' || rule.owner === true) return true;
  if (!actor) return false;
  const allowedRoles = rule.allow;
  return actor.grants.some((g) => allowedRoles.includes(g.role) && (g.scope.kind !== 'territory' || g.scope.id === territoryId));
}

/** The result of a service function: ok with a value, or which rule failed (never thrown). */
export type Outcome<T, E extends string = never> = { ok: true; value: T } | { ok: false; error: Denial | E; fields?: Record<string, string> };

/** The platform itself, for seeds, jobs and command-line tools (never for a request). */
export const systemActor: Actor = {
  personId: '00000000-0000-0000-0000-000000000000',
  displayName: 'Coproduce',
  locale: 'en',
  grants: [{ role: 'platform-admin', scope: { kind: 'platform', id: null } }],
  twoFactorVerified: true,
};
