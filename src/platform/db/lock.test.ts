import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { DataDirLockedError, lockDataDir } from './lock.ts';

test('a second holder of the same data directory is refused while the first lives', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-lock-'));
  const release = lockDataDir(dir);
  // Another process tries the same directory.
  const other = spawnSync(process.execPath, ['--import', 'tsx', '-e', `import('${path.join(import.meta.dirname, 'lock.ts')}').then(m => { try { m.lockDataDir(${JSON.stringify(dir)}); process.exit(0) } catch (e) { console.log(e.message); process.exit(7) } })`], { encoding: 'utf8' });
  assert.equal(other.status, 7, other.stderr);
  assert.match(other.stdout, /already in use by another Coproduce process/);
  release();
  assert.equal(fs.existsSync(path.join(dir, 'coproduce.lock')), false);
  fs.rmSync(dir, { recursive: true });
});

test('a lock left by a dead process is taken over', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-lock-'));
  const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
  fs.writeFileSync(path.join(dir, 'coproduce.lock'), String(dead));
  const release = lockDataDir(dir);
  assert.equal(fs.readFileSync(path.join(dir, 'coproduce.lock'), 'utf8'), String(process.pid));
  release();
  fs.rmSync(dir, { recursive: true });
});

test('the error names the pid that holds the directory', () => {
  const error = new DataDirLockedError('/x', 42);
  assert.match(error.message, /pid 42/);
});
