import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCursor, encodeCursor, pageOf } from './cursor.ts';

const rows = Array.from({ length: 7 }, (_, i) => ({ id: `id-${i}`, month: `2026-0${(i % 3) + 1}` }));
const options = { key: (r: (typeof rows)[number]) => r.month, id: (r: (typeof rows)[number]) => r.id, dir: 'desc' as const };

test('pages follow each other without gaps or repeats, newest month first, and the last says so', () => {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 10; i++) {
    const page = pageOf(rows, { ...options, limit: 3, cursor });
    assert.notEqual(page, 'invalid');
    if (page === 'invalid') return;
    seen.push(...page.rows.map((r) => r.id));
    if (!page.next) break;
    cursor = page.next;
  }
  assert.equal(seen.length, 7);
  assert.equal(new Set(seen).size, 7);
  assert.deepEqual(seen.slice(0, 3), ['id-2', 'id-5', 'id-1']);
});

test('a row added before the cursor does not shift the next page (keyset, not offset)', () => {
  const first = pageOf(rows, { ...options, limit: 3 });
  if (first === 'invalid') throw new Error('invalid');
  const grown = [{ id: 'id-new', month: '2026-09' }, ...rows];
  const second = pageOf(grown, { ...options, limit: 3, cursor: first.next! });
  if (second === 'invalid') throw new Error('invalid');
  assert.deepEqual(second.rows.map((r) => r.id), ['id-4', 'id-0', 'id-3']);
});

test('a cursor that does not decode is refused, whatever it holds', () => {
  for (const bad of ['%%%', 'bm90IGpzb24', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1]').toString('base64url'), Buffer.from('[{},"x"]').toString('base64url')]) {
    assert.equal(pageOf(rows, { ...options, cursor: bad }), 'invalid', bad);
  }
  assert.deepEqual(decodeCursor(encodeCursor({ value: '2026-01', id: 'x' })), { value: '2026-01', id: 'x' });
});

test('the limit is kept between 1 and 200', () => {
  const many = Array.from({ length: 300 }, (_, i) => ({ id: String(i).padStart(3, '0'), month: '2026-01' }));
  const page = pageOf(many, { ...options, limit: 1000 });
  if (page === 'invalid') throw new Error('invalid');
  assert.equal(page.rows.length, 200);
  assert.ok(page.next);
});
