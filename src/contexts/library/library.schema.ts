// The knowledge library (Share): initiatives, experiences, guides, studies and tools that organisations,
// networks and the council publish in a territory, their files and links, and members' comments. Territory,
// organisation, network, district and person ids belong to other contexts and are kept as plain uuid columns.
import { sql } from 'drizzle-orm';
import { check, customType, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const libraryKinds = ['initiative', 'experience', 'guide', 'study', 'tool'] as const;
export type LibraryKind = (typeof libraryKinds)[number];

export const licences = ['cc-by-4.0', 'cc-by-sa-4.0', 'cc0', 'all-rights-reserved'] as const;
export type Licence = (typeof licences)[number];

export const publisherKinds = ['organisation', 'network', 'council'] as const;
export type PublisherKind = (typeof publisherKinds)[number];

export interface LibraryLink {
  url: string;
  label: string;
}

/** One piece of shared knowledge. Its words are searched like the directory's (unaccented, typos tolerated). */
export const libraryItem = pgTable(
  'library_item',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').notNull(),
    kind: text('kind', { enum: libraryKinds }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    /** Plain text; paragraphs separated by blank lines. */
    body: text('body').notNull(),
    links: jsonb('links').$type<LibraryLink[]>().notNull().default([]),
    areas: text('areas').array().notNull().default(sql`'{}'::text[]`),
    districtIds: uuid('district_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** The languages the item is written in (codes). */
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    licence: text('licence', { enum: licences }).notNull(),
    publisherKind: text('publisher_kind', { enum: publisherKinds }).notNull(),
    /** The organisation or network that publishes it; null for the council. */
    publisherId: uuid('publisher_id'),
    /** The publisher's name when it was shared (the council's is the territory's). */
    publisherName: text('publisher_name').notNull(),
    /** The person who shared it; null once their account is deleted (the name is then blank too). */
    sharedBy: uuid('shared_by'),
    sharedByName: text('shared_by_name').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('simple'::regconfig, agreement_search_text(title)), 'A') || setweight(to_tsvector('simple'::regconfig, agreement_search_text(summary)), 'B') || to_tsvector('simple'::regconfig, agreement_search_text(body))`,
      ),
  },
  (t) => [
    index('library_item_territory_idx').on(t.territoryId, t.publishedAt),
    index('library_item_publisher_idx').on(t.publisherId, t.publishedAt),
    index('library_item_search_idx').using('gin', t.searchVector),
  ],
);

/** A file of an item: its bytes are in the platform's file store (area 'library', id = this row's id). */
export const libraryFile = pgTable(
  'library_file',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => libraryItem.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('library_file_item_idx').on(t.itemId), check('library_file_size', sql`${t.size} > 0`)],
);

/** A comment by a member of an organisation. Removed by its author; hidden by a moderator with a reason. */
export const libraryComment = pgTable(
  'library_comment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => libraryItem.id, { onDelete: 'cascade' }),
    /** null once the author's account is deleted (the name is then blank too). */
    personId: uuid('person_id'),
    authorName: text('author_name').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    organisationName: text('organisation_name').notNull(),
    body: text('body').notNull(),
    /** The language of the page it was typed on, so the page marks it with it (not the item's). */
    lang: text('lang').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenReason: text('hidden_reason'),
    hiddenByName: text('hidden_by_name'),
  },
  (t) => [index('library_comment_item_idx').on(t.itemId, t.createdAt), index('library_comment_person_idx').on(t.personId)],
);

/** The library's vocabulary: each typed word is matched against it by trigram similarity (typos), as the directory does. */
export const librarySearchWord = pgTable('library_search_word', { word: text('word').primaryKey() }, (t) => [index('library_search_word_trgm_idx').using('gin', t.word.op('gin_trgm_ops')).with({ fastupdate: false })]);
