// The one test of an id typed into a URL, a form or an API call: a UUID (any case), before it reaches a query
// whose uuid cast would fail on anything else.
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}
