import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startBlock } from './first-run.ts';

test('the start output ends with one short block: where to open it, the sign-in, the demo people, the reset', () => {
  const block = startBlock({ url: 'http://localhost:3000/', signIn: 'Sign in as the demo administrator: admin@coproduce.example with the password s3cret', demo: true, embedded: true });
  assert.equal(block.length, 6, 'two rules and four lines');
  assert.match(block[0]!, /^─+$/);
  assert.equal(block[1], 'Open Coproduce: http://localhost:3000/');
  assert.match(block[2]!, /admin@coproduce\.example with the password s3cret/);
  assert.match(block[3]!, /http:\/\/localhost:3000\/en\/admin\/demo-people .*README\.md, section "The demo"/);
  assert.match(block[4]!, /npm run demo:reset/);
  assert.equal(block[5], block[0]);
});

test('later starts still say how to sign in, without a password; an empty installation only says where to open it', () => {
  const later = startBlock({ url: 'http://localhost:3000/', signIn: null, demo: true, embedded: true });
  assert.ok(!later.join('\n').includes('password s'), 'no password after the first start');
  assert.match(later[2]!, /admin@coproduce\.example/);
  assert.deepEqual(startBlock({ url: 'http://x/', signIn: null, demo: false, embedded: false }).slice(1, -1), ['Open Coproduce: http://x/']);
});
