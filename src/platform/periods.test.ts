import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketOf, dayIn, isCalendarDay, monthAt, monthIndex, monthOfDate, quarterOf, recentMonths } from './periods.ts';

test('months subtract across years and come back as written', () => {
  assert.equal(monthIndex('2026-01') - monthIndex('2025-12'), 1);
  assert.equal(monthAt(monthIndex('2025-02') - 11), '2024-03');
  assert.equal(monthOfDate(new Date(Date.UTC(2026, 11, 31, 23, 59))), '2026-12');
});

test('a month falls in its quarter and year', () => {
  assert.deepEqual(['2025-01', '2025-03', '2025-04', '2025-12'].map(quarterOf), ['2025-Q1', '2025-Q1', '2025-Q2', '2025-Q4']);
  assert.deepEqual(['month', 'quarter', 'year'].map((g) => bucketOf('2025-05', g as 'month')), ['2025-05', '2025-Q2', '2025']);
});

test('the recent months run newest first, across a new year', () => {
  assert.deepEqual(recentMonths(new Date(Date.UTC(2026, 0, 31)), 3), ['2026-01', '2025-12', '2025-11']);
});

test('a calendar day is real and written YYYY-MM-DD', () => {
  for (const day of ['2026-02-28', '2028-02-29', '2026-12-31']) assert.ok(isCalendarDay(day), day);
  for (const day of ['2026-02-30', '2026-02-29', '2026-13-01', '2026-1-05', '05/01/2026', '2026-01-05T00:00', '', '20260-01-05']) assert.ok(!isCalendarDay(day), day);
});

test('the day of a moment depends on the time zone', () => {
  assert.equal(dayIn(new Date('2026-06-30T22:30:00Z'), 'Europe/Madrid'), '2026-07-01');
  assert.equal(dayIn(new Date('2026-06-30T22:30:00Z'), 'UTC'), '2026-06-30');
  assert.equal(dayIn(new Date('2026-01-01T04:00:00Z'), 'America/New_York'), '2025-12-31');
});
