// Names, not codes: the portal's pages (home, every territory, every demo person's desk, notifications and
// their settings) in every core language show no uuid and no untranslated dotted key in their visible text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { like } from 'drizzle-orm';
import { actorHeader, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { coreLocales } from '../../platform/i18n/locales.ts';
import { person } from '../identity/identity.schema.ts';
import { grantsFor } from '../identity/roles.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 1_000_000 } });
});
after(async () => t.close());

/** The text a reader sees: no tags, no scripts or styles, entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[^]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'");
}

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const shortId = /\b(by|per|por|entitat|entidad|organisation)\s+[0-9a-f]{8}\b/i;
const dottedKey = /\b[a-z][a-zA-Z]+\.[a-z][a-zA-Z-]+\.[a-zA-Z][a-zA-Z.-]*\b/;

function assertNamesNotCodes(html: string, label: string) {
  // Web addresses a text cites (www.example.org) are words people read, not codes.
  const text = visibleText(html).replace(/\b(https?:\/\/|www\.)\S+/g, ' ');
  for (const pattern of [uuid, shortId, dottedKey]) {
    const found = pattern.exec(text);
    assert.equal(found, null, `${label} shows ${found?.[0]} in: …${found ? text.slice(Math.max(0, found.index - 80), found.index + 80) : ''}…`);
  }
}

test('the checks catch what they look for', () => {
  assert.throws(() => assertNamesNotCodes('<p>by 5eb71666</p>', 'x'));
  assert.throws(() => assertNamesNotCodes('<p>entitat f520dfd6-1a2b-4c3d-8e9f-0123456789ab</p>', 'x'));
  assert.throws(() => assertNamesNotCodes('<td>identity.twoFactor.enable</td>', 'x'));
  assert.doesNotThrow(() => assertNamesNotCodes('<a href="/ca/t/f520dfd6-1a2b-4c3d-8e9f-0123456789ab">Barcelona</a><script>a.b.c</script>', 'x'));
});

test('the portal pages and every demo person’s desk, in every core language, show names and labels, not codes', async () => {
  const territories = (await t.app.inject('/api/v1/territories')).json().territories as { slug: string }[];
  const people = await t.database.db.select().from(person).where(like(person.email, '%@coproduce.example'));
  for (const locale of coreLocales) {
    assertNamesNotCodes((await t.app.inject(`/${locale}/`)).body, `/${locale}/`);
    for (const { slug } of territories) assertNamesNotCodes((await t.app.inject(`/${locale}/t/${slug}`)).body, `/${locale}/t/${slug}`);
    for (const p of people) {
      const headers = actorHeader({ personId: p.id, displayName: p.displayName, locale, grants: await grantsFor(t.database.db, p.id) });
      for (const path of ['/desk', '/notifications', '/notifications/settings']) {
        const response = await t.app.inject({ url: `/${locale}${path}`, headers });
        assert.equal(response.statusCode, 200, `${p.email} ${path}`);
        assertNamesNotCodes(response.body, `${p.email}: /${locale}${path}`);
      }
    }
  }
});

/**
 * Every page of the demo a person reaches, in every core language: the public pages two links from the home
 * page, and every page one link from each demo person's desk and menu (and the pages those link to), signed
 * in as them. Collects every code shown and fails with the whole list, so one run says what is left.
 */
test('every page of the demo, signed out and signed in as each demo role, in every core language, shows names and labels, not codes', async () => {
  const people = await t.database.db.select().from(person).where(like(person.email, '%@coproduce.example'));
  const problems: string[] = [];
  const skip = (href: string) => /\.(csv|xlsx|json|zip|svg|png|geojson|atom|xml)(\?|$)|\/feed|\/sign-out|\/account\/sign|\/exit|\/download|\/export/.test(href);
  const linksOf = (html: string, locale: string) =>
    [...html.matchAll(/href="([^"#]+)/g)]
      .map((m) => m[1]!.replaceAll('&amp;', '&'))
      .filter((h) => h.startsWith(`/${locale}/`) && !skip(h))
      // The other languages of the same page are checked in their own turn.
      .filter((h, i, all) => all.indexOf(h) === i);
  const check = async (url: string, headers: Record<string, string>, who: string) => {
    const response = await t.app.inject({ url, headers });
    if (response.statusCode !== 200 || !String(response.headers['content-type']).startsWith('text/html')) return null;
    try {
      assertNamesNotCodes(response.body, `${who}: ${url}`);
    } catch (error) {
      problems.push((error as Error).message.split('\n')[0]!.slice(0, 300));
    }
    return response.body;
  };
  for (const locale of coreLocales) {
    const seen = new Set<string>();
    const crawl = async (start: string[], headers: Record<string, string>, who: string, depth: number) => {
      let frontier = start;
      for (let level = 0; level <= depth && frontier.length > 0; level++) {
        const next: string[] = [];
        for (const url of frontier) {
          // A page's look depends on who reads it: checked once per person (or once signed out).
          const key = `${who} ${url.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const body = await check(url, headers, who);
          if (body && level < depth) next.push(...linksOf(body, locale));
        }
        frontier = next;
      }
    };
    await crawl([`/${locale}/`], {}, 'signed out', 2);
    for (const p of people) {
      const headers = actorHeader({ personId: p.id, displayName: p.displayName, locale, grants: await grantsFor(t.database.db, p.id) });
      await crawl([`/${locale}/desk`], headers, p.email, 1);
    }
  }
  assert.deepEqual([...new Set(problems)], []);
});
