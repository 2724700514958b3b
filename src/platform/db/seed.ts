// Loads the demo dataset into a new installation, once: every context's seed, in manifest order.
import { eq } from 'drizzle-orm';
import type { Db } from './client.ts';
import { platformSetting } from '../platform.schema.ts';
import type { ContextManifest } from '../manifest.ts';

export async function isInitialised(db: Db): Promise<boolean> {
  const [row] = await db.select().from(platformSetting).where(eq(platformSetting.key, 'initialised'));
  return Boolean(row);
}

export async function markInitialised(db: Db, how: 'demo' | 'empty'): Promise<void> {
  await db.insert(platformSetting).values({ key: 'initialised', value: how }).onConflictDoNothing();
}

/**
 * All of the demo in one transaction: a start that dies half-way leaves an empty database that the next
 * start seeds again, never half a demo (and one commit is much faster than thousands on the embedded engine).
 */
export async function seedDemo(
  db: Db,
  manifests: ContextManifest[],
  log: (line: string) => void,
  notice?: (line: string) => void,
  keepSecret?: (name: string, content: string) => string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const timings: string[] = [];
    for (const manifest of manifests) {
      if (!manifest.seedDemo) continue;
      const started = performance.now();
      await manifest.seedDemo({ db: tx as unknown as Db, log, ...(notice ? { notice } : {}), ...(keepSecret ? { keepSecret } : {}) });
      timings.push(`${manifest.name} ${Math.round(performance.now() - started)} ms`);
    }
    // Start-up time is a feature: say where it goes.
    log(`Demo seed times: ${timings.join(', ')}`);
    await markInitialised(tx as unknown as Db, 'demo');
  });
}

/** On first start: the demo data when wanted, otherwise an empty installation. Returns true when it seeded. */
export async function initialiseIfNew(
  db: Db,
  manifests: ContextManifest[],
  withDemo: boolean,
  log: (line: string) => void,
  notice?: (line: string) => void,
  keepSecret?: (name: string, content: string) => string,
): Promise<boolean> {
  if (await isInitialised(db)) return false;
  if (!withDemo) {
    await markInitialised(db, 'empty');
    return false;
  }
  await seedDemo(db, manifests, log, notice, keepSecret);
  return true;
}
