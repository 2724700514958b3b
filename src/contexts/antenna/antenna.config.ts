// What the antenna is given at start. Until an access logger is wired, case content is never shown
// (reading fails closed): a read that cannot be logged does not happen.
import type { AccessLogger } from './access-log.ts';

export interface AntennaDependencies {
  accessLogger: AccessLogger | null;
}

const dependencies: AntennaDependencies = { accessLogger: null };

/** Called once at start by the app (and by tests): `configureAntenna({ accessLogger: { recordAccess } })`. */
export function configureAntenna(given: Partial<AntennaDependencies>): void {
  Object.assign(dependencies, given);
}

export function antennaDependencies(): AntennaDependencies {
  return dependencies;
}
