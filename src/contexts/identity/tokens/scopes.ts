// What an API token may do. A token acts as its person, but only on the routes whose scope it holds, and
// only in its territory. Scopes that open personal data or antenna cases are sensitive: creating a token
// with one needs a session that passed the second step of sign-in.
export const apiScopes = [
  'read:public',
  'read:account',
  'write:account',
  'read:agreement',
  'write:agreement',
  'read:audits',
  'write:audits',
  'antenna:handle',
  'read:diagnosis',
  'read:plans',
  'write:plans',
  'write:coproduction',
  'read:access-log',
] as const;
export type ApiScope = (typeof apiScopes)[number];

export const sensitiveScopes: readonly ApiScope[] = ['read:audits', 'write:audits', 'antenna:handle', 'read:access-log'];

export function isApiScope(value: string): value is ApiScope {
  return (apiScopes as readonly string[]).includes(value);
}

export function isSensitive(scopes: readonly string[]): boolean {
  return scopes.some((s) => (sensitiveScopes as readonly string[]).includes(s));
}
