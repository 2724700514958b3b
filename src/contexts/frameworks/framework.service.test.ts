// A consultation's closing day: it takes comments until that day is over where the platform dates things.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { consultationEnded } from './framework.service.ts';

test('a consultation is open all its closing day, in Madrid, and ended from the next midnight', () => {
  const v = { status: 'consultation' as const, consultationClosesOn: '2026-06-30' };
  assert.equal(consultationEnded(v, new Date('2026-06-30T00:30:00+02:00')), false);
  assert.equal(consultationEnded(v, new Date('2026-06-30T23:59:59+02:00')), false);
  assert.equal(consultationEnded(v, new Date('2026-07-01T00:00:00+02:00')), true);
  // 23:30 in UTC is already the next day in Madrid.
  assert.equal(consultationEnded(v, new Date('2026-06-30T22:30:00Z')), true);
  assert.equal(consultationEnded({ ...v, consultationClosesOn: null }, new Date('2099-01-01T00:00:00Z')), false, 'no day: open until agreed');
  assert.equal(consultationEnded({ ...v, status: 'agreed' }, new Date('2026-07-02T00:00:00Z')), false, 'only a consultation ends');
});
