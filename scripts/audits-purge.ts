// npm run audits:purge — removes now the personal data of auditors past their territory's retention period
// (the app also does it hourly), keeping their code name, visits, findings and statistics.
import { withDatabase } from '../src/platform/db/cli.ts';
import { recordAccess } from '../src/platform/access-log/access-log.ts';
import { purgeAuditorData } from '../src/contexts/audits/retention.ts';

await withDatabase(async (database) => {
  await database.migrate();
  const result = await purgeAuditorData(database.db, recordAccess);
  if (!result.ran) console.log('Another instance is purging right now; nothing done.');
  else console.log(`Anonymised ${result.auditors} auditors past their retention period and removed ${result.drafts} abandoned enrolment forms.`);
});
