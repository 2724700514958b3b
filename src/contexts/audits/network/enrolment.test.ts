import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextUnanswered, readStep, stepAfter, stepsFor } from './enrolment.ts';

test('the organisation question is asked only of people joining through one', () => {
  assert.ok(!stepsFor({ via: 'self' }).includes('organisation'));
  assert.ok(stepsFor({ via: 'organisation' }).includes('organisation'));
  assert.equal(stepAfter('via', { via: 'self' }), 'motivation');
  assert.equal(stepAfter('via', { via: 'organisation' }), 'organisation');
  assert.equal(stepAfter('consent', {}), null);
});

test('each step keeps what was typed and says what is wrong', () => {
  assert.deepEqual(readStep('contact', { email: ' Rosa@Example.ORG ', phone: 'call me' }, 1), { values: { email: 'rosa@example.org', phone: 'call me' }, errors: { phone: 'audits.enrol.errors.phone' } });
  assert.deepEqual(readStep('languages', { languages: ['es', 'klingon'] }, 1).values, { languages: ['es'] });
  // Consent is to the current version of the text only.
  assert.deepEqual(readStep('consent', { consent: '1' }, 2).errors, { consent: 'audits.enrol.errors.consent' });
  assert.deepEqual(readStep('consent', { consent: '2' }, 2).errors, {});
});

test('the first unanswered step is where a returning person continues', () => {
  assert.equal(nextUnanswered({}, 1), 'name');
  const done = { name: 'Rosa', email: 'rosa@example.org', phone: '', languages: ['es'], via: 'self', motivation: '', consent: '1' };
  assert.equal(nextUnanswered(done, 1), null);
  assert.equal(nextUnanswered({ ...done, motivation: undefined as unknown as string }, 1), 'motivation');
  assert.equal(nextUnanswered(done, 2), 'consent');
});
