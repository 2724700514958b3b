// Reporting on someone's behalf, in a real browser: a member of Fundació Sostre Obert signs in in
// Romanian, records the person's consent, fills the report for them and keeps the receipt; a case
// handler (two-step sign in) sees the case in the queue marked as sent through an organisation, reads
// it, writes to the person and passes it on to an organisation found by name; later the member follows
// the case as intermediary: its status, the handler's message, and an answer. axe finds no WCAG 2.2
// A/AA problem on any page; the member's pages fit a 320 px screen.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, launchBrowser, overflowsHorizontally, screenshot, signInAs } from './support.ts';
import { openCaseKey } from './antenna-support.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await member?.context().close();
  await staff?.context().close();
  await browser.close();
});

const home = '/ro/t/barcelona/antenna/on-behalf';
const mark = randomBytes(4).toString('hex').toUpperCase();
const story = `Doamna pe care o sprijinim a cerut ajutor social. La ghișeu i-au spus să revină cu cineva care vorbește spaniolă. ONBEHALF-${mark}`;
const question = `Ați putea să ne spuneți în ce zi a fost? QUESTION-${mark}`;

let member: Page;
let staff: Page;
let receipt = '';
let reference = '';

/** No WCAG 2.2 A/AA problem, the exit button, and nothing wider than the 320 px screen. */
async function checkPage(page: Page, label: string) {
  assert.ok(await page.locator('a[data-antenna-exit]').isVisible(), `${label} has the exit button`);
  await assertAccessible(page, label);
  assert.equal(await overflowsHorizontally(page), false, `${label} fits 320 px`);
}

/** The references in the member's list of reports sent by their organisation. */
async function filedReferences(page: Page): Promise<string[]> {
  return (await page.locator('main table tbody th[scope="row"]').allTextContents()).map((r) => r.trim());
}

async function filedStatus(page: Page, ref: string): Promise<string> {
  return (await page.locator('main table tbody tr', { has: page.locator('th', { hasText: ref }) }).locator('td').first().textContent())!.trim();
}

test('a case handler signs in with two-step sign in and opens their case key', async () => {
  // First, so the report is sealed to this handler's key when it is sent.
  staff = await signInAs(browser, 'case-handler@coproduce.example', '/en/t/barcelona/antenna/cases', { locale: 'en' });
  staff.setDefaultTimeout(15_000);
  await openCaseKey(staff);
});

