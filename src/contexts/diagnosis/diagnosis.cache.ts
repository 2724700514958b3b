// Public diagnosis pages, rendered and compressed once, served from memory. A published diagnosis never
// changes, but the territory's list of diagnoses does: every page of a territory is dropped when one
// is published. Other app instances drop theirs after maxAgeMs at most.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const maxAgeMs = 60_000;
const maxEntries = 500;

export interface CachedBody {
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

interface Entry extends CachedBody {
  territoryId: string;
  at: number;
}

const entries = new Map<string, Entry>();

export function cachedPage(key: string): CachedBody | null {
  const entry = entries.get(key);
  if (!entry) return null;
  if (Date.now() - entry.at > maxAgeMs) {
    entries.delete(key);
    return null;
  }
  return entry;
}

export function storePage(key: string, territoryId: string, html: string): CachedBody {
  if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
  const identity = Buffer.from(html);
  const entry = {
    territoryId,
    at: Date.now(),
    identity,
    br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
    gzip: gzipSync(identity, { level: 9 }),
  };
  entries.set(key, entry);
  return entry;
}

/** The best of the stored encodings the reader accepts (q-values are not weighed: br, then gzip). */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | 'identity' {
  const accepted = (acceptEncoding ?? '')
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, '')) > 0)
    .map(([name]) => name!.trim().toLowerCase());
  if (accepted.includes('br')) return 'br';
  if (accepted.includes('gzip')) return 'gzip';
  return 'identity';
}

export function invalidatePublicPages(territoryId: string): void {
  for (const [key, entry] of entries) if (entry.territoryId === territoryId) entries.delete(key);
}

export function cacheSize(): number {
  return entries.size;
}
