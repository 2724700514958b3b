import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './config.ts';

test('defaults give the embedded database on port 3000', () => {
  const config = loadConfig({});
  assert.equal(config.port, 3000);
  assert.equal(config.databaseUrl, null);
  assert.match(config.dataDir, /data$/);
  assert.equal(config.seedDemo, true);
});

test('bad values are refused with a message that names the variable', () => {
  assert.throws(() => loadConfig({ PORT: 'eighty' }), (e: Error) => e instanceof ConfigError && /PORT/.test(e.message));
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
  assert.throws(() => loadConfig({ SEED_DEMO: 'maybe' }), /SEED_DEMO/);
});

test('issue 13, finding 11: no demo data in production unless asked for by name', () => {
  assert.equal(loadConfig({ NODE_ENV: 'production' }).seedDemo, false);
  assert.equal(loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true' }).seedDemo, true);
  assert.equal(loadConfig({ NODE_ENV: 'development' }).seedDemo, true);
});
