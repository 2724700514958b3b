// The knowledge library: items shared by an organisation, a network or the council of a territory, found by the
// directory's kind of search (accents ignored, typos tolerated), with files, links and members' comments.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { FileStore } from '../../platform/files/file-store.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import { isMember } from '../agreement/adhesion/adhesion.service.ts';
import { listNetworks } from '../agreement/networks/network.service.ts';
import { districtNames, findOrganisation, isUuid, organisationIdsRegisteredIn, organisationsOf, territoriesOfOrganisations } from '../agreement/organisations/organisation.service.ts';
import { searchTerms, similarityThreshold } from '../agreement/organisations/directory.service.ts';
import { isAreaOfWork, workingLanguages } from '../agreement/agreement.settings.ts';
import { libraryComment, libraryFile, libraryItem, libraryKinds, librarySearchWord, licences, type LibraryKind, type LibraryLink, type Licence, type PublisherKind } from './library.schema.ts';
import { checkLibraryFile, maxFilesPerItem } from './library.files.ts';

export type LibraryItem = typeof libraryItem.$inferSelect;
export type LibraryFile = typeof libraryFile.$inferSelect;
export type LibraryComment = typeof libraryComment.$inferSelect;
export type ItemSummary = Omit<LibraryItem, 'body' | 'searchVector'>;
export { libraryKinds, licences, type LibraryKind, type Licence };

export const fileArea = 'library';
export const perPage = 20;

/** Who an item is published by, as a form's choice: 'organisation:<id>', 'network:<id>' or 'council'. */
export interface Publisher {
  key: string;
  kind: PublisherKind;
  id: string | null;
  name: string;
}

const networkName = (name: Record<string, string>, locale: string) => name[locale] || name.ca || name.es || name.en || Object.values(name)[0] || '';

/** The publishers this person may share for in a territory: their organisations that adhere, networks they coordinate, the council. */
export async function publishersFor(db: Db, actor: Actor | null, territory: { id: string; name: string }, locale: string): Promise<Publisher[]> {
  if (!actor) return [];
  const may = (subject: { organisationId?: string; networkId?: string; territoryId?: string }) => requirePermission(actor, 'library.item.share', subject).ok;
  const out: Publisher[] = [];
  for (const o of await organisationsOf(db, actor, ['organisation-admin', 'organisation-member'])) {
    if (may({ organisationId: o.id }) && (await isMember(db, o.id, territory.id))) out.push({ key: `organisation:${o.id}`, kind: 'organisation', id: o.id, name: o.name });
  }
  for (const n of await listNetworks(db, territory.id)) if (may({ networkId: n.id })) out.push({ key: `network:${n.id}`, kind: 'network', id: n.id, name: networkName(n.name, locale) });
  if (may({ territoryId: territory.id })) out.push({ key: 'council', kind: 'council', id: null, name: territory.name });
  return out;
}

/** May this person act for the publisher of this item (edit it)? An organisation must still adhere to the territory's Agreement. */
export async function mayEdit(db: Db, actor: Actor | null, item: Pick<LibraryItem, 'territoryId' | 'publisherKind' | 'publisherId'>): Promise<boolean> {
  if (!actor) return false;
  if (item.publisherKind === 'council') return requirePermission(actor, 'library.item.share', { territoryId: item.territoryId }).ok;
  if (item.publisherKind === 'network') return requirePermission(actor, 'library.item.share', { networkId: item.publisherId }).ok;
  return requirePermission(actor, 'library.item.share', { organisationId: item.publisherId }).ok && (await isMember(db, item.publisherId!, item.territoryId));
}

export interface LibraryQuery {
  q?: string | undefined;
  kind?: string | undefined;
  area?: string | undefined;
  district?: string | undefined;
  language?: string | undefined;
  /** Only items published by an organisation registered in this territory (a forum's municipality); null finds none. */
  publishedFrom?: string | null | undefined;
  page?: number;
}

export interface LibrarySearch {
  items: ItemSummary[];
  total: number;
  /** The unaccented words searched, and the library's words they were taken to mean (typos). */
  terms: string[];
  matchedWords: string[];
}

