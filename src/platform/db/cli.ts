// Shared by the database scripts: open the configured database (embedded or DATABASE_URL), run, close.
import { loadConfig, type Config } from '../../config.ts';
import { openDatabase, type Database } from './client.ts';

export async function withDatabase(run: (database: Database, config: Config) => Promise<void>): Promise<void> {
  const config = loadConfig();
  let database: Database | null = null;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
    await run(database, config);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await database?.close();
  }
}
