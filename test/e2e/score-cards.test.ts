// A community score card as CARE runs it, in Chromium on a 320 px screen, every person signing in through the
// real form: the coordinator records the users' session, the social services' own manager enters the staff
// self-assessment (the coordinator cannot), the coordinator records the interface meeting's action plan,
// starts cycle 2 months later and enters the users' new scores, the staff score themselves again, and the
// card shows the change per criterion. axe in Catalan and in Arabic (right to left).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, demoPeoplePassword, launchBrowser, overflowsHorizontally, signInAs } from './support.ts';

const suffix = randomBytes(3).toString('hex');
let browser: Browser;
const opened: Page[] = [];
before(async () => {
  assert.ok(demoPeoplePassword, 'the harness sets DEMO_PEOPLE_PASSWORD');
  browser = await launchBrowser();
});
after(async () => {
  for (const page of opened) await page.context().close();
  await browser?.close();
});

async function submit(page: Page, action: string) {
  await Promise.all([page.waitForLoadState('load'), page.locator(`form[action$="${action}"] button[type="submit"]`).click()]);
}

test('staff self-assess, the meeting agrees actions, cycle 2 shows the change per criterion', async () => {
  const coordinator = await signInAs(browser, 'audit-coordinator@coproduce.example', '/ca/t/barcelona/audits/campaigns', { locale: 'ca', width: 320 });
  opened.push(coordinator);
  const campaign = (await coordinator.locator('.card__title a', { hasText: 'Accés a l’atenció presencial 2025–2026' }).getAttribute('href'))!;
  await coordinator.goto(campaign);
  // The users' session: their own criteria and scores.
  const css = (await coordinator.locator('#f-serviceId option', { hasText: 'Centres de Serveis Socials' }).getAttribute('value'))!;
  await coordinator.selectOption('#f-serviceId', css);
  await coordinator.fill('#f-userGroup', `Grup de gent gran ${suffix}`);
  await coordinator.fill('#f-label_0', `Cita sense internet ${suffix}`);
  await coordinator.fill('#f-score_0', '30');
  await coordinator.fill('#f-reasons_0', 'Només per internet.');
  await coordinator.fill('#f-label_1', `Tracte ${suffix}`);
  await coordinator.fill('#f-score_1', '50');
  await coordinator.fill('#f-reasons_1', 'Amb presses.');
  await submit(coordinator, '/score-cards');
  const card = new URL(coordinator.url()).pathname;
  assert.match(card, /\/ca\/t\/barcelona\/audits\/score-cards\/[0-9a-f-]{36}$/);
  // The coordinator sees that the staff's scores are awaited, and has no form to type them.
  assert.equal(await coordinator.locator('form[action$="/staff"]').count(), 0);
  await coordinator.getByText('Esperant que el personal del servei introdueixi la seva autoavaluació.').waitFor();

  // The manager who answers for the social services centres enters the staff's own scores.
  const manager = await signInAs(browser, 'service-manager@coproduce.example', card, { locale: 'ca', width: 320 });
  opened.push(manager);
  const staff = manager.locator('input[name^="staff_"]');
  assert.equal(await staff.count(), 2);
  await staff.nth(0).fill('70');
  await staff.nth(1).fill('60');
  await manager.fill('#f-staffReasons', 'Autoavaluació de l’equip.');
  await assertAccessible(manager, 'staff self-assessment, 320 px');
  await submit(manager, '/staff');
  assert.equal(await manager.locator('form[action$="/staff"]').count(), 0);

  // The interface meeting and its joint action plan.
  await coordinator.goto(card);
  await coordinator.fill('#f-meetingOn', '2026-12-10');
  await coordinator.selectOption('#f-action_criterion', { index: 1 });
  await coordinator.fill('#f-action_who', `Direcció del CSS ${suffix}`);
  await coordinator.fill('#f-action_what', 'reservar cites presencials cada matí');
  await coordinator.fill('#f-action_byWhen', '2027-03-31');
  await coordinator.locator('input[name="action_grounds"]').first().check();
  await submit(coordinator, '/meeting');
  assert.match((await coordinator.locator('main').textContent()) ?? '', new RegExp(`Direcció del CSS ${suffix}`));

  // Cycle 2, months later: the users' new scores.
  await coordinator.fill('#f-startedOn', '2027-06-01');
  await submit(coordinator, '/cycles');
  const users = coordinator.locator('input[name^="users_"]');
  assert.equal(await users.count(), 2);
  await users.nth(0).fill('55');
  await users.nth(1).fill('50');
  await submit(coordinator, '/community');

  // The staff score themselves in cycle 2.
  await manager.goto(card);
  await manager.locator('input[name^="staff_"]').nth(0).fill('65');
  await manager.locator('input[name^="staff_"]').nth(1).fill('60');
  await submit(manager, '/staff');

  // The change per criterion, beside cycle 1.
  await coordinator.goto(card);
  const rows = coordinator.locator('#cycle-change tbody tr');
  assert.equal(await rows.count(), 2);
  const cells = async (i: number) => (await rows.nth(i).locator('th, td').allTextContents()).map((s) => s.trim());
  assert.deepEqual((await cells(0)).slice(1), ['30', '55', '+25', '70', '65', '-5']);
  assert.deepEqual((await cells(1)).slice(1), ['50', '50', '0', '60', '60', '0']);
  assert.equal(await coordinator.locator('#cycle-chart svg[role="img"]').count(), 1);
  await assertAccessible(coordinator, 'score card with two cycles, ca, 320 px');
  assert.equal(await overflowsHorizontally(coordinator), false);

  // The same card in Arabic, right to left.
  await coordinator.goto(card.replace('/ca/', '/ar/'));
  assert.equal(await coordinator.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await coordinator.locator('#cycle-change tbody tr').count(), 2);
  await coordinator.getByRole('heading', { name: 'التغيّر بين الدورات' }).waitFor();
  await assertAccessible(coordinator, 'score card with two cycles, ar, 320 px');
  assert.equal(await overflowsHorizontally(coordinator), false);
});
