// What a context gives the platform: one manifest, registered by one line in app.ts.
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from './db/client.ts';
import type { Policy } from './auth/permissions.ts';
import type { Subscriptions } from './events.ts';
import type { DeskContribution, PortalContribution } from './portal.ts';

export interface SeedContext {
  db: Db;
  /** Prints progress lines for a person watching the start. */
  log(line: string): void;
  /** Lines printed once, after the first start's demo data is loaded (e.g. how to sign in as the demo administrator). */
  notice?(line: string): void;
  /**
   * Keeps a secret for the operator outside every log (a file readable by them only); returns where it is.
   * Absent (tests, a seed with nowhere safe to write): the secret is not kept at all.
   */
  keepSecret?(name: string, content: string): string;
}

export interface ContextManifest {
  name: string;
  /** Folder with <locale>.json catalogues. */
  localesDir: string;
  /** This context's Drizzle tables (its *.schema.ts module). drizzle-kit finds the same files by glob. */
  tables?: Record<string, unknown>;
  /** 'core' (ca, es, en, ar: staff and organisation pages) or 'all' (pages for every resident). Default core. */
  languages?: 'core' | 'all';
  /** Who may do what: this context's rules, registered at start. */
  policy?: Policy;
  /** Domain events this context listens to (see platform/events.ts). */
  subscriptions?: Subscriptions;
  /** Hooks and decorations for the whole app (e.g. the identity context's session → request.actor). */
  hooks?: FastifyPluginAsync;
  /** HTML pages, registered under /:locale. */
  pages?: FastifyPluginAsync;
  /** JSON routes, registered under /api/v1. */
  api?: FastifyPluginAsync;
  /** Its entries and public news on a territory's portal page (see platform/portal.ts). */
  portal?: PortalContribution;
  /** What waits for a signed-in person in this context, and the pages they may use: their desk and menu. */
  desk?: DeskContribution;
  /** Loads this context's part of the demo dataset into an empty database. Runs in manifest order. */
  seedDemo?: (context: SeedContext) => Promise<void>;
}
