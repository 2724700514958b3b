// What the antenna journeys share: the case handler's case key, set up by whichever journey comes first
// and unlocked by the others, so the journeys pass in any order against one server.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible } from './support.ts';

export const caseKeyPassword = 'a long case key password';

/** On the case queue (in English): sets up the handler's case key the first time, unlocks it afterwards. */
export async function openCaseKey(staff: Page): Promise<void> {
  const queue = new URL(staff.url()).pathname;
  assert.match(queue, /\/en\/t\/[a-z-]+\/antenna\/cases$/, 'starts on the case queue');
  if ((await staff.getByRole('link', { name: 'Set it up' }).count()) > 0) {
    await staff.getByRole('link', { name: 'Set it up' }).click();
    await assertAccessible(staff, 'case key set-up');
    await staff.getByLabel('Password').fill(caseKeyPassword);
    await staff.getByRole('button', { name: 'Set up my case key' }).click();
  } else {
    await staff.getByRole('link', { name: 'Unlock it' }).click();
    await assertAccessible(staff, 'case key unlock');
    await staff.getByLabel('Password').fill(caseKeyPassword);
    await staff.getByRole('button', { name: 'Unlock' }).click();
  }
  assert.equal(new URL(staff.url()).pathname, queue);
  assert.ok(await staff.getByText('Your case key is open on this device.').isVisible());
}
