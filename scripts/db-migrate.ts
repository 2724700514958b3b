// npm run db:migrate — applies the committed migrations to the embedded database or DATABASE_URL.
import { withDatabase } from '../src/platform/db/cli.ts';

await withDatabase(async (database) => {
  await database.migrate();
  console.log(`Migrations applied (${database.engine}).`);
});
