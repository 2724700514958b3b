// The columns the audits context's tables share: a random id, when a row was made and last changed, and a
// required link to the row it belongs to (deleted with it, or kept from deletion with 'restrict').
import { timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

export const id = () => uuid('id').primaryKey().defaultRandom();
export const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updated = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
export const belongsTo = (column: string, target: () => AnyPgColumn, onDelete: 'cascade' | 'restrict' = 'cascade') => uuid(column).notNull().references(target, { onDelete });
