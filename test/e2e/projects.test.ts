// Joint projects and mutual aid in the browser, in Catalan and Spanish at 320 px, on the real server, reached by
// clicking from the territory's front page and the desk: a partner adds a milestone (after a mistake), moves its date
// (after another), removes a budget line after confirming it, and posts an update to the demo project; a person asks for help (a phone in
// the public title refused, then corrected), starts a conversation with the suggested offer and agrees
// to share contacts; the offering organisation's member finds the conversation on their desk, sees no contact
// until they agree too, and then both see the other's. Every page: no WCAG 2.2 A/AA violation, nothing wider than 320 px.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { assertAccessibleAndFits, clickThrough, contextMessages, demoPeoplePassword, launchBrowser, screenshot, signInAs } from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser.close());

const demoProject = 'Del carrer a casa: Habitatge Primer compartit';
const demoOffer = 'Traducció àrab i francès per a cites i tràmits';
const offerContact = 'voluntariat@sostreobert.example';

for (const locale of ['ca', 'es'] as const) {
  test(`${locale}: a partner adds a milestone, moves its date, removes a budget line and posts an update to the demo project`, async () => {
    assert.ok(demoPeoplePassword, 'the harness sets DEMO_PEOPLE_PASSWORD');
    const t = contextMessages('projects', locale);
    const page = await signInAs(browser, 'organisation-member@coproduce.example', `/${locale}/t/barcelona`, { locale, width: 320, height: 800 });
    await clickThrough(page, page.locator('[data-entry="projects"] a').first());
    await assertAccessibleAndFits(page, `${locale} projects`);
    await clickThrough(page, page.getByRole('link', { name: demoProject }));
    await assertAccessibleAndFits(page, `${locale} project for a partner`);
    const milestone = locale === 'ca' ? 'Primera trobada de totes les persones dels pisos' : 'Primer encuentro de todas las personas de los pisos';
    await page.getByLabel(t('projects.milestone.name'), { exact: true }).fill(milestone);
    await page.getByLabel(t('projects.milestone.dueOn'), { exact: true }).fill('2027-13-40');
    await clickThrough(page, page.getByRole('button', { name: t('projects.milestone.addButton') }));
    assert.match((await page.locator('.error-summary').textContent()) ?? '', new RegExp(t('projects.errors.date').slice(0, 20)));
    assert.equal(await page.getByLabel(t('projects.milestone.name'), { exact: true }).inputValue(), milestone);
    await assertAccessibleAndFits(page, `${locale} milestone with a mistake`);
    await page.getByLabel(t('projects.milestone.dueOn'), { exact: true }).fill('2027-01-20');
    await clickThrough(page, page.getByRole('button', { name: t('projects.milestone.addButton') }));
    assert.match((await page.locator('.notice').textContent()) ?? '', new RegExp(t('projects.notice.milestoneAdded')));
    assert.match((await page.locator('table').first().textContent()) ?? '', new RegExp(milestone));
    // The milestone moves: its own page, a date that does not exist first, then a real one.
    await clickThrough(page, page.getByRole('link', { name: `${t('projects.edit.change')} ${milestone}` }));
    await assertAccessibleAndFits(page, `${locale} milestone to change`);
    await page.getByLabel(t('projects.milestone.dueOn'), { exact: true }).fill('2027-02-30');
    await clickThrough(page, page.getByRole('button', { name: t('projects.edit.save') }));
    assert.match((await page.locator('.error-summary').textContent()) ?? '', new RegExp(t('projects.errors.date').slice(0, 20)));
    assert.equal(await page.getByLabel(t('projects.milestone.name'), { exact: true }).inputValue(), milestone);
    await assertAccessibleAndFits(page, `${locale} milestone to change with a mistake`);
    await page.getByLabel(t('projects.milestone.dueOn'), { exact: true }).fill('2027-02-25');
    await clickThrough(page, page.getByRole('button', { name: t('projects.edit.save') }));
    assert.match((await page.locator('.notice').textContent()) ?? '', new RegExp(t('projects.notice.milestoneEdited')));
    assert.equal(await page.locator('table').first().locator('tr', { hasText: milestone }).locator('time[datetime="2027-02-25"]').count(), 1);
    // A budget line goes, after a page that asks first (each language's journey removes its own line).
    const line = locale === 'ca' ? 'Primer equipament dels pisos' : 'Equip de referents (3 persones)';
    await clickThrough(page, page.getByRole('link', { name: `${t('projects.edit.remove')} ${line}` }));
    assert.match((await page.locator('main').textContent()) ?? '', new RegExp(line.replace(/[()]/g, '\\$&')));
    await assertAccessibleAndFits(page, `${locale} budget line to remove`);
    await screenshot(page, `projects-${locale}-remove-budget-line`);
    await clickThrough(page, page.getByRole('button', { name: t('projects.remove.budget.confirm') }));
    assert.match((await page.locator('.notice').textContent()) ?? '', new RegExp(t('projects.notice.budgetRemoved')));
    assert.ok(!((await page.locator('main').textContent()) ?? '').includes(line), 'the line is gone');
    const update = locale === 'ca' ? 'Hem fet la primera reunió de veïnes i veïns dels pisos.' : 'Hemos hecho la primera reunión de vecinas y vecinos de los pisos.';
    await page.getByLabel(t('projects.update.body')).fill(update);
    await clickThrough(page, page.getByRole('button', { name: t('projects.update.postButton') }));
    assert.match((await page.locator('.notice').textContent()) ?? '', new RegExp(t('projects.notice.updatePosted')));
    assert.match((await page.locator('main').textContent()) ?? '', new RegExp(update));
    await assertAccessibleAndFits(page, `${locale} project after an update`);
    await screenshot(page, `projects-${locale}-project`);
    await page.context().close();
  });

  test(`${locale}: a need is matched to an offer and both agree to share contacts`, async () => {
    const t = contextMessages('projects', locale);
    const options = { locale, width: 320, height: 800 };
    const needTitle = locale === 'ca' ? "Traducció a l'àrab per a una cita al CAP" : 'Traducción al árabe para una cita en el CAP';
    const needContact = `samira.${locale}@example.org`;

    const needer = await signInAs(browser, 'network-coordinator@coproduce.example', `/${locale}/t/barcelona`, options);
    await clickThrough(needer, needer.locator('[data-entry="volunteering"] a').first());
    await assertAccessibleAndFits(needer, `${locale} volunteering`);
    assert.ok(!((await needer.locator('main').textContent()) ?? '').includes(offerContact), 'no contact on the public page');
    await clickThrough(needer, needer.getByRole('link', { name: t('projects.aid.newNeed') }));
    await assertAccessibleAndFits(needer, `${locale} new need`);
    await needer.getByLabel(t('projects.aid.kind')).selectOption({ label: t('projects.kind.translation') });
    await needer.getByLabel(t('projects.aid.titleLabel')).fill(needTitle);
    await needer.getByLabel(locale === 'ca' ? 'àrab' : 'árabe', { exact: true }).check();
    await clickThrough(needer, needer.getByRole('button', { name: t('projects.aid.publish') }));
    // No contact given: asked for beside the field, the rest kept.
    assert.match((await needer.locator('.error-summary').textContent()) ?? '', new RegExp(t('projects.aid.errors.contact')));
    assert.equal(await needer.getByLabel(t('projects.aid.titleLabel')).inputValue(), needTitle);
    await assertAccessibleAndFits(needer, `${locale} new need with a mistake`);
    await needer.getByLabel(t('projects.aid.contact')).fill(needContact);
    // A phone number in the public title: refused beside the title, the contact kept; then the title corrected.
    await needer.getByLabel(t('projects.aid.titleLabel')).fill(`${needTitle}, 612 345 678`);
    await clickThrough(needer, needer.getByRole('button', { name: t('projects.aid.publish') }));
    assert.ok(((await needer.locator('#f-title-error').textContent()) ?? '').includes(t('projects.aid.errors.contactInTitle')), 'the error beside the title');
    assert.equal(await needer.getByLabel(t('projects.aid.contact')).inputValue(), needContact);
    assert.ok(await needer.getByLabel(locale === 'ca' ? 'àrab' : 'árabe', { exact: true }).isChecked());
    await assertAccessibleAndFits(needer, `${locale} new need with a phone in its title`);
    await needer.getByLabel(t('projects.aid.titleLabel')).fill(needTitle);
    await clickThrough(needer, needer.getByRole('button', { name: t('projects.aid.publish') }));
    assert.match((await needer.locator('.notice').textContent()) ?? '', new RegExp(t('projects.notice.posted').slice(0, 12)));
    await assertAccessibleAndFits(needer, `${locale} need with suggestions`);
    await clickThrough(needer, needer.getByRole('button', { name: t('projects.match.start', { title: demoOffer }) }));
    await assertAccessibleAndFits(needer, `${locale} conversation opened`);
    assert.ok(!((await needer.locator('main').textContent()) ?? '').includes(offerContact));
    await clickThrough(needer, needer.getByRole('button', { name: t('projects.match.agree') }));
    assert.match((await needer.locator('main').textContent()) ?? '', new RegExp(t('projects.match.waitingOther').slice(0, 15)));
    assert.ok(!((await needer.locator('main').textContent()) ?? '').includes(offerContact), 'one side agreeing reveals nothing');
    const conversation = new URL(needer.url()).pathname;

    const helper = await signInAs(browser, 'organisation-member@coproduce.example', `/${locale}/desk`, options);
    await clickThrough(helper, helper.getByRole('link', { name: t('projects.desk.match', { title: needTitle }) }));
    assert.equal(new URL(helper.url()).pathname, conversation);
    assert.ok(!((await helper.locator('main').textContent()) ?? '').includes(needContact), 'the helper sees no contact before agreeing');
    await assertAccessibleAndFits(helper, `${locale} conversation for the helper`);
    await clickThrough(helper, helper.getByRole('button', { name: t('projects.match.agree') }));
    assert.match((await helper.locator('#contacts').textContent()) ?? '', new RegExp(needContact.replace('.', '\\.')));
    await assertAccessibleAndFits(helper, `${locale} contacts shared`);
    await screenshot(helper, `projects-${locale}-contacts`);
    await helper.context().close();

    await needer.reload();
    assert.match((await needer.locator('#contacts').textContent()) ?? '', new RegExp(offerContact.replace(/\./g, '\\.')));
    await needer.context().close();
  });
}
