// The service catalogue: council departments → services → facilities, per territory.
import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { belongsTo, created, id } from '../../platform/db/columns.ts';

import type { Translations } from '../../platform/i18n/translations.ts';

export type { Translations };

export const department = pgTable(
  'audit_department',
  {
    id: id(),
    territoryId: uuid('territory_id').notNull(),
    name: text('name').notNull(),
    nameTranslations: jsonb('name_translations').$type<Translations>().notNull().default({}),
    createdAt: created(),
  },
  (t) => [uniqueIndex('audit_department_territory_name_key').on(t.territoryId, t.name)],
);

export const service = pgTable(
  'audit_service',
  {
    id: id(),
    territoryId: uuid('territory_id').notNull(),
    departmentId: belongsTo('department_id', () => department.id, 'restrict'),
    name: text('name').notNull(),
    nameTranslations: jsonb('name_translations').$type<Translations>().notNull().default({}),
    description: text('description').notNull().default(''),
    createdAt: created(),
  },
  (t) => [uniqueIndex('audit_service_department_name_key').on(t.departmentId, t.name), index('audit_service_territory_idx').on(t.territoryId)],
);

export const facility = pgTable(
  'audit_facility',
  {
    id: id(),
    territoryId: uuid('territory_id').notNull(),
    serviceId: belongsTo('service_id', () => service.id, 'restrict'),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    /** A district of the territory (territories context), picked or derived from the coordinates. */
    districtId: uuid('district_id'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    openingHours: text('opening_hours').notNull().default(''),
    /** Locales the facility serves people in. */
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    /** e.g. step-free-access, accessible-toilet, hearing-loop, pictograms, braille-signage */
    accessibility: text('accessibility').array().notNull().default(sql`'{}'::text[]`),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex('audit_facility_service_name_key').on(t.serviceId, t.name),
    index('audit_facility_territory_idx').on(t.territoryId),
    check('audit_facility_coordinates', sql`(${t.latitude} IS NULL) = (${t.longitude} IS NULL)`),
  ],
);

/** Who answers for a service: people with the service-manager role, linked by coordinators. */
export const serviceManager = pgTable(
  'audit_service_manager',
  {
    serviceId: uuid('service_id').notNull(),
    personId: uuid('person_id').notNull(),
    territoryId: uuid('territory_id').notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.personId] })],
);
