// Enrolment that leads somewhere, in Chromium at 320 px with axe, in Spanish: a signed-out person enrols in the
// Citizen Audit Network, opens the link from the email (the server's mail drop), creates an account from it,
// confirms the address, signs in and links the application; the demo coordinator accepts them, records their
// training, adds them to the campaign and gives them a visit; the new auditor opens that visit. A second
// person is refused with a reason, which reaches them by email in the language they enrolled in (Arabic).
//
// The coordinator needs two-step sign in and the server refuses a code used twice: one session for the file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, assertAccessibleAndFits, demoPeoplePassword, launchBrowser, openContext, screenshot, signInAs } from './support.ts';

const suffix = randomBytes(3).toString('hex');
const audits = '/es/t/barcelona/audits';
let browser: Browser;
let coordinator: Page | null = null;
before(async () => {
  assert.ok(demoPeoplePassword, 'the harness sets DEMO_PEOPLE_PASSWORD');
  browser = await launchBrowser();
});
after(async () => {
  await coordinator?.context().close();
  await browser?.close();
});

async function coordinatorAt(next: string): Promise<Page> {
  if (!coordinator) coordinator = await signInAs(browser, 'audit-coordinator@coproduce.example', next, { locale: 'es' });
  else await coordinator.goto(next);
  return coordinator;
}

/** The newest email to `to` whose body matches, from the mail drop folder (MAIL_DROP_DIR). */
function mailTo(to: string, pattern: RegExp): { body: string; locale: string } {
  const dir = process.env.MAIL_DROP_DIR;
  assert.ok(dir, 'the harness sets MAIL_DROP_DIR');
  const mails = fs
    .readdirSync(dir)
    .sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as { to: string; body: string; locale: string })
    .filter((mail) => mail.to === to && pattern.test(mail.body));
  const mail = mails.at(-1);
  assert.ok(mail, `an email to ${to} matching ${pattern}`);
  return mail;
}

function linkInMail(to: string, pattern: RegExp): string {
  const link = /https?:\/\/\S+/.exec(mailTo(to, pattern).body.match(pattern)?.[0] ?? '')?.[0];
  assert.ok(link, `a link in the email to ${to}`);
  return new URL(link).pathname + new URL(link).search;
}

async function submit(page: Page, selector = 'main form[method="post"] button[type="submit"]') {
  await Promise.all([page.waitForLoadState('load'), page.locator(selector).first().click()]);
}

/** The public enrolment from its start page to the confirmation, one question per page. */
async function enrol(page: Page, locale: string, name: string, email: string) {
  await page.goto(`/${locale}/t/barcelona/audits/join`);
  await assertAccessibleAndFits(page, 'enrolment start');
  await Promise.all([page.waitForLoadState('load'), page.locator('main a.button--start').click()]);
  await page.fill('input[name="name"]', name);
  await submit(page);
  await page.fill('input[name="email"]', email);
  await submit(page);
  await page.check(`input[name="languages"][value="${locale}"]`);
  await submit(page);
  await page.check('input[name="via"][value="self"]');
  await submit(page);
  await page.fill('textarea[name="motivation"]', 'Vivo en el barrio y hablo tres idiomas');
  await submit(page);
  await page.check('input[name="consent"]');
  await submit(page);
  assert.match(new URL(page.url()).pathname, /\/audits\/join\/check$/);
  assert.ok((await page.locator('main').textContent())!.includes(email), 'check your answers confirms the address the link goes to');
  await assertAccessibleAndFits(page, 'check your answers');
  await submit(page);
  assert.match(new URL(page.url()).pathname, /\/audits\/join\/done$/);
  await assertAccessibleAndFits(page, 'enrolment sent');
  return (await page.locator('main .audit-panel p').first().textContent())!.match(/A-\d+/)![0];
}

