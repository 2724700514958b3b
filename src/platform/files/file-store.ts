// Where files live, for every context that stores them: in PostgreSQL (chunked) when DATABASE_URL is
// set, so every instance reads what another wrote; under DATA_DIR/files with the embedded database
// (one process). Callers encrypt first when the content is personal; the store only keeps bytes.
import fs from 'node:fs/promises';
import path from 'node:path';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { storedFileChunk } from './files.schema.ts';

export interface FileStore {
  readonly kind: 'database' | 'disk';
  /** Stores (or replaces) a file; when it returns, the file is durable. */
  put(area: string, id: string, bytes: Uint8Array): Promise<void>;
  /** The file's bytes, or null when there is none. */
  get(area: string, id: string): Promise<Uint8Array | null>;
  remove(area: string, ids: string[]): Promise<void>;
  /** Every file id in an area (for purges of orphans, and tests). */
  list(area: string): Promise<string[]>;
}

export const chunkBytes = 256 * 1024;

function checkName(area: string, id: string): void {
  // Ids come from the caller's own rows (uuids); anything that could leave the folder is refused.
  if (!/^[a-z][a-z0-9-]{0,40}$/.test(area) || !/^[A-Za-z0-9_-]{1,100}$/.test(id)) throw new Error('invalid file name');
}

export function diskFileStore(dataDir: string): FileStore {
  const dir = (area: string) => path.join(dataDir, 'files', area);
  return {
    kind: 'disk',
    async put(area, id, bytes) {
      checkName(area, id);
      await fs.mkdir(dir(area), { recursive: true });
      const target = path.join(dir(area), id);
      const temporary = `${target}.tmp`;
      const handle = await fs.open(temporary, 'w', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temporary, target);
    },
    async get(area, id) {
      checkName(area, id);
      try {
        return new Uint8Array(await fs.readFile(path.join(dir(area), id)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async remove(area, ids) {
      for (const id of ids) {
        checkName(area, id);
        await fs.rm(path.join(dir(area), id), { force: true });
      }
    },
    async list(area) {
      try {
        return (await fs.readdir(dir(area))).filter((name) => !name.endsWith('.tmp'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
  };
}

/**
 * Files in PostgreSQL, in chunks of 256 KiB (rows stay small for the pool and for replication). A file
 * written on disk by an older version is still read from `legacyDataDir` when the database has none.
 */
export function databaseFileStore(database: Database, legacyDataDir?: string): FileStore {
  const { db } = database;
  const legacy = legacyDataDir ? diskFileStore(legacyDataDir) : null;
  return {
    kind: 'database',
    async put(area, id, bytes) {
      checkName(area, id);
      await db.transaction(async (tx) => {
        await tx.delete(storedFileChunk).where(and(eq(storedFileChunk.area, area), eq(storedFileChunk.fileId, id)));
        const chunks = [];
        for (let n = 0, at = 0; at < bytes.length || n === 0; n++, at += chunkBytes) {
          chunks.push({ area, fileId: id, n, bytes: Buffer.from(bytes.subarray(at, at + chunkBytes)) });
        }
        // A few chunks per statement keeps each query well under the pool's message limits.
        for (let i = 0; i < chunks.length; i += 8) await tx.insert(storedFileChunk).values(chunks.slice(i, i + 8));
      });
    },
    async get(area, id) {
      checkName(area, id);
      const rows = await db
        .select({ bytes: storedFileChunk.bytes })
        .from(storedFileChunk)
        .where(and(eq(storedFileChunk.area, area), eq(storedFileChunk.fileId, id)))
        .orderBy(asc(storedFileChunk.n));
      if (rows.length === 0) return legacy ? legacy.get(area, id) : null;
      return new Uint8Array(Buffer.concat(rows.map((r) => r.bytes)));
    },
    async remove(area, ids) {
      if (ids.length === 0) return;
      for (const id of ids) checkName(area, id);
      await db.delete(storedFileChunk).where(and(eq(storedFileChunk.area, area), inArray(storedFileChunk.fileId, ids)));
      await legacy?.remove(area, ids);
    },
    async list(area) {
      const rows = await db.selectDistinct({ fileId: storedFileChunk.fileId }).from(storedFileChunk).where(eq(storedFileChunk.area, area));
      return rows.map((r) => r.fileId);
    },
  };
}

/** The store for this database: PostgreSQL keeps the files, the embedded database keeps them on disk. */
export function fileStoreFor(database: Database, dataDir: string): FileStore {
  return database.engine === 'postgres' ? databaseFileStore(database, dataDir) : diskFileStore(dataDir);
}