/** A lexeme as a tsquery literal: quoted, so that no character in it is read as an operator. */
const lexeme = (word: string) => `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** Each typed term and the library's words it resembles (trigram similarity over the vocabulary, as the directory does). */
async function alternativesFor(db: Db, terms: string[]): Promise<{ term: string; words: string[] }[]> {
  const lookups = terms.map(
    (term, i) => sql`select ${i}::int as i, ${term}::text as term, array(
        select w.word from ${librarySearchWord} w
        where w.word % ${term}::text and similarity(w.word, ${term}::text) >= ${similarityThreshold} and w.word <> ${term}::text
        order by similarity(w.word, ${term}::text) desc, w.word limit 8) as words`,
  );
  const result = await db.execute(sql`${sql.join(lookups, sql` union all `)} order by i`);
  return (result as unknown as { rows: { term: string; words: string[] }[] }).rows;
}

const summaryColumns = {
  id: libraryItem.id,
  territoryId: libraryItem.territoryId,
  kind: libraryItem.kind,
  title: libraryItem.title,
  summary: libraryItem.summary,
  links: libraryItem.links,
  areas: libraryItem.areas,
  districtIds: libraryItem.districtIds,
  languages: libraryItem.languages,
  licence: libraryItem.licence,
  publisherKind: libraryItem.publisherKind,
  publisherId: libraryItem.publisherId,
  publisherName: libraryItem.publisherName,
  sharedBy: libraryItem.sharedBy,
  sharedByName: libraryItem.sharedByName,
  publishedAt: libraryItem.publishedAt,
  updatedAt: libraryItem.updatedAt,
};

/**
 * A territory's items, newest first, or the best matches first when words are typed: each word stands for itself
 * (and, from 4 letters, the words it begins) and the library's words that resemble it, so "habitatje" finds
 * "habitatge". If no item has every word, those with any of them.
 */
export async function searchLibrary(db: Db, territoryId: string, query: LibraryQuery, limit = perPage): Promise<LibrarySearch> {
  const terms = searchTerms(query.q);
  const typedSomething = (query.q ?? '').trim().length > 0;
  if (typedSomething && terms.length === 0) return { items: [], total: 0, terms, matchedWords: [] };
  const alternatives = terms.length ? await alternativesFor(db, terms) : [];
  const filters: SQL[] = [eq(libraryItem.territoryId, territoryId)];
  if (query.kind && (libraryKinds as readonly string[]).includes(query.kind)) filters.push(eq(libraryItem.kind, query.kind as LibraryKind));
  if (query.area && isAreaOfWork(query.area)) filters.push(sql`${libraryItem.areas} @> array[${query.area}]::text[]`);
  if (query.district && isUuid(query.district)) filters.push(sql`${libraryItem.districtIds} @> array[${query.district}]::uuid[]`);
  if (query.language && (workingLanguages as readonly string[]).includes(query.language)) filters.push(sql`${libraryItem.languages} @> array[${query.language}]::text[]`);
  if (query.publishedFrom !== undefined) {
    const organisations = query.publishedFrom ? await organisationIdsRegisteredIn(db, query.publishedFrom) : [];
    filters.push(organisations.length ? and(eq(libraryItem.publisherKind, 'organisation'), inArray(libraryItem.publisherId, organisations))! : sql`false`);
  }
  const page = Math.max(1, Math.min(query.page ?? 1, 100_000));
  const run = async (joiner: ' & ' | ' | ') => {
    const where = [...filters];
    let rank: SQL = sql`0::real`;
    if (alternatives.length) {
      const text = alternatives.map(({ term, words }) => `(${[lexeme(term) + ([...term].length >= 4 ? ':*' : ''), ...words.map(lexeme)].join(' | ')})`).join(joiner);
      where.push(sql`${libraryItem.searchVector} @@ ${text}::tsquery`);
      rank = sql`ts_rank(${libraryItem.searchVector}, ${text}::tsquery)`;
    }
    const [counted] = await db.select({ n: sql<number>`count(*)::int` }).from(libraryItem).where(and(...where));
    const items = await db
      .select(summaryColumns)
      .from(libraryItem)
      .where(and(...where))
      .orderBy(desc(rank), desc(libraryItem.publishedAt), asc(libraryItem.id))
      .limit(limit)
      .offset((page - 1) * limit);
    return { items, total: counted?.n ?? 0 };
  };
  let found = await run(' & ');
  if (found.total === 0 && alternatives.length > 1) found = await run(' | ');
  return { ...found, terms, matchedWords: [...new Set(alternatives.flatMap(({ term, words }) => [term, ...words]))] };
}

/** Where the organisations that published these items are registered, by organisation (networks and the council have no municipality). */
export async function publisherTerritories(db: Db, items: readonly Pick<ItemSummary, 'publisherKind' | 'publisherId'>[]): Promise<Map<string, string>> {
  return territoriesOfOrganisations(db, items.filter((i) => i.publisherKind === 'organisation' && i.publisherId).map((i) => i.publisherId!));
}

/** The newest items of a territory, for its news and its feed (one query). */
export async function latestItems(db: Db, territoryId: string, limit: number): Promise<ItemSummary[]> {
  return db.select(summaryColumns).from(libraryItem).where(eq(libraryItem.territoryId, territoryId)).orderBy(desc(libraryItem.publishedAt), asc(libraryItem.id)).limit(limit);
}

/** Every item of a territory, for open data (newest first). */
export async function allItems(db: Db, territoryId: string): Promise<(LibraryItem & { files: LibraryFile[] })[]> {
  const items = await db.select().from(libraryItem).where(eq(libraryItem.territoryId, territoryId)).orderBy(desc(libraryItem.publishedAt));
  const files = items.length ? await db.select().from(libraryFile).where(inArray(libraryFile.itemId, items.map((i) => i.id))).orderBy(asc(libraryFile.uploadedAt)) : [];
  return items.map((i) => ({ ...i, files: files.filter((f) => f.itemId === i.id) }));
}

/** What an organisation (or network) shared, newest first, in every territory: for its public page. */
export async function sharedBy(db: Db, publisherId: string, limit = 20): Promise<ItemSummary[]> {
  if (!isUuid(publisherId)) return [];
  return db.select(summaryColumns).from(libraryItem).where(eq(libraryItem.publisherId, publisherId)).orderBy(desc(libraryItem.publishedAt)).limit(limit);
}

export interface ItemDetail {
  item: LibraryItem;
  files: LibraryFile[];
  comments: LibraryComment[];
}

export async function findItem(db: Db, territoryId: string, id: string): Promise<LibraryItem | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(libraryItem).where(and(eq(libraryItem.id, id), eq(libraryItem.territoryId, territoryId)));
  return row ?? null;
}

export async function itemDetail(db: Db, territoryId: string, id: string): Promise<ItemDetail | null> {
  const item = await findItem(db, territoryId, id);
  if (!item) return null;
  const [files, comments] = await Promise.all([
    db.select().from(libraryFile).where(eq(libraryFile.itemId, id)).orderBy(asc(libraryFile.uploadedAt), asc(libraryFile.name)),
    db.select().from(libraryComment).where(eq(libraryComment.itemId, id)).orderBy(asc(libraryComment.createdAt)),
  ]);
  return { item, files, comments };
}

export async function findFile(db: Db, territoryId: string, itemId: string, fileId: string): Promise<LibraryFile | null> {
  if (!isUuid(fileId) || !(await findItem(db, territoryId, itemId))) return null;
  const [row] = await db.select().from(libraryFile).where(and(eq(libraryFile.id, fileId), eq(libraryFile.itemId, itemId)));
  return row ?? null;
}

export interface ItemInput {
  publisher: string;
  kind: string;
  title: string;
  summary: string;
  body: string;
  /** One link a line: an address, optionally followed by a space and its label. */
  links: string;
  areas: string[];
  districtIds: string[];
  languages: string[];
  licence: string;
  /** Files to add, as sent. */
  uploads: { name: string; content: Buffer; truncated: boolean }[];
  /** Files of the item to remove (edit only). */
  removeFiles?: string[];
}

const hasNul = (s: string) => s.includes('\u0000');

/** Reads the links field: one a line, "https://… label"; only http and https addresses. */
export function parseLinks(text: string): LibraryLink[] | null {
  const links: LibraryLink[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const [address = '', ...label] = trimmed.split(/\s+/);
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      return null;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    links.push({ url: url.toString(), label: label.join(' ').slice(0, 200) || url.hostname });
  }
  return links.length > 10 ? null : links;
}

function validate(input: ItemInput, districts: ReadonlySet<string>, existingFiles: number): { fields: Record<string, string>; links: LibraryLink[] } {
  const fields: Record<string, string> = {};
  const text = (name: 'title' | 'summary' | 'body', max: number, required: string) => {
    const v = input[name].trim();
    if (hasNul(v)) fields[name] = 'library.errors.invalid';
    else if (!v) fields[name] = required;
    else if (v.length > max) fields[name] = 'library.errors.tooLong';
  };
  if (!(libraryKinds as readonly string[]).includes(input.kind)) fields.kind = 'library.errors.kind';
  text('title', 200, 'library.errors.title');
  text('summary', 600, 'library.errors.summary');
  text('body', 30_000, 'library.errors.body');
  const links = hasNul(input.links) || input.links.length > 5000 ? null : parseLinks(input.links);
  if (!links) fields.links = 'library.errors.links';
  if (input.areas.length === 0) fields.areas = 'library.errors.areas';
  else if (!input.areas.every(isAreaOfWork)) fields.areas = 'library.errors.invalid';
  if (!input.districtIds.every((d) => districts.has(d))) fields.districtIds = 'library.errors.invalid';
  if (input.languages.length === 0) fields.languages = 'library.errors.languages';
  else if (!input.languages.every((l) => (workingLanguages as readonly string[]).includes(l))) fields.languages = 'library.errors.invalid';
  if (!(licences as readonly string[]).includes(input.licence)) fields.licence = 'library.errors.licence';
  if (existingFiles + input.uploads.length > maxFilesPerItem) fields.files = 'library.errors.tooManyFiles';
  return { fields, links: links ?? [] };
}

function checkUploads(input: ItemInput): { files: { name: string; mediaType: string; bytes: Buffer }[]; error?: string } {
  const files = [];
  for (const upload of input.uploads) {
    const checked = checkLibraryFile(upload.name, upload.content, upload.truncated);
    if (!checked.ok) return { files: [], error: `library.errors.file.${checked.error}` };
    files.push(checked);
  }
  return { files };
}

/** Stores checked files under new ids, before their rows are written. */
async function storeFiles(files: FileStore, checked: { name: string; mediaType: string; bytes: Buffer }[]): Promise<{ id: string; name: string; mediaType: string; size: number }[]> {
  const stored = [];
  for (const f of checked) {
    const id = randomUUID();
    await files.put(fileArea, id, f.bytes);
    stored.push({ id, name: f.name, mediaType: f.mediaType, size: f.bytes.length });
  }
  return stored;
}

/** Shares an item for a publisher the person may act for. Files are checked by content before anything is written. */
export async function shareItem(db: Db, files: FileStore, actor: Actor | null, territory: { id: string; name: string }, input: ItemInput, locale: string, now = new Date()): Promise<Outcome<{ id: string }, 'invalid'>> {
  // Permission first: the publishers are those the person's roles allow in this territory (none: refused).
  if (!actor) return { ok: false, error: 'signed-out' };
  const publishers = await publishersFor(db, actor, territory, locale);
  if (publishers.length === 0) return { ok: false, error: 'forbidden' };
  const publisher = publishers.find((p) => p.key === input.publisher) ?? null;
  const districts = new Set((await districtNames(db, territory.id)).keys());
  const { fields, links } = validate(input, districts, 0);
  if (!publisher) fields.publisher = 'library.errors.publisher';
  const uploads = checkUploads(input);
  if (uploads.error && !fields.files) fields.files = uploads.error;
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  // The bytes are stored first, under ids chosen here: a row never names a file that is not there.
  const stored = await storeFiles(files, uploads.files);
  let id: string;
  try {
    id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(libraryItem)
        .values({
          territoryId: territory.id,
          kind: input.kind as LibraryKind,
          title: input.title.trim(),
          summary: input.summary.trim(),
          body: input.body.trim(),
          links,
          areas: [...new Set(input.areas)],
          districtIds: [...new Set(input.districtIds)],
          languages: [...new Set(input.languages)],
          licence: input.licence as Licence,
          publisherKind: publisher!.kind,
          publisherId: publisher!.id,
          publisherName: publisher!.name,
          sharedBy: actor.personId,
          sharedByName: actor.displayName,
          publishedAt: now,
          updatedAt: now,
        })
        .returning({ id: libraryItem.id });
      if (stored.length) await tx.insert(libraryFile).values(stored.map((f) => ({ ...f, itemId: row!.id })));
      return row!.id;
    });
  } catch (error) {
    await files.remove(fileArea, stored.map((f) => f.id));
    throw error;
  }
  return { ok: true, value: { id } };
}

/** The publisher edits its item: its texts and choices, files added and removed. The publisher itself does not change. */
export async function editItem(db: Db, files: FileStore, actor: Actor | null, territory: { id: string; name: string }, id: string, input: ItemInput, now = new Date()): Promise<Outcome<{ id: string }, 'not-found' | 'invalid'>> {
  const item = await findItem(db, territory.id, id);
  if (!item) return { ok: false, error: 'not-found' };
  if (!actor) return { ok: false, error: 'signed-out' };
  if (!(await mayEdit(db, actor, item))) return { ok: false, error: 'forbidden' };
  const existing = await db.select().from(libraryFile).where(eq(libraryFile.itemId, id));
  const removed = existing.filter((f) => (input.removeFiles ?? []).includes(f.id));
  const districts = new Set((await districtNames(db, territory.id)).keys());
  const { fields, links } = validate(input, districts, existing.length - removed.length);
  delete fields.publisher;
  const uploads = checkUploads(input);
  if (uploads.error && !fields.files) fields.files = uploads.error;
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const stored = await storeFiles(files, uploads.files);
  try {
    await db.transaction(async (tx) => {
      await tx
        .update(libraryItem)
        .set({ kind: input.kind as LibraryKind, title: input.title.trim(), summary: input.summary.trim(), body: input.body.trim(), links, areas: [...new Set(input.areas)], districtIds: [...new Set(input.districtIds)], languages: [...new Set(input.languages)], licence: input.licence as Licence, updatedAt: now })
        .where(eq(libraryItem.id, id));
      if (removed.length) await tx.delete(libraryFile).where(inArray(libraryFile.id, removed.map((f) => f.id)));
      if (stored.length) await tx.insert(libraryFile).values(stored.map((f) => ({ ...f, itemId: id })));
    });
  } catch (error) {
    await files.remove(fileArea, stored.map((f) => f.id));
    throw error;
  }
  if (removed.length) await files.remove(fileArea, removed.map((f) => f.id));
  return { ok: true, value: { id } };
}

/** The organisations a person may comment for (any they are a member of). */
export async function commentersFor(db: Db, actor: Actor | null): Promise<{ id: string; name: string }[]> {
  return (await organisationsOf(db, actor, ['organisation-admin', 'organisation-member'])).map((o) => ({ id: o.id, name: o.name }));
}

/**
 * A member comments on an item for their organisation. `lang` is the language it is typed in (the page's, or the
 * API caller's word for it); without one, the item's first language.
 */
export async function addComment(db: Db, actor: Actor | null, territoryId: string, itemId: string, input: { organisationId: string; body: string; lang?: string | undefined }, now = new Date()): Promise<Outcome<{ id: string }, 'not-found' | 'invalid'>> {
  const item = await findItem(db, territoryId, itemId);
  if (!item) return { ok: false, error: 'not-found' };
  const org = isUuid(input.organisationId) ? await findOrganisation(db, input.organisationId) : null;
  if (!actor) return { ok: false, error: 'signed-out' };
  if (!org) return (await commentersFor(db, actor)).length ? { ok: false, error: 'invalid', fields: { organisationId: 'library.errors.organisation' } } : { ok: false, error: 'forbidden' };
  const allowed = requirePermission(actor, 'library.comment.add', { organisationId: org.id });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const body = input.body.trim();
  if (!body || hasNul(body)) return { ok: false, error: 'invalid', fields: { body: body ? 'library.errors.invalid' : 'library.errors.comment' } };
  if (body.length > 4000) return { ok: false, error: 'invalid', fields: { body: 'library.errors.tooLong' } };
  if (input.lang !== undefined && !(workingLanguages as readonly string[]).includes(input.lang)) return { ok: false, error: 'invalid', fields: { lang: 'library.errors.invalid' } };
  const lang = input.lang ?? item.languages[0] ?? '';
  const [row] = await db.insert(libraryComment).values({ itemId, personId: actor.personId, authorName: actor.displayName, organisationId: org.id, organisationName: org.name, body, lang, createdAt: now }).returning({ id: libraryComment.id });
  return { ok: true, value: { id: row!.id } };
}

async function commentOn(db: Db, territoryId: string, itemId: string, commentId: string): Promise<{ item: LibraryItem; comment: LibraryComment } | null> {
  const item = await findItem(db, territoryId, itemId);
  if (!item || !isUuid(commentId)) return null;
  const [comment] = await db.select().from(libraryComment).where(and(eq(libraryComment.id, commentId), eq(libraryComment.itemId, itemId)));
  return comment ? { item, comment } : null;
}

/** The author removes their comment; it is gone. */
export async function removeComment(db: Db, actor: Actor | null, territoryId: string, itemId: string, commentId: string): Promise<Outcome<null, 'not-found'>> {
  const found = await commentOn(db, territoryId, itemId, commentId);
  if (!found) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'library.comment.remove', { ownerId: found.comment.personId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  await db.delete(libraryComment).where(eq(libraryComment.id, commentId));
  return { ok: true, value: null };
}

export function mayModerate(actor: Actor | null, territoryId: string): boolean {
  return requirePermission(actor, 'library.comment.moderate', { territoryId }).ok;
}

/** A moderator hides a comment with a reason its author reads; written to the access log. */
export async function hideComment(db: Db, actor: Actor | null, territoryId: string, itemId: string, commentId: string, reason: string, now = new Date()): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const allowed = requirePermission(actor, 'library.comment.moderate', { territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const found = await commentOn(db, territoryId, itemId, commentId);
  if (!found) return { ok: false, error: 'not-found' };
  const why = reason.trim();
  const field = `reason-${commentId}`;
  if (!why || hasNul(why)) return { ok: false, error: 'invalid', fields: { [field]: why ? 'library.errors.invalid' : 'library.errors.reason' } };
  if (why.length > 2000) return { ok: false, error: 'invalid', fields: { [field]: 'library.errors.tooLong' } };
  await db.transaction(async (tx) => {
    await tx.update(libraryComment).set({ hiddenAt: now, hiddenReason: why, hiddenByName: actor!.displayName }).where(eq(libraryComment.id, commentId));
    await recordAccess(tx, { actorId: actor!.personId, action: 'library.comment.hide', recordType: 'library-comment', recordId: commentId, territoryId, reason: why });
  });
  return { ok: true, value: null };
}

/** A moderator shows a hidden comment again (to everyone); written to the access log. Already shown: nothing to do. */
export async function showComment(db: Db, actor: Actor | null, territoryId: string, itemId: string, commentId: string): Promise<Outcome<null, 'not-found'>> {
  const allowed = requirePermission(actor, 'library.comment.moderate', { territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const found = await commentOn(db, territoryId, itemId, commentId);
  if (!found) return { ok: false, error: 'not-found' };
  if (!found.comment.hiddenAt) return { ok: true, value: null };
  await db.transaction(async (tx) => {
    await tx.update(libraryComment).set({ hiddenAt: null, hiddenReason: null, hiddenByName: null }).where(eq(libraryComment.id, commentId));
    await recordAccess(tx, { actorId: actor!.personId, action: 'library.comment.show', recordType: 'library-comment', recordId: commentId, territoryId });
  });
  return { ok: true, value: null };
}

/** The library's check of a file by its content (what other contexts' reports with files accept too). */
export { acceptedExtensions, checkLibraryFile, maxLibraryFileBytes, type CheckedFile } from './library.files.ts';
