// Webhooks: a territory's subscriptions to public domain events, deliveries queued in the publisher's
// transaction, sent by a job with an HMAC-SHA256 signature and retried with back-off, and their log.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import sodium from 'libsodium-wrappers-sumo';
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import { mayEverBeAllowed, requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { getOrCreateSecret } from '../../platform/crypto/secrets.ts';
import { findTerritoryById } from '../territories/territory.service.ts';
import { managedTerritories } from '../identity/roles.service.ts';
import { webhookDelivery, webhookSubscription } from './webhook.schema.ts';
import { isWebhookEvent, type WebhookEvent, type WebhookEventName } from './webhook.events.ts';
import { isUuid } from '../../platform/ids.ts';

export type Subscription = Omit<typeof webhookSubscription.$inferSelect, 'secretBox'>;
export type Delivery = typeof webhookDelivery.$inferSelect;

/** Retries after 30 s, 2 min, 8 min, 32 min, about 2 h and 8.5 h; then the delivery is marked failed. */
export const maxAttempts = 7;
export function retryDelayMs(attempts: number): number {
  return 30_000 * 4 ** (attempts - 1);
}

export const signatureHeader = 'Coproduce-Signature';
export const timestampHeader = 'Coproduce-Timestamp';

/** `v1=` HMAC-SHA256 (hex) of "<timestamp>.<body>" with the subscription's secret. A receiver recomputes it and compares in constant time. */
export function sign(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

async function boxKey(db: Db): Promise<Uint8Array> {
  await sodium.ready;
  return sodium.from_base64(await getOrCreateSecret(db, 'webhook-key'), sodium.base64_variants.URLSAFE_NO_PADDING);
}

async function seal(db: Db, secret: string): Promise<string> {
  const key = await boxKey(db);
  const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
  const box = sodium.crypto_secretbox_easy(sodium.from_string(secret), nonce, key);
  const joined = new Uint8Array(nonce.length + box.length);
  joined.set(nonce);
  joined.set(box, nonce.length);
  return sodium.to_base64(joined, sodium.base64_variants.URLSAFE_NO_PADDING);
}

async function open(db: Db, stored: string): Promise<string> {
  const key = await boxKey(db);
  const joined = sodium.from_base64(stored, sodium.base64_variants.URLSAFE_NO_PADDING);
  const nonce = joined.slice(0, sodium.crypto_secretbox_NONCEBYTES);
  return sodium.to_string(sodium.crypto_secretbox_open_easy(joined.slice(sodium.crypto_secretbox_NONCEBYTES), nonce, key));
}


function visible(actor: Actor, territoryId: string): boolean {
  const managed = managedTerritories(actor);
  return managed === 'all' || managed.includes(territoryId);
}

export interface SubscriptionInput {
  territoryId?: string;
  url?: string;
  events?: string[];
}

/** A new subscription; its signing secret is in `secret`, shown once. `allowHttp` outside production only. */
export async function createSubscription(db: Db, actor: Actor | null, input: SubscriptionInput, options: { allowHttp: boolean }): Promise<Outcome<{ subscription: Subscription; secret: string }, 'invalid'>> {
  const territoryId = input.territoryId && isUuid(input.territoryId) ? input.territoryId : null;
  const may = mayEverBeAllowed(actor, 'integrations.webhook.manage');
  if (!may.ok) return { ok: false, error: may.reason };
  const fields: Record<string, string> = {};
  // The territory is the person's choice on the form: one they do not manage is a mistake to correct beside the field.
  const inScope = territoryId !== null && requirePermission(actor, 'integrations.webhook.manage', { territoryId }).ok && visible(actor!, territoryId);
  if (!inScope || !(await findTerritoryById(db, territoryId))) fields.territoryId = 'integrations.webhooks.errors.territory';
  let url: URL | null = null;
  try {
    url = new URL((input.url ?? '').trim());
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && !(options.allowHttp && url.protocol === 'http:')) || url.username || url.password || url.href.length > 500) {
    fields.url = options.allowHttp ? 'integrations.webhooks.errors.url' : 'integrations.webhooks.errors.urlHttps';
  }
  const events = [...new Set(input.events ?? [])];
  if (events.length === 0) fields.events = 'integrations.webhooks.errors.events';
  else if (!events.every(isWebhookEvent)) fields.events = 'platform.validation.invalid';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const secretBox = await seal(db, secret);
  const row = await db.transaction(async (tx) => {
    const [created] = await tx.insert(webhookSubscription).values({ territoryId: territoryId!, url: url!.href, events, secretBox, createdById: actor!.personId }).returning();
    await recordAccess(tx, { actorId: actor!.personId, action: 'integrations.webhook.create', recordType: 'webhook-subscription', recordId: created!.id, territoryId, reason: url!.origin });
    return created!;
  });
  const { secretBox: _hidden, ...subscription } = row;
  return { ok: true, value: { subscription, secret } };
}

export async function listSubscriptions(db: Db, actor: Actor | null): Promise<Outcome<(Subscription & { pending: number; failed: number })[]>> {
  // Every territory the actor manages: the list below is narrowed to them.
  const allowed = mayEverBeAllowed(actor, 'integrations.webhook.manage');
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const managed = managedTerritories(actor!);
  if (managed !== 'all' && managed.length === 0) return { ok: true, value: [] };
  const rows = await db
    .select({
      id: webhookSubscription.id,
      territoryId: webhookSubscription.territoryId,
      url: webhookSubscription.url,
      events: webhookSubscription.events,
      createdById: webhookSubscription.createdById,
      createdAt: webhookSubscription.createdAt,
      pending: sql<number>`(select count(*)::int from ${webhookDelivery} d where d.subscription_id = ${webhookSubscription.id} and d.status = 'pending')`,
      failed: sql<number>`(select count(*)::int from ${webhookDelivery} d where d.subscription_id = ${webhookSubscription.id} and d.status = 'failed')`,
    })
    .from(webhookSubscription)
    .where(managed === 'all' ? undefined : inArray(webhookSubscription.territoryId, managed))
    .orderBy(asc(webhookSubscription.createdAt));
  return { ok: true, value: rows };
}

async function findVisible(db: Db, actor: Actor | null, id: string): Promise<Outcome<Subscription, 'not-found'>> {
  const may = mayEverBeAllowed(actor, 'integrations.webhook.manage');
  if (!may.ok) return { ok: false, error: may.reason };
  const [row] = isUuid(id) ? await db.select().from(webhookSubscription).where(eq(webhookSubscription.id, id)) : [];
  // Another territory's subscription is answered as missing: nothing says it exists.
  if (!row || !visible(actor!, row.territoryId)) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'integrations.webhook.manage', { territoryId: row.territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const { secretBox: _hidden, ...subscription } = row;
  return { ok: true, value: subscription };
}

/** A subscription and its newest deliveries: the delivery log. */
export async function subscriptionLog(db: Db, actor: Actor | null, id: string): Promise<Outcome<{ subscription: Subscription; deliveries: Delivery[] }, 'not-found'>> {
  const found = await findVisible(db, actor, id);
  if (!found.ok) return found;
  const deliveries = await db.select().from(webhookDelivery).where(eq(webhookDelivery.subscriptionId, id)).orderBy(desc(webhookDelivery.createdAt)).limit(200);
  return { ok: true, value: { subscription: found.value, deliveries } };
}

export async function deleteSubscription(db: Db, actor: Actor | null, id: string): Promise<Outcome<void, 'not-found'>> {
  const found = await findVisible(db, actor, id);
  if (!found.ok) return found;
  await db.transaction(async (tx) => {
    await tx.delete(webhookSubscription).where(eq(webhookSubscription.id, id));
    await recordAccess(tx, { actorId: actor!.personId, action: 'integrations.webhook.delete', recordType: 'webhook-subscription', recordId: id, territoryId: found.value.territoryId });
  });
  return { ok: true, value: undefined };
}

/** Queues one delivery per subscription of the event's territory that follows it (inside the publisher's transaction). */
export async function enqueue(db: Db, name: WebhookEventName, event: WebhookEvent): Promise<void> {
  const subscriptions = await db
    .select({ id: webhookSubscription.id })
    .from(webhookSubscription)
    .where(and(eq(webhookSubscription.territoryId, event.territoryId), sql`${name} = any(${webhookSubscription.events})`));
  if (subscriptions.length === 0) return;
  const territory = await findTerritoryById(db, event.territoryId);
  const occurredAt = new Date().toISOString();
  await db.insert(webhookDelivery).values(
    subscriptions.map((s) => {
      const id = randomUUID();
      const body = JSON.stringify({ id, event: name, occurredAt, territory: { slug: territory?.slug ?? '', name: territory?.name ?? '' }, data: event.data });
      return { id, subscriptionId: s.id, event: name, body };
    }),
  );
}

/**
 * Sends what is due. Each delivery is first leased (its next attempt pushed a minute on) so that two
 * instances never send it at the same time; the outcome then sets it delivered, due again later, or failed.
 */
export async function deliverDue(db: Db, options: { fetch?: typeof fetch; timeoutMs?: number; limit?: number } = {}): Promise<number> {
  const send = options.fetch ?? fetch;
  const leased = await db
    .update(webhookDelivery)
    .set({ nextAttemptAt: new Date(Date.now() + 60_000), attempts: sql`${webhookDelivery.attempts} + 1` })
    .where(
      inArray(
        webhookDelivery.id,
        sql`(select id from ${webhookDelivery} where status = 'pending' and next_attempt_at <= now() order by next_attempt_at limit ${options.limit ?? 20} for update skip locked)`,
      ),
    )
    .returning();
  for (const delivery of leased) {
    const [subscription] = await db.select().from(webhookSubscription).where(eq(webhookSubscription.id, delivery.subscriptionId));
    if (!subscription) continue;
    const secret = await open(db, subscription.secretBox);
    const timestamp = String(Math.floor(Date.now() / 1000));
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await send(subscription.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Coproduce-Webhooks/1',
          'Coproduce-Event': delivery.event,
          'Coproduce-Delivery': delivery.id,
          [timestampHeader]: timestamp,
          [signatureHeader]: sign(secret, timestamp, delivery.body),
        },
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      statusCode = response.status;
      await response.body?.cancel();
      if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
    } catch (e) {
      error = e instanceof Error ? e.name === 'TimeoutError' ? 'timeout' : e.message.slice(0, 200) : 'error';
    }
    const delivered = error === null;
    const failed = !delivered && delivery.attempts >= maxAttempts;
    await db
      .update(webhookDelivery)
      .set({
        status: delivered ? 'delivered' : failed ? 'failed' : 'pending',
        lastStatusCode: statusCode,
        lastError: error,
        deliveredAt: delivered ? new Date() : null,
        nextAttemptAt: delivered || failed ? new Date() : new Date(Date.now() + retryDelayMs(delivery.attempts)),
      })
      .where(eq(webhookDelivery.id, delivery.id));
  }
  return leased.length;
}

/** Deliveries older than 30 days are dropped from the log. */
export async function purgeOldDeliveries(db: Db): Promise<void> {
  await db.delete(webhookDelivery).where(and(inArray(webhookDelivery.status, ['delivered', 'failed']), lte(webhookDelivery.createdAt, new Date(Date.now() - 30 * 86_400_000))));
}
