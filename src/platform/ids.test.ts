import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUuid } from './ids.ts';

test('an id is a UUID in either case, and nothing a hurried or hostile person types instead', () => {
  for (const id of ['0b6e8c4e-3f4a-4c1e-9a61-5b7d2f1c9e20', '0B6E8C4E-3F4A-4C1E-9A61-5B7D2F1C9E20']) assert.ok(isUuid(id), id);
  for (const id of ['', 'x', '0b6e8c4e-3f4a-4c1e-9a61-5b7d2f1c9e2', '0b6e8c4e-3f4a-4c1e-9a61-5b7d2f1c9e20 ', "' OR 1=1 --", '0b6e8c4e3f4a4c1e9a615b7d2f1c9e20', null, 42, undefined]) assert.ok(!isUuid(id), String(id));
});
