// Frameworks for joint action in the browser, in Catalan and Spanish at 320 px, reached by clicking from the front
// page and the desk: the Metropolitan Network's coordinator drafts a framework (after a text with a mistake) and
// opens the consultation until a day (after a day in the past); a member organisation's person comments on a paragraph and proposes an amendment; the
// coordinator accepts it from the desk and agrees the framework; an admin of two member organisations endorses it
// for both. Every page is checked with axe and for fitting 320 px.
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { assertAccessibleAndFits, clickThrough, contextMessages, launchBrowser, screenshot, signInAs } from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser.close());

const networkName = { ca: "Xarxa Metropolitana d'Inclusió Residencial", es: 'Red Metropolitana de Inclusión Residencial' } as const;
const forum = 'metropolitan-social-forum';

for (const locale of ['ca', 'es'] as const) {
  test(`${locale}: a framework is drafted, commented, amended, agreed and endorsed by two organisations`, { timeout: 300_000 }, async () => {
    const t = contextMessages('frameworks', locale);
    const size = { locale, width: 320, height: 800 };
    const title = locale === 'ca' ? `Protocol comú de desnonaments ${Date.now()}` : `Protocolo común de desahucios ${Date.now()}`;
    const first = locale === 'ca' ? 'Cap família sense alternativa el dia del llançament.' : 'Ninguna familia sin alternativa el día del lanzamiento.';

    // The coordinator, from the front page to the forum's frameworks.
    const coordinator = await signInAs(browser, 'network-coordinator@coproduce.example', `/${locale}/`, size);
    await clickThrough(coordinator, coordinator.locator(`main a[href="/${locale}/t/${forum}/frameworks"]`).first());
    await assertAccessibleAndFits(coordinator, `${locale} frameworks`);
    await clickThrough(coordinator, coordinator.getByRole('link', { name: t('frameworks.list.new') }));
    await coordinator.getByLabel(t('frameworks.draft.network')).selectOption({ label: networkName[locale] });
    await coordinator.getByLabel(t('frameworks.draft.titleLabel')).fill(title);
    await coordinator.getByLabel(t('frameworks.draft.summary')).fill(locale === 'ca' ? 'Com evitem els desnonaments sense alternativa.' : 'Cómo evitamos los desahucios sin alternativa.');
    // A text that does not start with a heading: refused beside the field, nothing lost.
    await coordinator.getByLabel(t('frameworks.draft.text'), { exact: true }).fill(first);
    await clickThrough(coordinator, coordinator.getByRole('button', { name: t('frameworks.draft.save') }));
    assert.match((await coordinator.locator('.error-summary').textContent()) ?? '', new RegExp(t('frameworks.errors.headingFirst').slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.equal(await coordinator.getByLabel(t('frameworks.draft.titleLabel')).inputValue(), title);
    await assertAccessibleAndFits(coordinator, `${locale} new framework with an error`);
    await coordinator.getByLabel(t('frameworks.draft.text'), { exact: true }).fill(`# ${locale === 'ca' ? 'Compromisos' : 'Compromisos'}\n\n${first}\n\n${locale === 'ca' ? 'Ens reunim cada trimestre.' : 'Nos reunimos cada trimestre.'}`);
    await clickThrough(coordinator, coordinator.getByRole('button', { name: t('frameworks.draft.save') }));
    assert.match(coordinator.url(), /notice=created/);
    await assertAccessibleAndFits(coordinator, `${locale} draft`);
    // A closing day in the past is refused beside the field; a later one is shown on the page.
    await coordinator.getByLabel(t('frameworks.coordinate.closesOn')).fill('2020-01-01');
    await clickThrough(coordinator, coordinator.getByRole('button', { name: t('frameworks.coordinate.consult') }));
    assert.match((await coordinator.locator('.error-summary').textContent()) ?? '', new RegExp(t('frameworks.errors.closesOnPast')));
    assert.match((await coordinator.locator('#f-closesOn-error').textContent()) ?? '', new RegExp(t('frameworks.errors.closesOnPast')));
    await assertAccessibleAndFits(coordinator, `${locale} consultation with a closing day in the past`);
    const closesOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await coordinator.getByLabel(t('frameworks.coordinate.closesOn')).fill(closesOn);
    await clickThrough(coordinator, coordinator.getByRole('button', { name: t('frameworks.coordinate.consult') }));
    assert.match(coordinator.url(), /notice=consultation/);
    assert.match((await coordinator.locator('#f-closed').textContent()) ?? '', new RegExp(t('frameworks.version.openUntil')));
    assert.equal(await coordinator.locator('#f-closed time').getAttribute('datetime'), closesOn);
    await assertAccessibleAndFits(coordinator, `${locale} in consultation`);

    // A member organisation's person comments on the first paragraph, then proposes a new text for it.
    const member = await signInAs(browser, 'organisation-member@coproduce.example', `/${locale}/`, size);
    await clickThrough(member, member.locator(`main a[href="/${locale}/t/${forum}/frameworks"]`).first());
    await clickThrough(member, member.getByRole('link', { name: title }));
    const talk = member.locator('details.framework-paragraph__talk').first();
    await talk.locator('summary').click();
    await talk.getByLabel(t('frameworks.paragraph.comment')).fill(locale === 'ca' ? 'Qui convoca la mesa d’emergència?' : '¿Quién convoca la mesa de emergencia?');
    await assertAccessibleAndFits(member, `${locale} a paragraph's comments open`);
    await clickThrough(member, talk.getByRole('button', { name: t('frameworks.paragraph.send') }));
    assert.match(member.url(), /notice=commented/);
    const again = member.locator('details.framework-paragraph__talk').first();
    await again.locator('summary').click();
    assert.match((await again.textContent()) ?? '', locale === 'ca' ? /mesa d’emergència/ : /mesa de emergencia/);
    await clickThrough(member, again.getByRole('link', { name: t('frameworks.paragraph.propose') }));
    await assertAccessibleAndFits(member, `${locale} propose a change`);
    const better = locale === 'ca' ? 'Cap família ni persona gran sense alternativa el dia del llançament.' : 'Ninguna familia ni persona mayor sin alternativa el día del lanzamiento.';
    await member.getByLabel(t('frameworks.amendments.replacement')).fill(better);
    await clickThrough(member, member.getByRole('button', { name: t('frameworks.amend.send') }));
    assert.match((await member.locator('.error-summary').textContent()) ?? '', new RegExp(t('frameworks.errors.reasonRequired').slice(0, 20)));
    assert.equal(await member.getByLabel(t('frameworks.amendments.replacement')).inputValue(), better);
    await member.getByLabel(t('frameworks.amendments.reason'), { exact: true }).fill(locale === 'ca' ? 'Les persones grans també queden fora.' : 'Las personas mayores también quedan fuera.');
    await clickThrough(member, member.getByRole('button', { name: t('frameworks.amend.send') }));
    assert.match(member.url(), /notice=proposed/);
    await member.context().close();

    // The coordinator finds the amendment on the desk, accepts it with a reason and agrees the framework.
    await coordinator.goto(`/${locale}/desk`);
    await clickThrough(coordinator, coordinator.locator('main a[href$="/amendments"]', { hasText: title }));
    await assertAccessibleAndFits(coordinator, `${locale} amendments to decide`);
    await coordinator.getByLabel(t('frameworks.amendments.accept')).check();
    await coordinator.getByLabel(t('frameworks.amendments.decisionReason')).fill(locale === 'ca' ? 'Protegeix més persones.' : 'Protege a más personas.');
    await clickThrough(coordinator, coordinator.getByRole('button', { name: t('frameworks.amendments.record') }));
    assert.match(coordinator.url(), /notice=decided/);
    await clickThrough(coordinator, coordinator.getByRole('navigation', { name: t('frameworks.nav.label') }).getByRole('link', { name: t('frameworks.nav.text') }));
    await clickThrough(coordinator, coordinator.getByRole('button', { name: t('frameworks.coordinate.agree') }));
    assert.match(coordinator.url(), /versions\/2\?notice=agreed/);
    assert.ok(((await coordinator.locator('main').textContent()) ?? '').includes(better));
    await assertAccessibleAndFits(coordinator, `${locale} agreed`);
    // The change between the versions, in words as well as marks.
    await clickThrough(coordinator, coordinator.getByRole('navigation', { name: t('frameworks.nav.label') }).getByRole('link', { name: t('frameworks.nav.versions') }));
    await clickThrough(coordinator, coordinator.getByRole('button', { name: t('frameworks.diff.compare') }));
    assert.ok((await coordinator.locator('.framework-diff ins').count()) > 0);
    assert.match((await coordinator.locator('.framework-diff ins').first().textContent()) ?? '', new RegExp(t('frameworks.diff.addedStart').replace(/[[\]]/g, '\\$&')));
    await assertAccessibleAndFits(coordinator, `${locale} diff`);
    await coordinator.context().close();

    // An admin of two member organisations endorses the agreed framework for both.
    const admin = await signInAs(browser, 'organisation-admin@coproduce.example', `/${locale}/`, size);
    await clickThrough(admin, admin.locator(`main a[href="/${locale}/t/${forum}/frameworks"]`).first());
    await clickThrough(admin, admin.getByRole('link', { name: title }));
    for (let i = 0; i < 2; i++) {
      await clickThrough(admin, admin.getByRole('button', { name: t('frameworks.endorsements.endorse') }));
      assert.match(admin.url(), /notice=endorsed/);
    }
    assert.match((await admin.locator('#endorsements').textContent()) ?? '', locale === 'ca' ? /S'hi han adherit 2 entitats/ : /Se han adherido 2 entidades/);
    await assertAccessibleAndFits(admin, `${locale} endorsed by two organisations`);
    await screenshot(admin, `framework-endorsed-320-${locale}`);
    // The PDF beside the printable version: following it downloads the agreed text as a PDF file.
    const pdfLink = admin.locator('main a[type="application/pdf"]');
    assert.match((await pdfLink.textContent()) ?? '', /PDF/);
    const [download] = await Promise.all([admin.waitForEvent('download'), pdfLink.click()]);
    assert.match(download.suggestedFilename(), new RegExp(`^protoc[a-z0-9-]+-v\\d+-${locale}\\.pdf$`));
    assert.equal(fs.readFileSync((await download.path())!).subarray(0, 5).toString(), '%PDF-');
    await clickThrough(admin, admin.getByRole('link', { name: t('frameworks.print.link') }));
    assert.equal(await admin.getByRole('heading', { level: 1 }).textContent(), title);
    await assertAccessibleAndFits(admin, `${locale} printable`);
    await admin.context().close();
  });
}
