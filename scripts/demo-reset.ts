// npm run demo:reset — empties the embedded database in DATA_DIR (./data), so the next `npm start` loads a
// fresh demo. Refuses while a server holds the directory, and never touches a DATABASE_URL server.
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config.ts';
import { DataDirLockedError, lockDataDir } from '../src/platform/db/lock.ts';

try {
  const config = loadConfig();
  if (config.databaseUrl) {
    console.error('DATABASE_URL is set: reset that database with your PostgreSQL tools; this command only empties the embedded one.');
    process.exit(2);
  }
  if (!fs.existsSync(config.dataDir)) {
    console.log(`Nothing to reset in ${config.dataDir}. Run npm start to load the demo.`);
    process.exit(0);
  }
  // Holding the lock proves no server is using the directory while it is emptied.
  const release = lockDataDir(config.dataDir);
  for (const entry of fs.readdirSync(config.dataDir)) if (entry !== 'coproduce.lock') fs.rmSync(path.join(config.dataDir, entry), { recursive: true, force: true });
  release();
  console.log(`The demo in ${config.dataDir} is reset. Run npm start to load it again (a new administrator password is shown then).`);
} catch (error) {
  if (error instanceof DataDirLockedError || error instanceof ConfigError) {
    console.error(`Cannot reset the demo: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
