// The public follow-up of the measures: small counts of findings are hidden, and so is what would give them away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { protectFollowUps } from './public.service.ts';

const states = (verified: number, notYet: number) => [...Array<'verified'>(verified).fill('verified'), ...Array<'not-yet-solved'>(notYet).fill('not-yet-solved')];

test('a measure with one verified finding shows neither count nor a count that gives it away', () => {
  const published = protectFollowUps([
    { id: 'a', states: states(1, 0) },
    { id: 'b', states: states(6, 7) },
    { id: 'c', states: [] },
  ]);
  assert.equal(published.get('a')!.verified.value, null);
  // A zero reveals no one and is shown; the measure without findings has no follow-up at all.
  assert.equal(published.get('a')!.notYet.value, 0);
  assert.equal(published.has('c'), false);
  // The large counts of another measure stay when hiding them is not needed to protect the small one.
  const b = published.get('b')!;
  assert.ok(b.verified.value === null || b.verified.value === 6);
});

test('large counts are shown as they are', () => {
  const published = protectFollowUps([
    { id: 'a', states: states(5, 9) },
    { id: 'b', states: states(12, 0) },
  ]);
  assert.deepEqual([published.get('a')!.verified.value, published.get('a')!.notYet.value, published.get('b')!.verified.value], [5, 9, 12]);
});
