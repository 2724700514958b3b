// The portal's pages: the home page (every territory and what it offers), a territory's front page, and the desk.
import { Layout } from '../../platform/views/layout.tsx';
import { href, useView } from '../../platform/views/context.ts';
import { newsNameMark, type DeskTask, type DeskTool, type PortalEntry, type PortalNews } from '../../platform/portal.ts';
import type { TerritorySummary } from '../territories/territory.service.ts';
import { InLang, PersonName, Sentence } from '../../platform/views/lang.tsx';
import { territoryName, type Territory } from '../territories/territory.service.ts';
import { DistrictsSection } from './districts.views.tsx';
import type { DemoPerson, Desk, TerritoryPortal } from './portal.service.ts';

export function HomePage({ territories }: { territories: (TerritorySummary & { entries: PortalEntry[] })[] }) {
  const { t, locale, number } = useView();
  return (
    <Layout title={t('territories.home.title')}>
      <h1>{t('territories.home.heading')}</h1>
      <p class="lead">{t('territories.home.lead')}</p>
      <ul class="loop" aria-label={t('territories.home.loopLabel')}>
        {(['audit', 'report', 'diagnose', 'plan', 'verify'] as const).map((step) => (
          <li key={step}>
            <strong>{t(`territories.home.loop.${step}.title`)}</strong> {t(`territories.home.loop.${step}.body`)}
          </li>
        ))}
      </ul>
      <h2>{t('territories.home.territories')}</h2>
      <ul class="card-list">
        {territories.map((te) => (
          <li class="card portal-card" key={te.slug}>
            <h3 class="card__title" id={`territory-${te.slug}`}>
              <a href={href(locale, `/t/${te.slug}`)}>
                <Name territory={te} />
              </a>
            </h3>
            <p class="card__meta">
              {t(`territories.kind.${te.kind}`)}
              {te.districts > 0 && ` · ${t('territories.home.districts', { count: te.districts })}`}
              {te.population !== null && ` · ${t('territories.home.population', { population: number(te.population) })}`}
            </p>
            {te.entries.length > 0 ? (
              <ul class="portal-card__offers" aria-labelledby={`territory-${te.slug}`}>
                {te.entries.map((entry) => (
                  <li key={entry.key}>
                    <a href={entry.href}>{entry.title}</a>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t(te.kind === 'forum' ? 'portal.home.forumMembers' : 'portal.home.nothingYet')}</p>
            )}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** A territory's name in the page's language, or its own name marked with its language. */
function Name({ territory }: { territory: Pick<Territory, 'name' | 'names'> & { settings: { languages?: readonly string[] } } }) {
  const { locale } = useView();
  const name = territoryName(territory, locale);
  return <InLang lang={name.lang}>{name.text}</InLang>;
}

function Entries({ entries, headingLevel = 2 }: { entries: PortalEntry[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h3' : 'h4';
  return (
    <ul class="card-list portal-entries">
      {entries.map((entry) => (
        <li class={entry.prominent ? 'card portal-entry portal-entry--prominent' : 'card portal-entry'} key={entry.key} data-entry={entry.key}>
          <Heading class="card__title">
            <a href={entry.href}>{entry.title}</a>
          </Heading>
          <p>{entry.description}</p>
        </li>
      ))}
    </ul>
  );
}

function News({ news, feed }: { news: (PortalNews & { territory: string })[]; feed: string }) {
  const { t, date, locale } = useView();
  return (
    <section aria-labelledby="news">
      <h2 id="news">{t('portal.territory.news')}</h2>
      {news.length === 0 ? (
        <p>{t('portal.territory.noNews')}</p>
      ) : (
        <ul class="plain-list portal-news">
          {news.map((item) => (
            <li key={item.id}>
              <span class="muted">
                {date(item.at)} · <NewsKind item={item} />
              </span>{' '}
              <a href={item.href} dir="auto" lang={item.titleLang && item.titleLang !== locale ? item.titleLang : undefined}>
                {item.title}
              </a>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={feed} type="application/atom+xml">
          {t('portal.territory.feed')}
        </a>
      </p>
    </section>
  );
}

export function TerritoryPortalPage({ portal, districts }: { portal: TerritoryPortal; districts: Parameters<typeof DistrictsSection>[0]['districts'] }) {
  const { t, locale } = useView();
  const { territory, entries, news, related, members } = portal;
  const name = territoryName(territory, locale);
  // The lead names the territory only where its name is in the page's language; otherwise the heading says it.
  const lead = name.lang === locale ? t(`portal.territory.lead.${territory.kind}`, { territory: name.text }) : t(`portal.territory.leadUnnamed.${territory.kind}`);
  return (
    <Layout title={name.text} description={lead} feeds={[{ href: `/${locale}/t/${territory.slug}/news.atom`, title: t('portal.territory.feed') }]}>
      <h1>
        <Name territory={territory} />
      </h1>
      <p class="lead">
        {t(`territories.kind.${territory.kind}`)}. {lead}
      </p>
      {entries.length > 0 && (
        <section aria-labelledby="ways-in">
          <h2 id="ways-in">{t('portal.territory.waysIn')}</h2>
          <Entries entries={entries} />
        </section>
      )}
      {members.length > 0 && (
        <section aria-labelledby="members">
          <h2 id="members">{t('portal.territory.membersShare')}</h2>
          {members.map((m) => (
            <section key={m.territory.slug} aria-labelledby={`member-${m.territory.slug}`}>
              <h3 id={`member-${m.territory.slug}`}>
                <a href={href(locale, `/t/${m.territory.slug}`)}>
                  <Name territory={m.territory} />
                </a>
              </h3>
              {m.entries.length > 0 ? (
                <ul class="link-list">
                  {m.entries.map((entry) => (
                    <li key={entry.key}>
                      <a href={entry.href}>{entry.title}</a>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t('portal.home.nothingYet')}</p>
              )}
            </section>
          ))}
        </section>
      )}
      <News news={news} feed={`/${locale}/t/${territory.slug}/news.atom`} />
      {related.length > 0 && territory.kind !== 'forum' && (
        <section aria-labelledby="related">
          <h2 id="related">{t('territories.page.forums')}</h2>
          <ul>
            {related.map((r) => (
              <li key={r.slug}>
                <a href={href(locale, `/t/${r.slug}`)}>
                  <Name territory={r} />
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <DistrictsSection territory={territory} districts={districts} />
    </Layout>
  );
}

function byTerritory<T extends { territory?: string }>(items: T[]): [string | null, T[]][] {
  const groups = new Map<string | null, T[]>();
  for (const item of items) groups.set(item.territory ?? null, [...(groups.get(item.territory ?? null) ?? []), item]);
  return [...groups];
}

function TaskList({ tasks }: { tasks: DeskTask[] }) {
  const { t, number } = useView();
  return (
    <ul class="plain-list desk-tasks">
      {tasks.map((task) => (
        <li key={`${task.territory}-${task.key}`} class={task.count === 0 ? 'desk-task desk-task--done' : 'desk-task'} data-task={task.key}>
          <a href={task.href}>
            <NamedLabel entry={task} />
          </a>{' '}
          <span class="tag">{task.count === null ? t('portal.desk.countAfterCheck') : t('portal.desk.count', { count: task.count, shown: number(task.count) })}</span>
        </li>
      ))}
    </ul>
  );
}

function ToolList({ tools }: { tools: DeskTool[] }) {
  return (
    <ul class="link-list desk-tools">
      {tools.map((tool) => (
        <li key={tool.key}>
          <a href={tool.href}>
            <NamedLabel entry={tool} />
          </a>
        </li>
      ))}
    </ul>
  );
}

export function DeskPage({ desk, name }: { desk: Desk; name: string }) {
  const { t, locale } = useView();
  const waiting = desk.tasks.filter((task) => task.count !== 0);
  const done = desk.tasks.filter((task) => task.count === 0);
  return (
    <Layout title={t('portal.desk.title')}>
      <h1>{t('portal.desk.title')}</h1>
      <p class="lead">
        <Sentence say={(v) => t('portal.desk.lead', v)} data={{ name: <PersonName>{name}</PersonName> }} />
      </p>
      <section aria-labelledby="waiting">
        <h2 id="waiting">{t('portal.desk.waiting')}</h2>
        {waiting.length === 0 ? <p>{t('portal.desk.nothingWaiting')}</p> : byTerritory(waiting).map(([territory, tasks]) => (
          <div key={territory ?? '-'}>
            {territory && <h3>{territory}</h3>}
            <TaskList tasks={tasks} />
          </div>
        ))}
        {done.length > 0 && (
          <details>
            <summary>{t('portal.desk.upToDate', { count: done.length })}</summary>
            <TaskList tasks={done} />
          </details>
        )}
      </section>
      <nav aria-labelledby="tools">
        <h2 id="tools">{t('portal.desk.tools')}</h2>
        {byTerritory(desk.tools).map(([territory, tools]) => (
          <div key={territory ?? '-'}>
            {territory && <h3>{territory}</h3>}
            <ToolList tools={tools} />
          </div>
        ))}
      </nav>
      {desk.territories.length > 0 && (
        <section aria-labelledby="territories">
          <h2 id="territories">{t('portal.desk.territories')}</h2>
          <ul class="link-list">
            {desk.territories.map((territory) => (
              <li key={territory.slug}>
                <a href={href(locale, `/t/${territory.slug}`)}>
                  <InLang lang={territory.nameLang}>{territory.name}</InLang>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}

/** The demo people, for administrators of a demo installation: whom to sign in as to try each role. */
export function DemoPeoplePage({ people }: { people: DemoPerson[] }) {
  const { t } = useView();
  return (
    <Layout title={t('portal.demoPeople.title')}>
      <h1>{t('portal.demoPeople.title')}</h1>
      <p>{t('portal.demoPeople.lead')}</p>
      <p>{t('portal.demoPeople.passwords')}</p>
      <div class="table-scroll">
        <table class="table">
          <caption>{t('portal.demoPeople.caption', { count: people.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('portal.demoPeople.email')}</th>
              <th scope="col">{t('portal.demoPeople.name')}</th>
              <th scope="col">{t('portal.demoPeople.roles')}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.email}>
                <th scope="row">
                  <code>{p.email}</code>
                </th>
                <td>{p.name}</td>
                <td>
                  {p.roles.length === 0
                    ? t('portal.demoPeople.noRole')
                    : p.roles.map((r) => `${t(`identity.role.${r.role}`)} (${r.where ?? t(`identity.scope.${r.kind}`)})`).join(', ')}
                  {p.administrator && ` · ${t('portal.demoPeople.administrator')}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('portal.demoPeople.resetTitle')}</h2>
      <p>{t('portal.demoPeople.reset')}</p>
      <pre>
        <code>npm run demo:reset</code>
      </pre>
    </Layout>
  );
}

/** A desk task's or tool's label, with the name it holds (an organisation's) marked with that name's language. */
function NamedLabel({ entry }: { entry: Pick<DeskTask, 'label' | 'labelName'> }) {
  return <NewsKind item={{ kind: entry.label, ...(entry.labelName ? { kindName: entry.labelName } : {}) }} />;
}

/** A news item's kind, with the name it holds (a network's) marked with that name's language. */
function NewsKind({ item }: { item: Pick<PortalNews, 'kind' | 'kindName'> }) {
  if (!item.kindName) return <>{item.kind}</>;
  const [before, ...after] = item.kind.split(newsNameMark);
  return (
    <>
      {before}
      <InLang lang={item.kindName.lang}>{item.kindName.text}</InLang>
      {after.join(item.kindName.text)}
    </>
  );
}
