// Beside a server that holds the embedded database, the log is verified through the server's socket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createTestApp } from '../../../test/support/app.ts';
import { activeSigner, recordAccess } from './access-log.ts';
import { controlSocketPath, startControlSocket, verifyThroughServer } from './control-socket.ts';

test('a running server answers verification requests on its socket (mode 0600), and reports a break', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-socket-'));
  const t = await createTestApp({ template: 'migrated', config: { dataDir: dir } });
  const stop = await startControlSocket(t.app);
  try {
    assert.equal(fs.statSync(controlSocketPath(dir)).mode & 0o777, 0o600);
    for (let i = 0; i < 3; i++) await recordAccess(t.database.db, { actorId: null, action: 'test.record.read', recordType: 'record', recordId: String(i) });
    const { publicKey } = activeSigner();
    assert.deepEqual(await verifyThroughServer(dir, { publicKey }), { ok: true, entries: 3, chains: 1 });
    await t.database.db.execute(sql`alter table access_log disable trigger access_log_append_only`);
    await t.database.db.execute(sql`delete from access_log where seq = 3`);
    assert.deepEqual(await verifyThroughServer(dir, { publicKey }), { ok: false, entries: 2, chain: 'platform', seq: 3, problem: 'truncated' });
  } finally {
    await stop();
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(fs.existsSync(controlSocketPath(dir)), false, 'the socket goes with the server');
});
