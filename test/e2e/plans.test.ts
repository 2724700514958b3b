// Browser journey of the improvement loop on the real server with the demo data, in Catalan and Arabic with
// axe on every page: the demo audit coordinator turns two findings of the published diagnosis into
// recommendations to the social services centres; the demo service manager (in Arabic) accepts one and
// declines the other with a reason; the accepted one is a measure of the Local Action Plan, its finding
// "not yet solved"; the demo auditor sends a follow-up visit that still shows the barrier (the finding stays
// "not yet solved"), then a second one that shows it gone, which another coordinator validates ("verified");
// the revision goes to the board and both demo board members approve it; the public page shows the measure's
// progress and the zero-discrimination tracker, in Catalan and in Arabic.
//
// The demo auditor's two follow-up visits (October and November 2026, one social services centre) are seeded
// begun by the plans demo (src/contexts/plans/plans.seed.ts, seedFollowUpCampaign); he finishes and sends them here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertAccessible, demoPeoplePassword, launchBrowser, openContext, signInAs } from './support.ts';

let browser: Browser;
const contexts: BrowserContext[] = [];
before(async () => {
  assert.ok(demoPeoplePassword, 'the harness sets DEMO_PEOPLE_PASSWORD');
  browser = await launchBrowser();
});
after(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

async function signIn(email: string, next: string, locale: string): Promise<Page> {
  const page = await signInAs(browser, email, next, { locale });
  contexts.push(page.context());
  return page;
}

const tag = randomBytes(3).toString('hex');
const accepted = `Oferir interpretació als centres de serveis socials (${tag})`;
const declined = `Deixar de demanar documents no oficials (${tag})`;
const interpreting = 'No s’ofereix cap altra llengua ni intèrpret';
let coordinator: Page;
let auditor: Page;
let centre: string;
const followUpItem = (month: RegExp) => auditor.locator('.visit-list__item', { hasText: 'Començada' }).filter({ hasText: month }).filter({ hasText: '2026' });

test('the demo auditor has two follow-up visits begun at a social services centre, in October and November 2026', async () => {
  auditor = await signIn('auditor@coproduce.example', '/ca/t/barcelona/audits/visits', 'ca');
  await assertAccessible(auditor, 'visits (auditor)');
  assert.equal(await followUpItem(/octubre/).count(), 1);
  assert.equal(await followUpItem(/novembre/).count(), 1);
  centre = (await followUpItem(/octubre/).locator('a').textContent())!.trim();
  assert.ok(centre);
});

test('the coordinator turns two findings of the published diagnosis into recommendations to the social services centres', async () => {
  coordinator = await signIn('audit-coordinator@coproduce.example', '/ca/t/barcelona/recommendations', 'ca');
  await assertAccessible(coordinator, 'recommendations (coordinator)');
  assert.ok(await coordinator.getByText(/De la diagnosi publicada número \d+/).isVisible());
  const findings = [`${interpreting} — Centres de Serveis Socials, ${centre}`, 'Es demanen documents que no surten a la informació oficial — Centres de Serveis Socials'];
  for (const [i, body] of [accepted, declined].entries()) {
    const target = coordinator.getByLabel('Pla i objectiu');
    const option = await target.locator('option', { hasText: 'Pla d’acció local contra la discriminació' }).first().getAttribute('value');
    await target.selectOption(option!);
    await coordinator.locator('fieldset:has(legend:text-is("Troballes")) label', { hasText: findings[i] }).first().click();
    await coordinator.getByRole('textbox', { name: 'Recomanació' }).fill(body);
    await coordinator.getByRole('button', { name: 'Envia la recomanació' }).click();
    await coordinator.waitForURL(/\/ca\/t\/barcelona\/recommendations\?notice=/);
    assert.ok(await coordinator.getByText('S’ha enviat la recomanació al servei.').isVisible());
  }
});

test('the service manager, in Arabic, accepts one with a date and an owner and declines the other with a reason', async () => {
  const manager = await signIn('service-manager@coproduce.example', '/ar/t/barcelona/recommendations', 'ar');
  assert.equal(await manager.getAttribute('html', 'dir'), 'rtl');
  await assertAccessible(manager, 'recommendations (manager, Arabic)');
  const first = manager.locator('section', { hasText: accepted });
  // Accepting without a date: the error beside the field, the owner typed kept.
  await first.getByLabel('قبول').check();
  await first.getByLabel('من سيقوم بذلك').fill('مديرة المركز');
  await first.getByRole('button', { name: 'أرسل الإجابة' }).click();
  await manager.waitForLoadState('load');
  assert.ok(await manager.getByText('حدّد التاريخ المتوقع').first().isVisible());
  const again = manager.locator('section', { hasText: accepted });
  assert.equal(await again.getByLabel('من سيقوم بذلك').inputValue(), 'مديرة المركز');
  await assertAccessible(manager, 'answer with an error (Arabic)');
  await again.getByLabel('قبول').check();
  await again.getByLabel('التاريخ المتوقع').fill('2026-09-30');
  await again.getByRole('button', { name: 'أرسل الإجابة' }).click();
  await manager.waitForURL(/notice=plans\.recommendations\.accepted/);
  const second = manager.locator('section', { hasText: declined });
  await second.getByLabel('رفض').check();
  await second.getByLabel('السبب').fill('هذه الوثائق يطلبها القانون؛ سنوضح ذلك في المعلومات.');
  await second.getByRole('button', { name: 'أرسل الإجابة' }).click();
  await manager.waitForURL(/notice=plans\.recommendations\.declined/);
  assert.ok(await manager.locator('section', { hasText: declined }).getByText('مرفوضة').isVisible());
});

let planPath: string;

test('the accepted recommendation is a measure of the Local Action Plan, linked to its finding, not yet solved', async () => {
  await coordinator.goto('/ca/t/barcelona/plans/staff');
  await assertAccessible(coordinator, 'staff plans');
  await coordinator.getByRole('link', { name: /Pla d’acció local contra la discriminació/ }).click();
  planPath = new URL(coordinator.url()).pathname.replace(/\/edit$/, '');
  await coordinator.getByRole('link', { name: new RegExp(accepted.replace(/[()]/g, '\\$&')) }).click();
  await assertAccessible(coordinator, 'measure');
  assert.equal(await coordinator.getByLabel('Termini').inputValue(), '2026-09-30');
  assert.ok(await coordinator.locator('table').getByText('Encara no resolta').first().isVisible());
  measurePath = new URL(coordinator.url()).pathname;
});

let measurePath: string;

/** The auditor finishes a begun follow-up visit (optionally changing an answer of its second part) and sends it. */
async function sendFollowUp(month: RegExp, change?: () => Promise<void>) {
  await auditor.goto('/ca/t/barcelona/audits/visits');
  await Promise.all([auditor.waitForURL('**/sections/1'), followUpItem(month).locator('a').click()]);
  const visitBase = new URL(auditor.url()).pathname.replace(/\/sections\/1$/, '');
  if (change) {
    await auditor.goto(`${visitBase}/sections/2`);
    await change();
    await Promise.all([auditor.waitForURL('**/sections/3'), auditor.click('form.fieldwork button[type=submit]')]);
  }
  await auditor.goto(`${visitBase}/check`);
  await assertAccessible(auditor, 'follow-up visit check');
  // With JavaScript the visit is sent in the background (kept on the phone if the connection drops); the page
  // that comes back has no submit form any more.
  await auditor.click('form[action$="/submit"] button');
  await auditor.locator('form[action$="/submit"]').waitFor({ state: 'detached' });
}

async function recordFollowUp(day: string) {
  await coordinator.goto(measurePath);
  await coordinator.getByLabel('Troballa', { exact: true }).selectOption({ index: 1 });
  const visit = coordinator.getByLabel('Visita de seguiment');
  const value = await visit.locator('option', { hasText: day }).getAttribute('value');
  await visit.selectOption(value!);
  await coordinator.getByRole('button', { name: 'Registra el seguiment' }).click();
}

test('a follow-up visit that still shows the barrier leaves the finding not yet solved', async () => {
  await sendFollowUp(/octubre/);
  await recordFollowUp('2026-10-14');
  await coordinator.waitForURL(/notice=plans\.verification\.notYetSolved/);
  await assertAccessible(coordinator, 'measure after a failing follow-up');
  assert.ok(await coordinator.getByText('El seguiment encara mostra la barrera: encara no resolta.').isVisible());
  assert.ok(await coordinator.locator('table').getByText('Encara no resolta').first().isVisible());
  assert.equal(await coordinator.locator('table').getByText('Verificada com a resolta').count(), 0);
});

test('a second one that shows the barrier gone waits for another coordinator, who validates it: verified', async () => {
  await sendFollowUp(/novembre/, async () => {
    await auditor.locator('[name="language_offered"][value="yes"]').check();
  });
  await recordFollowUp('2026-11-18');
  await coordinator.waitForURL(/notice=plans\.verification\.recorded/);
  assert.ok(await coordinator.locator('table').getByText('Pendent de validació').first().isVisible());
  // Who recorded it cannot validate it.
  await coordinator.getByRole('button', { name: 'Valida: verificada com a resolta' }).click();
  await coordinator.waitForLoadState('load');
  assert.equal((await coordinator.locator('#f-verification').textContent())?.trim(), 'Vas registrar tu aquest seguiment: l’ha de validar una altra persona coordinadora');
  await assertAccessible(coordinator, 'measure, validation refused');
  const second = await signIn('audit-coordinator-2@coproduce.example', measurePath, 'ca');
  await second.getByRole('button', { name: 'Valida: verificada com a resolta' }).click();
  await second.waitForURL(/notice=plans\.verification\.verified/);
  await assertAccessible(second, 'measure, verified');
  assert.ok(await second.locator('table').getByText('Verificada com a resolta').first().isVisible());
  // The revision goes to the board.
  await coordinator.goto(`${planPath}/edit`);
  await coordinator.getByRole('button', { name: 'Envia la revisió a aprovació' }).click();
  await coordinator.waitForURL(/notice=plans\.approval\.submitted/);
  await assertAccessible(coordinator, 'plan in review');
});

test('both demo board members approve it, and the new version is public with its change list', async () => {
  for (const [email, published] of [
    ['board-member@coproduce.example', false],
    ['board-member-2@coproduce.example', true],
  ] as const) {
    const page = await signIn(email, `${planPath}/edit`, 'ca');
    await assertAccessible(page, `plan review for ${email}`);
    await page.getByLabel('El teu vot').selectOption('approve');
    await page.getByRole('button', { name: 'Envia el meu vot' }).click();
    await page.waitForURL(published ? /notice=plans\.approval\.published/ : /notice=plans\.approval\.voted/);
  }
});

test('the public page shows the measure, its progress and the tracker, in Catalan and in Arabic, without signing in', async () => {
  for (const locale of ['ca', 'ar']) {
    const context = await openContext(browser, { locale });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(planPath.replace('/ca/', `/${locale}/`));
    await assertAccessible(page, `public plan (${locale})`);
    const row = page.locator('tr', { hasText: accepted });
    assert.equal(await row.count(), 1);
    assert.ok(await row.locator('meter').count());
    assert.ok(await page.locator('#tracker-heading').isVisible());
    assert.ok(await page.locator('#tracker-chart svg').count());
    if (locale === 'ca') {
      // Its one finding, verified: the count is small, so the public page hides it ("< 5").
      const followUp = (await row.textContent()) ?? '';
      assert.match(followUp, /Seguiment: < 5 troballes verificades com a resoltes/);
      assert.doesNotMatch(followUp, /\b[1-4] troballes/);
    }
  }
  const ca = await contexts[contexts.length - 2]!.pages()[0]!;
  assert.ok(await ca.getByText(new RegExp(`Mesura nova R\\d+: ${accepted.replace(/[()]/g, '\\$&')}`)).isVisible());
});

/** The PDF's document title (its Info dictionary, which Chromium writes from the page's <title>, as UTF-16BE). */
function pdfTitle(pdf: Buffer): string {
  const match = pdf.toString('latin1').match(/\/Title\s*(?:<([0-9A-Fa-f]+)>|\(([^)]*)\))/);
  if (!match) return '';
  if (match[2] !== undefined) return match[2];
  const bytes = Buffer.from(match[1]!, 'hex');
  const body = bytes.subarray(0, 2).equals(Buffer.from([0xfe, 0xff])) ? bytes.subarray(2) : bytes;
  return body.swap16().toString('utf16le');
}