test('a member of an organisation reports in Romanian for a person, with the person’s consent, on a 320 px screen', async () => {
  member = await signInAs(browser, 'organisation-member@coproduce.example', home, { locale: 'ro', width: 320, height: 800 });
  member.setDefaultTimeout(15_000);
  assert.equal(await member.getAttribute('html', 'lang'), 'ro');
  await checkPage(member, 'on-behalf home (ro)');
  assert.ok(await member.getByRole('heading', { level: 1, name: 'Sesizare pentru altă persoană' }).isVisible());
  const before = await filedReferences(member);
  await member.getByRole('button', { name: 'Începe o sesizare pentru cineva' }).click();

  // Consent comes first, and cannot be skipped.
  assert.match(member.url(), /\/report\/consent$/);
  await checkPage(member, 'consent (ro)');
  await member.getByRole('button', { name: 'Continuă' }).click();
  assert.ok(await member.locator('.error-summary').isVisible(), 'without consent the step does not pass');
  await checkPage(member, 'consent with an error (ro)');
  await member.getByLabel('Persoana este de acord să trimitem această sesizare pentru ea').check();
  await member.getByLabel('În persoană').check();
  await member.getByRole('button', { name: 'Continuă' }).click();

  await checkPage(member, 'service (ro)');
  await member.getByLabel('Serviciu').selectOption('unknown');
  await member.getByRole('button', { name: 'Continuă' }).click();

  await checkPage(member, 'story (ro)');
  await member.getByLabel('Spune cu cuvintele tale').fill(story);
  await member.getByRole('button', { name: 'Continuă' }).click();

  await checkPage(member, 'when (ro)');
  await member.getByLabel('Luna').selectOption('unknown');
  await member.getByRole('button', { name: 'Continuă' }).click();

  await checkPage(member, 'where (ro)');
  await member.getByRole('button', { name: 'Continuă' }).click();

  await checkPage(member, 'grounds (ro)');
  await member.getByLabel('Limba mea').check();
  await member.getByLabel('Cetățenia sau actele mele').check();
  await member.getByRole('button', { name: 'Continuă' }).click();

  await checkPage(member, 'before (ro)');
  await member.getByLabel('Da', { exact: true }).check();
  await member.getByRole('button', { name: 'Continuă' }).click();

  await checkPage(member, 'wishes (ro)');
  await member.getByLabel('Da, îl puteți trimite').check();
  await member.getByRole('button', { name: 'Continuă' }).click();

  await checkPage(member, 'contact (ro)');
  await member.getByLabel('Anonim').check();
  await member.getByRole('button', { name: 'Continuă' }).click();

  // Check your answers: the consent is one of them.
  await member.getByRole('button', { name: 'Trimite sesizarea' }).waitFor();
  const check = (await member.textContent('main'))!;
  assert.ok(check.includes('Persoana este de acord') && check.includes('În persoană'), 'the consent is shown with the answers');
  assert.ok(check.includes(`ONBEHALF-${mark}`));
  await checkPage(member, 'check your answers (ro)');
  await screenshot(member, 'antenna-on-behalf-check-ro-320');
  await member.getByRole('button', { name: 'Trimite sesizarea' }).click();

  await member.waitForURL('**/report/done');
  await checkPage(member, 'confirmation (ro)');
  assert.ok(await member.getByRole('heading', { level: 1, name: 'Sesizare trimisă' }).isVisible());
  receipt = (await member.locator('[data-receipt]').textContent())!.replace(/\s/g, '');
  assert.match(receipt, /^[0-9]{16}$/);

  // The organisation's list of reports now holds this one, as received.
  await member.goto(home);
  const after = await filedReferences(member);
  const added = after.filter((r) => !before.includes(r));
  assert.equal(added.length, 1, 'one more report in the organisation’s list');
  reference = added[0]!;
  assert.match(reference, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  assert.equal(await filedStatus(member, reference), 'Primită');
  await checkPage(member, 'on-behalf home with the report (ro)');
  await screenshot(member, 'antenna-on-behalf-home-ro-320');
});

test('the handler sees the case marked as sent through an organisation, writes to the person and passes it on', async () => {
  assert.match(reference, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await staff.goto('/en/t/barcelona/antenna/cases');
  const row = staff.locator('main table tbody tr', { has: staff.getByRole('link', { name: reference, exact: true }) });
  assert.match((await row.textContent())!, /filed by Fundació Sostre Obert/, 'the queue says which organisation sent it on someone’s behalf');
  await assertAccessible(staff, 'case queue with a case sent on someone’s behalf');
  await row.getByRole('link', { name: reference, exact: true }).click();
  const caseUrl = staff.url();
  const main = (await staff.textContent('main'))!;
  assert.ok(main.includes(`ONBEHALF-${mark}`), 'the handler reads the story');
  assert.ok(main.includes('Sent by Fundació Sostre Obert on the person\'s behalf; consent given: In person'));
  await assertAccessible(staff, 'a case sent on someone’s behalf');

  await staff.getByLabel('New status').selectOption('in-triage');
  await staff.getByRole('button', { name: 'Change status' }).click();
  await staff.getByLabel('Write').fill(question);
  await staff.getByLabel('A message the person can read').check();
  await staff.getByRole('button', { name: 'Save', exact: true }).click();
  assert.equal(staff.url(), caseUrl);

  // Passing it on to an organisation: found by name, chosen from the list, never typed as a reference.
  await staff.getByLabel('Find an organisation').fill('sostre obert');
  await staff.getByRole('button', { name: 'Search', exact: true }).click();
  assert.ok(await staff.getByLabel('An organisation', { exact: true }).isChecked(), 'a search chooses "an organisation"');
  await staff.getByRole('button', { name: 'Pass on', exact: true }).click();
  assert.ok(await staff.locator('.error-summary').isVisible(), 'nothing chosen: an error');
  assert.ok((await staff.textContent('main'))!.includes('Choose the organisation to pass the case to'));
  await assertAccessible(staff, 'a case with a referral error');
  await staff.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Fundació Sostre Obert' });
  await staff.getByRole('button', { name: 'Pass on', exact: true }).click();
  assert.equal(new URL(staff.url()).pathname, new URL(caseUrl).pathname);
  const after = (await staff.textContent('main'))!;
  for (const text of ['Passed on to Fundació Sostre Obert', `QUESTION-${mark}`]) assert.ok(after.includes(text), text);
  await assertAccessible(staff, 'a case passed on to an organisation');
  await screenshot(staff, 'antenna-on-behalf-case-handler');
});

test('later, the member follows the case as intermediary: its status and the handler’s message', async () => {
  assert.match(receipt, /^[0-9]{16}$/);
  await member.goto(home);
  assert.equal(await filedStatus(member, reference), 'Trimisă mai departe', 'the list shows the new status');
  await checkPage(member, 'on-behalf home after triage (ro)');

  await member.getByRole('link', { name: 'Am trimis deja o sesizare și am un număr' }).click();
  await checkPage(member, 'follow sign-in (ro)');
  await member.getByLabel('Număr de chitanță').fill(receipt.replace(/(\d{4})(?=\d)/g, '$1 '));
  await member.getByRole('button', { name: 'Deschide' }).click();
  await member.waitForURL('**/follow/case');
  const main = (await member.textContent('main'))!;
  assert.ok(main.includes('Trimisă mai departe'), 'the status');
  assert.ok(main.includes(`QUESTION-${mark}`), 'the handler’s message');
  await checkPage(member, 'the case, followed as intermediary (ro)');

  await member.getByLabel('Mesajul tău').fill(`A fost luni dimineață, la biroul din cartier. ANSWER-${mark}`);
  await member.getByRole('button', { name: 'Trimite', exact: true }).click();
  await member.waitForURL('**/follow/case?sent=1');
  const answered = (await member.textContent('main'))!;
  assert.ok(answered.includes(`ANSWER-${mark}`));
  assert.ok(answered.includes('Organizația care te-a ajutat'), 'the answer is marked as written by the organisation');
  await checkPage(member, 'the case after answering (ro)');
  await screenshot(member, 'antenna-on-behalf-follow-ro-320');

  await staff.reload();
  const handlerView = (await staff.textContent('main'))!;
  assert.ok(handlerView.includes(`ANSWER-${mark}`), 'the handler reads the answer');
  assert.ok(handlerView.includes('The organisation that filed it'), 'the handler reads who wrote it, not "the organisation that helped you"');
});
