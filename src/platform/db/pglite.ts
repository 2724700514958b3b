// The embedded engine, PGlite (PostgreSQL in WebAssembly), with the extensions the migrations use. Imported
// by client.ts only when there is no DATABASE_URL, and by the tests and scripts that build embedded databases.
export { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
export { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
export { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';

export const pgliteExtensions = { citext, pg_trgm, pgcrypto, unaccent };
