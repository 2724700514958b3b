// Secrets shared by every instance: made once with a CSPRNG and kept in the database.
import { randomBytes, createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { platformSecret } from '../platform.schema.ts';

export async function getOrCreateSecret(db: Db, name: string): Promise<string> {
  await db
    .insert(platformSecret)
    .values({ name, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select().from(platformSecret).where(eq(platformSecret.name, name));
  if (!row) throw new Error(`Secret ${name} could not be stored`);
  return row.value;
}

/** A keyed hash: lets us count per client without keeping the client's address. */
export function keyedHash(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url').slice(0, 32);
}
