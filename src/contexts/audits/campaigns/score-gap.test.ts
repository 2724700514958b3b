import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreGap } from './score-gap.ts';

test('the gap is users minus staff: negative when staff rate the service higher than its users', () => {
  assert.equal(scoreGap(30, 75), -45);
  assert.equal(scoreGap(80, 35), 45);
});
