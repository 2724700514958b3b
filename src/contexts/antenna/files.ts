// Attachments: the type is read from the bytes (never trusted from the browser), images are decoded and
// re-encoded by sharp without their metadata (EXIF, GPS, XMP, ICC comments), plain text is checked as
// UTF-8; then the bytes are encrypted with the report key and kept in the platform's file store
// (PostgreSQL when DATABASE_URL is set, so every instance reads them; DATA_DIR/files/antenna otherwise).
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { FileStore } from '../../platform/files/file-store.ts';
import { antennaFile } from './antenna.schema.ts';
import { decryptBytes, decryptFor, encryptBytes, encryptFor } from './antenna.crypto.ts';

export const maxFileBytes = 5 * 1024 * 1024;

export interface IncomingFile {
  filename: string;
  data: Buffer;
}

export interface StoredFileMeta {
  name: string;
  type: string;
}

type Kind = 'image/jpeg' | 'image/png' | 'image/webp' | 'text/plain';

export function sniff(data: Buffer): Kind | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 12 && data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (!data.includes(0)) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(data);
      return 'text/plain';
    } catch {
      return null;
    }
  }
  return null;
}

/** The file's bytes without metadata, or null when it is not a kind we accept or cannot be read. */
export async function stripMetadata(data: Buffer): Promise<{ type: Kind; data: Buffer } | null> {
  const type = sniff(data);
  if (!type) return null;
  if (type === 'text/plain') return { type, data };
  try {
    // sharp writes no metadata unless asked (withMetadata); rotate() applies the EXIF orientation first.
    const image = sharp(data, { limitInputPixels: 40_000_000, failOn: 'error' }).rotate();
    const out = type === 'image/jpeg' ? image.jpeg({ quality: 90 }) : type === 'image/png' ? image.png() : image.webp({ quality: 90 });
    return { type, data: await out.toBuffer() };
  } catch {
    return null;
  }
}

/** The file store's area for the antenna's attachments. */
export const filesArea = 'antenna';

function safeName(filename: string, type: Kind): string {
  const base = path.basename(filename.replace(/\\/g, '/')).replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 100) || 'file';
  const ext = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp', 'text/plain': '.txt' }[type];
  return base.toLowerCase().endsWith(ext) ? base : `${base}${ext}`;
}

export async function storeFile(
  db: Db,
  files: FileStore,
  reportId: string,
  reportKey: Uint8Array,
  file: IncomingFile,
): Promise<{ ok: true } | { ok: false; error: string }> {
  if (file.data.length === 0) return { ok: false, error: 'antenna.errors.fileRequired' };
  if (file.data.length > maxFileBytes) return { ok: false, error: 'antenna.errors.fileTooLarge' };
  const clean = await stripMetadata(file.data);
  if (!clean) return { ok: false, error: 'antenna.errors.fileType' };
  const id = randomUUID();
  await files.put(filesArea, id, encryptBytes(reportKey, `file:${id}`, clean.data));
  try {
    await db.insert(antennaFile).values({
      id,
      reportId,
      metaCipher: encryptFor(reportKey, `file-meta:${id}`, JSON.stringify({ name: safeName(file.filename, clean.type), type: clean.type } satisfies StoredFileMeta)),
      size: clean.data.length,
    });
  } catch (error) {
    await files.remove(filesArea, [id]);
    throw error;
  }
  return { ok: true };
}

export async function readStoredFile(db: Db, files: FileStore, reportId: string, reportKey: Uint8Array, fileId: string): Promise<{ meta: StoredFileMeta; data: Uint8Array } | null> {
  if (!/^[0-9a-f-]{36}$/.test(fileId)) return null;
  const [row] = await db.select().from(antennaFile).where(and(eq(antennaFile.id, fileId), eq(antennaFile.reportId, reportId)));
  if (!row) return null;
  const meta = JSON.parse(decryptFor(reportKey, `file-meta:${row.id}`, row.metaCipher)) as StoredFileMeta;
  const sealed = await files.get(filesArea, row.id);
  if (!sealed) return null;
  return { meta, data: decryptBytes(reportKey, `file:${row.id}`, sealed) };
}

export async function deleteStoredFiles(files: FileStore, fileIds: string[]): Promise<void> {
  await files.remove(filesArea, fileIds);
}
