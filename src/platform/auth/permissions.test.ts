import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registerPolicy, requirePermission, mayEverBeAllowed, type Actor } from './permissions.ts';

registerPolicy({
  'test.case.read': { allow: ['case-handler'], twoFactor: true },
  'test.profile.edit': { allow: ['territory-admin'], owner: true },
  'test.page.view': { allow: 'anyone' },
  'test.account.view': { allow: 'signed-in' },
});

const person = (grants: Actor['grants'], twoFactorVerified = true): Actor => ({ personId: 'p1', displayName: 'P', locale: 'en', grants, twoFactorVerified });
const handlerIn = (territoryId: string) => person([{ role: 'case-handler', scope: { kind: 'territory', id: territoryId } }]);

test('a role applies only inside its scope', () => {
  assert.deepEqual(requirePermission(handlerIn('bcn'), 'test.case.read', { territoryId: 'bcn' }), { ok: true });
  assert.deepEqual(requirePermission(handlerIn('bcn'), 'test.case.read', { territoryId: 'fuen' }), { ok: false, reason: 'forbidden' });
});

test('a platform-scoped grant covers every territory', () => {
  const admin = person([{ role: 'territory-admin', scope: { kind: 'platform', id: null } }]);
  assert.equal(requirePermission(admin, 'test.profile.edit', { territoryId: 'anything' }).ok, true);
});

test('two-factor rules refuse a session without a second factor', () => {
  const actor = { ...handlerIn('bcn'), twoFactorVerified: false };
  assert.deepEqual(requirePermission(actor, 'test.case.read', { territoryId: 'bcn' }), { ok: false, reason: 'two-factor-required' });
});

test('owners may act on their own things, nobody else’s', () => {
  assert.equal(requirePermission(person([]), 'test.profile.edit', { ownerId: 'p1' }).ok, true);
  assert.equal(requirePermission(person([]), 'test.profile.edit', { ownerId: 'p2' }).ok, false);
});

test('anonymous people get only what anyone may do', () => {
  assert.equal(requirePermission(null, 'test.page.view').ok, true);
  assert.deepEqual(requirePermission(null, 'test.account.view'), { ok: false, reason: 'signed-out' });
  assert.deepEqual(mayEverBeAllowed(null, 'test.case.read'), { ok: false, reason: 'signed-out' });
  assert.equal(mayEverBeAllowed(handlerIn('x'), 'test.case.read').ok, true);
});

test('an action without a rule is an error, never an allow', () => {
  assert.throws(() => requirePermission(person([]), 'test.unknown'), /No permission rule/);
});
