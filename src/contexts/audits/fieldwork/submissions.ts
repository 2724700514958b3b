// Parts of a visit sent again by a phone that lost the connection before the answer arrived: each post from
// fieldwork.js carries a submission id made on the phone; the first one is taken, any repeat is only
// acknowledged. Kept in the platform's idempotency records (#20), under the person, for their 24 hours.
import { getOrCreateSecret, keyedHash } from '../../../platform/crypto/secrets.ts';
import { idempotencyRecord } from '../../../platform/platform.schema.ts';
import type { Db } from '../../../platform/db/client.ts';

const submissionId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * True when this post should be handled: it has no submission id (a form sent without JavaScript), or its id
 * is seen for the first time. False for a repeat.
 */
export async function firstDelivery(db: Db, personId: string, submission: unknown): Promise<boolean> {
  if (typeof submission !== 'string' || !submissionId.test(submission)) return true;
  const secret = await getOrCreateSecret(db, 'idempotency');
  const key = keyedHash(secret, `fieldwork:person:${personId}\n${submission}`);
  const inserted = await db.insert(idempotencyRecord).values({ key, requestHash: 'fieldwork', statusCode: 200 }).onConflictDoNothing().returning({ key: idempotencyRecord.key });
  return inserted.length > 0;
}
