// Territories: municipalities and metropolitan forums, with districts and neighbourhoods.
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Translations } from '../../platform/i18n/translations.ts';
import type { TerritorySettings } from './territory.settings.ts';

export const territory = pgTable(
  'territory',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    kind: text('kind', { enum: ['municipality', 'forum'] }).notNull(),
    /** The territory's own name, in its first language (settings.languages[0]). */
    name: text('name').notNull(),
    /** The name in other languages, by locale (a forum's name is translated; a city's usually is not). */
    names: jsonb('names').$type<Translations>().notNull().default({}),
    /** Per-territory behaviour as data; see territory.settings.ts for the defaults. */
    settings: jsonb('settings').$type<TerritorySettings>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('territory_slug_key').on(t.slug), check('territory_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)],
);

/** A metropolitan forum groups municipalities. */
export const forumMunicipality = pgTable(
  'forum_municipality',
  {
    forumId: uuid('forum_id')
      .notNull()
      .references(() => territory.id, { onDelete: 'cascade' }),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => territory.id, { onDelete: 'cascade' }),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.forumId, t.municipalityId] })],
);

/** A district or a neighbourhood of a municipality, with its geometry (GeoJSON, rewound for d3-geo) and population. */
export const area = pgTable(
  'area',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territory.id, { onDelete: 'cascade' }),
    level: text('level', { enum: ['district', 'neighbourhood'] }).notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    parentId: uuid('parent_id'),
    population: integer('population'),
    geometry: jsonb('geometry').$type<GeoJSON.Geometry>(),
    /** The area drawn as an SVG path in the standard map frame (see platform/views/choropleth.tsx), made on import. */
    svgPath: text('svg_path'),
  },
  (t) => [
    uniqueIndex('area_territory_level_code_key').on(t.territoryId, t.level, t.code),
    index('area_parent_idx').on(t.parentId),
    check('area_population_nonnegative', sql`${t.population} IS NULL OR ${t.population} >= 0`),
  ],
);
