// With the embedded database only the server's process may open the data directory. So that the log
// can be verified beside a running server, the server answers verification requests on a Unix socket
// in the data directory (mode 0600: whoever may read the data directory may ask). It only verifies.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { verifyChain, type ChainCheck, type Checkpoint } from './access-log.ts';

export function controlSocketPath(dataDir: string): string {
  return path.join(dataDir, 'access-log.sock');
}

export interface VerifyRequest {
  publicKey: string;
  checkpoint?: Checkpoint;
}

/** Starts listening; answers the function that stops it (call it when the server stops). */
export async function startControlSocket(app: FastifyInstance): Promise<() => Promise<void>> {
  const file = controlSocketPath(app.config.dataDir);
  // This process holds the data directory's lock: a socket file left there is from a dead server.
  fs.rmSync(file, { force: true });
  const server = net.createServer((socket) => {
    let input = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      input += chunk;
      if (input.length > 10_000_000) return void socket.destroy();
      if (!input.includes('\n')) return;
      void (async () => {
        try {
          const request = JSON.parse(input.slice(0, input.indexOf('\n'))) as VerifyRequest;
          const result = await verifyChain(app.database.db, { publicKey: String(request.publicKey), ...(request.checkpoint ? { checkpoint: request.checkpoint } : {}) });
          socket.end(`${JSON.stringify(result)}\n`);
        } catch (error) {
          socket.end(`${JSON.stringify({ error: (error as Error).message })}\n`);
        }
      })();
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(file, () => resolve()));
  fs.chmodSync(file, 0o600);
  server.unref();
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(file, { force: true });
  };
}

/** Asks a running server to verify (used by npm run access-log:verify when the data directory is locked). */
export async function verifyThroughServer(dataDir: string, request: VerifyRequest): Promise<ChainCheck> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(controlSocketPath(dataDir));
    let output = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on('data', (chunk: string) => (output += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      try {
        const answer = JSON.parse(output) as ChainCheck | { error: string };
        if ('error' in answer) reject(new Error(answer.error));
        else resolve(answer);
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}
