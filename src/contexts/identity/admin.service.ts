// Administration reads: the access log (filtered, exported) and the mail outbox.
import type { Db } from '../../platform/db/client.ts';
import { recordAccess, searchAccessLog, type AccessLogEntry, type AccessLogFilter } from '../../platform/access-log/access-log.ts';
import { listMailQueue, listOutboxFor, type OutboxEntry, type QueuedMail } from '../../platform/mail/mail.ts';
import { mayEverBeAllowed, requirePermission, type Actor, type Outcome, type Role } from '../../platform/auth/permissions.ts';
import { findTerritory, listTerritories } from '../territories/territory.service.ts';

const logReaders: readonly Role[] = ['territory-admin', 'board-member', 'platform-admin'];

/** 'all' for readers with a platform-wide role, else the territories they read the log of. */
export function logTerritories(actor: Actor): 'all' | string[] {
  const relevant = actor.grants.filter((g) => logReaders.includes(g.role));
  if (relevant.some((g) => g.scope.kind === 'platform')) return 'all';
  return relevant.filter((g) => g.scope.kind === 'territory').map((g) => g.scope.id!);
}

/** "action=identity.role.grant from=2026-11-01", or "*" for everything: what was read, in one line. */
function describeFilter(filter: AccessLogFilter): string {
  const parts = Object.entries(filter).map(([key, value]) => `${key}=${value instanceof Date ? value.toISOString().slice(0, 10) : String(value)}`);
  return parts.length > 0 ? parts.join(' ').slice(0, 300) : '*';
}

export async function readAccessLog(
  db: Db,
  actor: Actor | null,
  filter: AccessLogFilter,
  page: { limit: number; beforeSeq?: number },
  purpose: 'page' | 'export',
): Promise<Outcome<AccessLogEntry[]>> {
  const permission = filter.territoryId ? requirePermission(actor, 'identity.accessLog.read', { territoryId: filter.territoryId }) : mayEverBeAllowed(actor, 'identity.accessLog.read');
  if (!permission.ok) return { ok: false, error: permission.reason };
  const entries = await searchAccessLog(db, filter, logTerritories(actor!), page);
  // Reading the log is itself a read of personal data.
  await recordAccess(db, { actorId: actor!.personId, action: purpose === 'export' ? 'identity.accessLog.export' : 'identity.accessLog.read', recordType: 'access-log', recordId: describeFilter(filter), territoryId: filter.territoryId ?? null });
  return { ok: true, value: entries };
}

/** 'all' for platform admins, else the territories whose outbox messages this actor administers. */
export function outboxTerritories(actor: Actor): 'all' | string[] {
  const relevant = actor.grants.filter((g) => g.role === 'platform-admin' || g.role === 'territory-admin');
  if (relevant.some((g) => g.role === 'platform-admin' && g.scope.kind === 'platform')) return 'all';
  return relevant.filter((g) => g.role === 'territory-admin' && g.scope.kind === 'territory').map((g) => g.scope.id!);
}

/**
 * Recipients and subjects of the outbox, scoped: a territory admin sees the messages about their territory
 * only; the text of a message with a secret is shown to nobody. The mail server's queue (no territory) is
 * for platform admins.
 */
export async function readOutbox(db: Db, actor: Actor | null): Promise<Outcome<{ messages: OutboxEntry[]; queue: QueuedMail[] }>> {
  const permission = mayEverBeAllowed(actor, 'identity.outbox.read');
  if (!permission.ok) return { ok: false, error: permission.reason };
  const territories = outboxTerritories(actor!);
  const [messages, queue] = [await listOutboxFor(db, territories, 200), territories === 'all' ? await listMailQueue(db, 200) : []];
  await recordAccess(db, { actorId: actor!.personId, action: 'identity.outbox.read', recordType: 'mail-outbox', recordId: '*' });
  return { ok: true, value: { messages, queue } };
}

export interface TerritoryOption {
  id: string;
  slug: string;
  name: string;
}

/** Territories with their ids, through the territories context's own functions. */
export async function territoryOptions(db: Db): Promise<TerritoryOption[]> {
  const summaries = await listTerritories(db);
  const found = await Promise.all(summaries.map((s) => findTerritory(db, s.slug)));
  return found.filter((t) => t !== null).map((t) => ({ id: t.id, slug: t.slug, name: t.name }));
}