test('Fuenlabrada’s yearly report approved by the board is a page and a PDF, in Catalan and in Arabic, without signing in', async () => {
  const title = 'Plan de Acción Local contra la Discriminación de Fuenlabrada';
  for (const [locale, report, pdfLink] of [
    ['ca', 'Informe de seguiment 2025', 'Descarrega l’informe en PDF'],
    ['ar', 'تقرير المتابعة لعام 2025', 'نزّل التقرير بصيغة PDF'],
  ] as const) {
    const context = await openContext(browser, { locale });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`/${locale}/t/fuenlabrada/plans`);
    await page.getByRole('link', { name: title }).first().click();
    await page.getByRole('link', { name: report }).click();
    await page.waitForURL(/\/reports\/2025$/);
    await assertAccessible(page, `yearly report (${locale})`);
    // The page the PDF is rendered from: the plan's title and the board's recorded vote.
    assert.ok(await page.getByRole('heading', { level: 1 }).filter({ hasText: title }).count(), 'the report page is headed by the plan’s title');
    const html = await page.content();
    for (const name of ['Lucía Moreno', 'Hassan El Idrissi']) assert.ok(html.includes(name), `the report names ${name}, who approved it`);
    const link = page.getByRole('link', { name: pdfLink });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), new RegExp(`^fuenlabrada-.+-report-2025-${locale}\\.pdf$`));
    const file = await download.path();
    const pdf = Buffer.from(await (await import('node:fs/promises')).readFile(file));
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.length > 10_000, `a real document (${pdf.length} bytes)`);
    assert.ok(pdfTitle(pdf).includes(title), `the PDF's title is the page's: ${pdfTitle(pdf)}`);
    // The same address, fetched by the browser with its cookies: served as a PDF to keep, not as a page.
    const response = await page.request.get((await link.getAttribute('href'))!);
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['content-type'], 'application/pdf');
    assert.match(response.headers()['content-disposition'] ?? '', /^attachment; filename=/);
    assert.ok((await response.body()).equals(pdf), 'the stored PDF, the same bytes each time');
  }
});
