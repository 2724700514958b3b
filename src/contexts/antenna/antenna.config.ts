// What the antenna is given at start: the platform's hash-chained access log (recordAccess). If it is
// ever taken away (accessLogger: null), case content is never shown: a read that cannot be logged
// does not happen.
import { recordAccess } from '../../platform/access-log/access-log.ts';
import type { AccessLogger } from './access-log.ts';

export interface AntennaDependencies {
  accessLogger: AccessLogger | null;
}

const dependencies: AntennaDependencies = { accessLogger: { recordAccess } };

/** Replaces a dependency (tests use it to observe the log, or to prove reads fail closed without it). */
export function configureAntenna(given: Partial<AntennaDependencies>): void {
  Object.assign(dependencies, given);
}

export function antennaDependencies(): AntennaDependencies {
  return dependencies;
}
