// Stored files, when the database is PostgreSQL: in chunks, so every instance reads what any one wrote.
import { customType, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

export const storedFileChunk = pgTable(
  'stored_file_chunk',
  {
    /** Which part of the platform the file belongs to, e.g. 'antenna'. */
    area: text('area').notNull(),
    fileId: text('file_id').notNull(),
    /** 0, 1, 2… in order. */
    n: integer('n').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.area, t.fileId, t.n] })],
);
