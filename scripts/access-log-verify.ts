// npm run access-log:verify — walks the access log's hash chain; prints the first broken link and
// exits non-zero, or prints "chain intact (N entries)".
import { withDatabase } from '../src/platform/db/cli.ts';
import { describeCheck, verifyChain } from '../src/platform/access-log/access-log.ts';

await withDatabase(async (database) => {
  const result = await verifyChain(database.db);
  console.log(describeCheck(result));
  if (!result.ok) process.exitCode = 2;
});
