// The closing block of the start output: where to open the platform, how to sign in to the demo, where the
// demo people are listed and how to reset the demo. Printed last, so a newcomer does not hunt for it.
import { eq } from 'drizzle-orm';
import type { Db } from './client.ts';
import { platformSetting } from '../platform.schema.ts';

export async function isDemoInstallation(db: Db): Promise<boolean> {
  const [row] = await db.select().from(platformSetting).where(eq(platformSetting.key, 'initialised'));
  return row?.value === 'demo';
}

export interface StartSummary {
  url: string;
  /** The demo administrator's sign-in, known only at the start that loaded the demo. */
  signIn: string | null;
  demo: boolean;
  embedded: boolean;
}

/** A few short lines, framed, each saying one thing. */
export function startBlock(summary: StartSummary): string[] {
  const lines = [`Open Coproduce: ${summary.url}`];
  if (summary.demo) {
    lines.push(summary.signIn ?? 'Demo administrator: admin@coproduce.example (the password was shown at the first start, or is DEMO_ADMIN_PASSWORD)');
    lines.push(`Demo people, one per role: ${summary.url}en/admin/demo-people (as the administrator), or README.md, section "The demo"`);
    lines.push(summary.embedded ? 'Reset the demo: stop the server, then run  npm run demo:reset' : 'Reset the demo: drop and recreate the database, then start again');
  }
  const rule = '─'.repeat(Math.min(100, Math.max(...lines.map((l) => l.length))));
  return [rule, ...lines, rule];
}
