// A recovery private key goes to a file only the operator reads, never to a log (issue 13, finding 11).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDemo } from '../db/seed.ts';
import { manifests } from '../../app.ts';
import { cloneTestDatabase } from '../../../test/support/database.ts';
import { writeSecretFile } from './secret-file.ts';

test('a secret file is readable by its owner only and never overwritten', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-secret-'));
  const file = writeSecretFile(path.join(dir, 'secrets'), 'key.txt', 'private');
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
  assert.throws(() => writeSecretFile(path.join(dir, 'secrets'), 'key.txt', 'other'), /EEXIST/);
  assert.throws(() => writeSecretFile(dir, '../escape', 'x'), /plain file name/);
  fs.rmSync(dir, { recursive: true });
});

test('loading the demo writes each antenna recovery private key to a 0600 file and never to the log', async () => {
  const database = await cloneTestDatabase('migrated');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-seed-'));
  const lines: string[] = [];
  try {
    const kept: string[] = [];
    // Only the contexts the antenna's demo stands on: the whole demo would take a minute to say the same.
    const needed = manifests.filter((m) => ['platform', 'territories', 'identity', 'catalogue', 'agreement', 'antenna'].includes(m.name));
    await seedDemo(database.db, needed, (line) => lines.push(line), (line) => lines.push(line), (name, content) => {
      kept.push(content.trim());
      return writeSecretFile(dir, name, content);
    });
    assert.ok(kept.length >= 2, 'Barcelona and Fuenlabrada get a recovery key');
    const log = lines.join('\n');
    for (const key of kept) assert.ok(!log.includes(key), 'the private key is not in the log');
    assert.match(log, /move it offline/);
    for (const name of fs.readdirSync(dir)) assert.equal(fs.statSync(path.join(dir, name)).mode & 0o777, 0o600);
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true });
  }
});
