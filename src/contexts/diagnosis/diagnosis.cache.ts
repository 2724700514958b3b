// Public diagnosis pages, rendered once and served from memory. A published diagnosis never
// changes, but the territory's list of diagnoses does: every page of a territory is dropped when one
// is published. Other app instances drop theirs after maxAgeMs at most.
export const maxAgeMs = 60_000;
const maxEntries = 500;

interface Entry {
  territoryId: string;
  body: string;
  at: number;
}

const entries = new Map<string, Entry>();

export function cachedPage(key: string): string | null {
  const entry = entries.get(key);
  if (!entry) return null;
  if (Date.now() - entry.at > maxAgeMs) {
    entries.delete(key);
    return null;
  }
  return entry.body;
}

export function storePage(key: string, territoryId: string, body: string): void {
  if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
  entries.set(key, { territoryId, body, at: Date.now() });
}

export function invalidatePublicPages(territoryId: string): void {
  for (const [key, entry] of entries) if (entry.territoryId === territoryId) entries.delete(key);
}

export function cacheSize(): number {
  return entries.size;
}