test('a signed-out person enrols, signs up from the emailed link, is accepted and trained, and opens the visit given to them', async () => {
  const email = `auditora-${suffix}@example.org`;
  const name = `Nuria Auditora ${suffix}`;
  const context = await openContext(browser, { locale: 'es', width: 320, height: 800 });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const code = await enrol(page, 'es', name, email);
  await screenshot(page, `enrolment-done-320-${suffix}`);

  // The email's link, then an account created from it.
  const link = linkInMail(email, /\S+\/audits\/join\/link\?token=\S+/);
  await page.goto(link);
  await assertAccessibleAndFits(page, 'the application link');
  await Promise.all([page.waitForLoadState('load'), page.locator('main a[href*="/account/sign-up?next="]').click()]);
  const password = `una frase larga y rara ${randomBytes(3).toString('hex')}`;
  await page.fill('input[name="displayName"]', name);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.check('input[name="terms"]');
  await submit(page);
  await page.goto(linkInMail(email, /\S+\/account\/verify\?\S+/));
  await Promise.all([page.waitForLoadState('load'), page.locator('main a.button').click()]);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await submit(page);
  assert.equal(new URL(page.url()).pathname, `${audits}/join/link`, 'back to the link, signed in');
  await submit(page);
  assert.equal(new URL(page.url()).pathname, `${audits}/application`);
  assert.equal(await page.locator('[data-application-state="applied"]').count(), 1);
  await assertAccessibleAndFits(page, 'my application');

  // Attack: someone else opening the same link afterwards finds nothing.
  const other = await openContext(browser, { locale: 'es', width: 320 });
  const otherPage = await other.newPage();
  assert.equal((await otherPage.goto(link))!.status(), 404);
  await other.close();

  // The coordinator accepts, records the training, adds the auditor to the campaign and schedules a visit.
  const staff = await coordinatorAt(`${audits}/auditors`);
  const application = staff.locator('section[id^="decide-"]', { hasText: name });
  await Promise.all([staff.waitForLoadState('load'), application.locator('button', { hasText: 'Aceptar' }).click()]);
  assert.equal(await staff.locator('tbody tr', { hasText: name }).locator('.audit-tag--accepted').count(), 1);
  await staff.fill('input[name="title"]', `Formación de bienvenida ${suffix}`);
  await staff.fill('input[name="heldOn"]', '2026-03-02');
  await staff.getByLabel(`${code} · ${name}`).check();
  await submit(staff, 'form[action$="/trainings"] button');
  assert.equal((await staff.locator('tbody tr', { hasText: name }).locator('td.numeric').first().textContent())!.trim(), '1');
  await assertAccessible(staff, 'auditors after the decision');

  await staff.goto(`${audits}/campaigns`);
  await Promise.all([staff.waitForLoadState('load'), staff.locator('main a', { hasText: 'Accés a l’atenció presencial' }).first().click()]);
  const campaignUrl = new URL(staff.url()).pathname;
  await staff.getByLabel(`${code} (`).check();
  await Promise.all([staff.waitForURL(`**${campaignUrl}`), staff.click('form[action$="/auditors"] button')]);
  await staff.selectOption('form[action$="/visits"] [name="auditorId"]', { label: code });
  await staff.selectOption('form[action$="/visits"] [name="instrumentVersionId"]', { index: 0 });
  await staff.fill('form[action$="/visits"] [name="scheduledOn"]', '2026-03-20');
  await Promise.all([staff.waitForURL(`**${campaignUrl}`), staff.click('form[action$="/visits"] button')]);
  assert.equal(await staff.locator('.error-summary').count(), 0, 'the visit is scheduled');

  // The new auditor: the visit is on their desk, and it opens.
  await page.goto('/es/desk');
  await assertAccessibleAndFits(page, 'the new auditor’s desk');
  await Promise.all([page.waitForLoadState('load'), page.locator('[data-task="audits.visits"] a').first().click()]);
  assert.match(new URL(page.url()).pathname, /\/audits\/visits\/[0-9a-f-]{36}\/sections\/1$/);
  assert.equal(await page.locator('main form').count() > 0, true, 'the visit’s first part, to fill');
  await assertAccessibleAndFits(page, 'the visit');
  await screenshot(page, `enrolment-visit-320-${suffix}`);
  await context.close();
});

test('a refusal with a reason reaches the person by email, in the language they enrolled in', async () => {
  const email = `rechazo-${suffix}@example.org`;
  const name = `Karim Solicitante ${suffix}`;
  const context = await openContext(browser, { locale: 'ar', width: 320, height: 800 });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await enrol(page, 'ar', name, email);
  await context.close();

  const staff = await coordinatorAt(`${audits}/auditors`);
  const application = staff.locator('section[id^="decide-"]', { hasText: name });
  await application.locator('input[type="radio"][value="declined"]').check();
  // Without a reason: refused beside the field, the choice kept.
  await Promise.all([staff.waitForLoadState('load'), application.locator('button', { hasText: 'Enviar' }).click()]);
  assert.ok((await staff.locator('.error-summary').textContent())!.includes('Escribe el motivo'));
  const again = staff.locator('section[id^="decide-"]', { hasText: name });
  assert.equal(await again.locator('input[type="radio"][value="declined"]').isChecked(), true);
  await assertAccessible(staff, 'a decision refused for want of a reason');
  await again.locator('textarea').fill('Este año la red ya está completa; vuelve a intentarlo en septiembre');
  await Promise.all([staff.waitForLoadState('load'), again.locator('button', { hasText: 'Enviar' }).click()]);
  assert.equal(await staff.locator('tbody tr', { hasText: name }).locator('.audit-tag--declined').count(), 1);

  const mail = mailTo(email, /لم يقبل المنسقون طلبك/);
  assert.equal(mail.locale, 'ar');
  assert.ok(mail.body.includes('Este año la red ya está completa'));
});
