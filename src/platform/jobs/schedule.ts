// Background jobs run on a timer in every app instance (a job that must run once at a time takes its own
// advisory lock). The timer starts when the app is ready, never keeps the process alive, stops on close,
// and a run still going when the next is due is not started twice.
import type { FastifyInstance } from 'fastify';
import { safeError } from '../http/logging.ts';

export function scheduleJob(app: FastifyInstance, name: string, intervalMs: number, run: () => Promise<void>): void {
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await run();
    } catch (error) {
      app.log.error({ err: safeError(error) }, `${name} failed`);
    } finally {
      running = false;
    }
  };
  app.addHook('onReady', async () => {
    timer = setInterval(() => void tick(), intervalMs);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });
}
