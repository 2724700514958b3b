// npm run db:seed -- --demo — loads the demo dataset (territories, and each context's demo records).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeSecretFile } from '../src/platform/crypto/secret-file.ts';
import { withDatabase } from '../src/platform/db/cli.ts';
import { isInitialised, seedDemo } from '../src/platform/db/seed.ts';
import { manifests } from '../src/app.ts';

const { values } = parseArgs({ options: { demo: { type: 'boolean', default: false }, force: { type: 'boolean', default: false } } });
if (!values.demo) {
  console.error('Usage: npm run db:seed -- --demo [--force]\n  --demo   load the demo dataset\n  --force  load it even if this database was already initialised');
  process.exit(2);
}
await withDatabase(async (database, config) => {
  await database.migrate();
  if ((await isInitialised(database.db)) && !values.force) {
    console.log('This database is already initialised; nothing loaded (use --force to load the demo anyway).');
    return;
  }
  const notices: string[] = [];
  const keepSecret = (name: string, content: string) => writeSecretFile(path.join(config.dataDir, 'secrets'), name, content);
  await seedDemo(database.db, manifests, (line) => console.log(`  ${line}`), (line) => notices.push(line), keepSecret);
  console.log('Demo data loaded.');
  for (const line of notices) console.log(line);
});
