// Secrets the operator must take away (a territory's antenna recovery private key): written to a file that
// only the operator's account can read (directory 0700, file 0600), never to a log.
import fs from 'node:fs';
import path from 'node:path';

/** Writes `content` to `<dir>/<name>` readable by the owner only, and returns the file's path. */
export function writeSecretFile(dir: string, name: string, content: string): string {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`Not a plain file name: ${name}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const file = path.join(dir, name);
  // 'wx': never overwrite a key the operator has not taken away yet.
  fs.writeFileSync(file, content.endsWith('\n') ? content : `${content}\n`, { mode: 0o600, flag: 'wx' });
  fs.chmodSync(file, 0o600);
  return file;
}
