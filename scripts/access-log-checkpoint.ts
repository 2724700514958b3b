// npm run access-log:checkpoint [-- FILE] — signs the heads of every access log chain now and writes the
// checkpoint (to FILE, or standard output) for the operator to keep where the platform cannot write.
// The server also writes one every hour into ACCESS_LOG_CHECKPOINT_DIR.
import fs from 'node:fs';
import { withDatabase } from '../src/platform/db/cli.ts';
import { makeCheckpoint, useSigner } from '../src/platform/access-log/access-log.ts';
import { loadSigner } from '../src/platform/access-log/signing.ts';

await withDatabase(async (database, config) => {
  useSigner(loadSigner(config, { create: false }));
  const text = `${JSON.stringify(await makeCheckpoint(database.db), null, 2)}\n`;
  const file = process.argv[2];
  if (file) fs.writeFileSync(file, text, { mode: 0o600 });
  else process.stdout.write(text);
});
