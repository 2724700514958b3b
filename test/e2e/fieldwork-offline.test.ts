// A whole visit offline, in Chromium at 360 px with JavaScript: the demo auditor opens their visits (the
// service worker keeps every part), loses the connection, goes through every part of a demo visit choosing
// a photo, sends it, reconnects and sees "sent"; the coordinator sees the visit's answers once. axe on the
// offline pages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, demoPeoplePassword, launchBrowser, screenshot, signInAs } from './support.ts';

const desk = '/es/t/barcelona/audits/visits';
const note = `Sin rampa ${randomBytes(3).toString('hex')}`;
// A small JPEG (8×8 grey), chosen from the phone.
const photo = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAAIAAgBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
  'base64',
);

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

test('the auditor fills a whole visit offline with a photo, reconnects, sees "sent"; the coordinator sees it once', async () => {
  const page = await signInAs(browser, 'auditor@coproduce.example', desk, { locale: 'es', width: 360 });
  opened.push(page);
  const context = page.context();
  // The desk keeps every part of the assigned visits for use without a connection.
  await page.locator('[data-offline-ready]', { hasText: 'listas para abrirse sin conexión' }).waitFor({ timeout: 30_000 });
  await assertAccessible(page, 'desk, visits kept offline');
  // The last demo visit still to do (other journeys take the first).
  const item = page.locator('.visit-list__item').filter({ hasText: 'Por hacer' }).last();
  const href = (await item.locator('a').getAttribute('href'))!;
  const visitId = href.split('/')[6]!;
  const base = `${desk}/${visitId}`;

  await context.setOffline(true);
  await Promise.all([page.waitForURL(`**${base}/sections/1`), item.locator('a').click()]);
  await page.fill('#f-visit_date', '2026-03-20');
  await page.getByLabel('No', { exact: true }).first().check();
  await page.locator('[name="barriers"][value="steps"]').check();
  await page.locator('[name="signage_languages"][value="local"]').check();
  await page.setInputFiles('input[name="entrance_photo__file"]', { name: 'entrada.jpg', mimeType: 'image/jpeg', buffer: photo });
  await Promise.all([page.waitForURL(`**${base}/sections/2`), page.click('form.fieldwork button[type=submit]')]);
  // Part 2, opened from the phone: the visit waits to be sent.
  await page.locator(`[data-visit-state="${visitId}"]`, { hasText: 'Pendiente de enviar' }).waitFor();
  await screenshot(page, 'fieldwork-offline-part-2-360-es');
  await assertAccessible(page, 'part 2 offline');
  await page.fill('#f-wait_minutes', '25');
  await page.locator('[name="appointment_needed"][value="no"]').check();
  await page.locator('[name="language_offered"][value="no"]').check();
  await page.fill('#f-treatment_score', '70');
  await page.fill('textarea[name="treatment_score__reason"]', 'Amables');
  await page.locator('[name="treated_differently"][value="no"]').check();
  await Promise.all([page.waitForURL(`**${base}/sections/3`), page.click('form.fieldwork button[type=submit]')]);
  await page.locator('[name="extra_requirement"][value="no"]').check();
  await page.fill('#f-information_clear', '60');
  await page.fill('textarea[name="information_clear__reason"]', 'Clara');
  await page.fill('textarea[name="comments"]', note);
  await Promise.all([page.waitForURL(`**${base}/check`), page.click('form.fieldwork button[type=submit]')]);
  // Going back works offline too, with what was typed.
  await page.goBack();
  assert.equal(await page.inputValue('#f-information_clear'), '60');
  await page.goForward();
  await page.click('form.fieldwork-submit button[type=submit]');
  await page.locator('[data-fieldwork-status]', { hasText: 'La visita se enviará cuando vuelva la conexión' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.onLine), false);
  await screenshot(page, 'fieldwork-offline-check-360-es');
  await assertAccessible(page, 'check page offline');

  // The connection returns: everything is sent, in order, and the visit says so.
  await context.setOffline(false);
  await page.locator(`[data-visit-state="${visitId}"]`, { hasText: 'Enviada' }).waitFor({ timeout: 30_000 });
  await screenshot(page, 'fieldwork-offline-sent-360-es');
  await page.goto(`${base}/check`);
  assert.match((await page.locator('h1').textContent()) ?? '', /Visita enviada/);
  const summary = (await page.locator('main').textContent()) ?? '';
  assert.match(summary, new RegExp(note));
  assert.match(summary, /1 archivo adjunto/);
  await page.goto(desk);
  await page.locator(`[data-visit-state="${visitId}"]`, { hasText: 'Enviada' }).waitFor();
  await assertAccessible(page, 'desk after sending');

  // The coordinator sees the visit's answers, once, and its one photo.
  const coordinator = await signInAs(browser, 'audit-coordinator@coproduce.example', `/es/t/barcelona/audits/findings/new?visit=${visitId}`, { locale: 'es' });
  opened.push(coordinator);
  const review = (await coordinator.locator('main').textContent()) ?? '';
  assert.equal(review.split(note).length - 1, 1, 'the answer appears once');
  assert.match(review, /Foto de la entrada \(sin personas\): 1 archivo adjunto/);
  await assertAccessible(coordinator, 'coordinator review of the visit sent offline');
});
