// Public statements in the browser, in Catalan and Spanish at 320 px: a visitor reads the demo statement with
// its twelve signatories (a translation, with the original marked); a coordinator drafts one (after a form with
// a mistake), translates it and opens it for signature. Signing itself needs an admin of a member organisation,
// which no demo person is: the signatures are covered by statements/statement.routes.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { assertAccessibleAndFits, clickThrough, contextMessages, launchBrowser, openContext, signInAs } from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser.close());

const demoTitle = { ca: 'Ningú no ha de dormir al carrer aquest hivern', es: 'Nadie debe dormir en la calle este invierno' } as const;
const networkName = { ca: "Xarxa d'Atenció a Persones Sense Llar", es: 'Red de Atención a Personas sin Hogar' } as const;

for (const locale of ['ca', 'es'] as const) {
  test(`${locale}: the published statement lists its signatories; a coordinator drafts, translates and opens one`, async () => {
    const t = contextMessages('coproduction', locale);
    const context = await openContext(browser, { locale, width: 320, height: 800 });
    const page = await context.newPage();
    await page.goto(`/${locale}/t/barcelona/statements`);
    await assertAccessibleAndFits(page, `${locale} statements`);
    await clickThrough(page, page.getByRole('link', { name: 'Ningú no ha de dormir al carrer aquest hivern' }));
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), demoTitle[locale]);
    assert.match((await page.locator('main').textContent()) ?? '', locale === 'ca' ? /La signen 12 entitats/ : /La firman 12 entidades/);
    assert.match((await page.locator('main').textContent()) ?? '', locale === 'ca' ? /Text original, en català/ : /El original está en catalán/);
    await assertAccessibleAndFits(page, `${locale} statement`);
    await context.close();

    const coordinator = await signInAs(browser, 'network-coordinator@coproduce.example', `/${locale}/t/barcelona/statements/new`, { locale, width: 320, height: 800 });
    await coordinator.getByLabel(t('coproduction.events.network')).selectOption({ label: networkName[locale] });
    const title = locale === 'ca' ? 'Prou talls de llum i aigua' : 'Basta de cortes de luz y agua';
    await coordinator.getByLabel(t('coproduction.statement.titleLabel')).fill(title);
    await clickThrough(coordinator, coordinator.getByRole('button', { name: t('coproduction.statement.saveDraft') }));
    assert.match((await coordinator.locator('.error-summary').textContent()) ?? '', new RegExp(t('coproduction.statement.errors.bodyRequired')));
    assert.equal(await coordinator.getByLabel(t('coproduction.statement.titleLabel')).inputValue(), title);
    await assertAccessibleAndFits(coordinator, `${locale} new statement with an error`);
    await coordinator.getByLabel(t('coproduction.statement.body')).fill(locale === 'ca' ? 'Cap llar sense llum ni aigua aquest hivern.' : 'Ningún hogar sin luz ni agua este invierno.');
    await clickThrough(coordinator, coordinator.getByRole('button', { name: t('coproduction.statement.saveDraft') }));
    assert.match(coordinator.url(), /notice=drafted/);
    await assertAccessibleAndFits(coordinator, `${locale} draft`);
    const translate = coordinator.locator('form', { has: coordinator.getByRole('button', { name: t('coproduction.statement.saveTranslation') }) });
    await translate.getByLabel(t('coproduction.statement.language')).selectOption('en');
    await translate.getByLabel(t('coproduction.statement.titleLabel')).fill('Stop cutting off power and water');
    await translate.getByLabel(t('coproduction.statement.body')).fill('No home without power or water this winter.');
    await clickThrough(coordinator, translate.getByRole('button', { name: t('coproduction.statement.saveTranslation') }));
    assert.match(coordinator.url(), /notice=translated/);
    await coordinator.getByLabel(t('coproduction.statement.closesOn')).fill('2027-01-31');
    await clickThrough(coordinator, coordinator.getByRole('button', { name: t('coproduction.statement.openSigning') }));
    assert.match(coordinator.url(), /notice=opened/);
    assert.match((await coordinator.locator('.lead .tag').textContent()) ?? '', new RegExp(t('coproduction.statement.status.signing')));
    await assertAccessibleAndFits(coordinator, `${locale} statement open for signature`);
    await coordinator.context().close();
  });
}
