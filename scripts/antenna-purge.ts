// npm run antenna:purge — purges the antenna's expired closed cases now (the app also does it hourly).
import { withDatabase } from '../src/platform/db/cli.ts';
import { purgeExpired } from '../src/contexts/antenna/retention.ts';
import { fileStoreFor } from '../src/platform/files/file-store.ts';

await withDatabase(async (database, config) => {
  await database.migrate();
  const result = await purgeExpired(database.db, fileStoreFor(database, config.dataDir));
  if (!result.ran) console.log('Another instance is purging right now; nothing done.');
  else console.log(`Purged ${result.cases} expired cases (${result.files} files), ${result.drafts} old drafts and ${result.sessions} old key sessions.`);
});
