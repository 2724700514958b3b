// The attacker's audit and the secondary suppression on the region × gender table of issue 12.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { audit } from './attacker.ts';
import { protect, type Constraint } from './suppression.ts';

const rows = ['A', 'B', 'C', 'D'];
const cols = ['male', 'female'];
const table = [
  [18, 2],
  [14, 19],
  [12, 10],
  [11, 14],
];
const values = new Map<string, number>();
const constraints: Constraint[] = [];
rows.forEach((r, i) => {
  cols.forEach((c, j) => values.set(`${r}/${c}`, table[i]![j]!));
  values.set(`${r}/*`, table[i]!.reduce((a, b) => a + b, 0));
  constraints.push({ members: cols.map((c) => `${r}/${c}`), total: `${r}/*` });
});
cols.forEach((c, j) => {
  values.set(`*/${c}`, table.reduce((a, row) => a + row[j]!, 0));
  constraints.push({ members: rows.map((r) => `${r}/${c}`), total: `*/${c}` });
});
values.set('*/*', 100);
constraints.push({ members: rows.map((r) => `${r}/*`), total: '*/*' }, { members: cols.map((c) => `*/${c}`), total: '*/*' });
const interior = rows.flatMap((r) => cols.map((c) => `${r}/${c}`));
const attack = (hidden: Set<string>) => audit({ values, constraints, shown: (id) => !hidden.has(id) }, hidden, (id) => Math.max(5, values.get(id)!));

test('with only the primary cell hidden, A/female = 2 is recovered exactly from its row and column', () => {
  const [cell] = attack(new Set(['A/female']));
  assert.deepEqual([cell!.lower, cell!.upper, cell!.protected], [2, 2, false]);
});

test('two hidden cells per line are not enough when they form no cycle the reader cannot close', () => {
  // A/female and A/male hidden (two in row A), but male and female columns each have one hidden cell.
  const result = attack(new Set(['A/female', 'A/male']));
  assert.ok(result.every((c) => c.lower === c.upper));
});

test('secondary suppression hides A/male, C/male and C/female, the cheapest pattern, and A/female is then protected', () => {
  const protection = protect({ values, constraints, k: 5 });
  const hidden = [...protection.status].filter(([, s]) => s !== 'shown').map(([id]) => id).sort();
  assert.deepEqual(hidden, ['A/female', 'A/male', 'C/female', 'C/male']);
  assert.equal(protection.status.get('A/female'), 'primary');
  const cost = hidden.filter((id) => id !== 'A/female').reduce((a, id) => a + values.get(id)!, 0);
  assert.equal(cost, 40);
  // Audited again: A/female lies anywhere in 0…12 for the reader, wider than the level 5.
  const [cell] = protection.audit;
  assert.deepEqual([cell!.id, cell!.lower, cell!.upper, cell!.protected], ['A/female', 0, 12, true]);
  // No cheaper set of interior cells protects it: every subset of the other seven, tried by the attacker.
  const others = interior.filter((id) => id !== 'A/female');
  let cheapest = Infinity;
  for (let mask = 0; mask < 1 << others.length; mask++) {
    const chosen = others.filter((_, i) => mask & (1 << i));
    const hiddenSet = new Set(['A/female', ...chosen]);
    const [a] = attack(hiddenSet).filter((c) => c.id === 'A/female');
    if (a!.protected) cheapest = Math.min(cheapest, chosen.reduce((s, id) => s + values.get(id)!, 0));
  }
  assert.equal(cheapest, 40);
});

test('a zero is published as 0 and needs no protection; a territory may hide zeros', () => {
  const zero = new Map(values);
  zero.set('B/male', 0);
  zero.set('B/*', 19);
  zero.set('*/male', 41);
  zero.set('*/*', 86);
  const shownZero = protect({ values: zero, constraints, k: 5 });
  assert.notEqual(shownZero.status.get('B/male'), 'primary');
  const hiddenZero = protect({ values: zero, constraints, k: 5, hideZeros: true });
  assert.equal(hiddenZero.status.get('B/male'), 'primary');
  assert.equal(hiddenZero.ok, true);
});

test('a higher protection level per territory asks for wider intervals', () => {
  const strict = protect({ values, constraints, k: 5, protectionLevel: 15 });
  const [cell] = strict.audit.filter((c) => c.id === 'A/female');
  assert.ok(cell!.upper - cell!.lower >= 15, `${cell!.lower}–${cell!.upper}`);
  assert.equal(strict.ok, true);
});
