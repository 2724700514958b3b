// Writes the OpenAPI document (as /api/openapi.json serves it) to a file, for `npm run lint:api`:
// builds the app on an empty, migrated in-memory database; nothing is listened on.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../src/platform/db/client.ts';
import { pgliteExtensions } from '../src/platform/db/pglite.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { apiDocument } from '../src/platform/api/openapi.tsx';

const out = process.argv[2] ?? 'openapi.json';
const pglite = await PGlite.create({ extensions: pgliteExtensions });
const database = await openDatabase({ databaseUrl: null, pglite });
await database.migrate();
const app = await buildApp({ config: { ...loadConfig({ NODE_ENV: 'test' }), logLevel: 'silent' }, database });
await app.ready();
fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(apiDocument(app), null, 2)}\n`);
await app.close();
await database.close();
console.log(`OpenAPI document written to ${out}`);
