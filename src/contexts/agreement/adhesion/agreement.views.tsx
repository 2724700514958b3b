// The Agreement of a territory: what it is, its commitments, its members and networks; signing, reviewing, publishing.
import { Layout } from '../../../platform/views/layout.tsx';
import { InText, Sentence, TerritoryText } from '../../../platform/views/lang.tsx';
import { href, useView } from '../../../platform/views/context.ts';
import { Button, Choices, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { CountLinks, Pager, SortHeader, listParams, type ListParams, type ListQuery } from '../../../platform/views/list.tsx';
import { adhesionStatuses, type AdhesionStatus } from '../agreement.schema.ts';
import type { Territory } from '../../territories/territory.service.ts';
import { adhesionListDefaults, type Adhesion, type AdhesionList, type AdhesionSort, type AgreementSpace, type CommitmentsVersion, type MemberRow } from './adhesion.service.ts';
import type { NetworkSummary } from '../networks/network.service.ts';
import type { Organisation } from '../organisations/organisation.service.ts';
import { AgreementNav, Notice, Tag, Tr, TrLines, When } from '../components.tsx';
import { pick, pickedLocale } from '../../../platform/i18n/translations.ts';
import { languageName } from '../agreement.settings.ts';
import { diffLines, inLanguageOrder, textVersionOf, updatedLanguages } from './commitments.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';

/** "Catalan, Spanish and Arabic", in the page's language. */
function languageList(languages: string[], locale: string): string {
  return new Intl.ListFormat([locale], { type: 'conjunction' }).format(inLanguageOrder(languages).map((l) => languageName(l, locale as Locale)));
}

/**
 * The commitments in the reader's language, and, when that language was not translated in the current version,
 * which version the text belongs to and which languages the current version changed.
 */
export function CommitmentsText({ commitments }: { commitments: CommitmentsVersion }) {
  const { t, locale } = useView();
  const shown = pickedLocale(commitments.text, locale);
  const textVersion = textVersionOf(commitments, shown);
  const newer = Object.keys(commitments.text).filter((l) => textVersionOf(commitments, l) > textVersion);
  return (
    <>
      {textVersion < commitments.version && (
        <p class="language-notice" data-text-version={textVersion}>
          {t('agreement.commitments.textOf', { textVersion, version: commitments.version, language: languageName(shown, locale as Locale), languages: languageList(newer, locale) })}
        </p>
      )}
      <TrLines text={commitments.text} />
    </>
  );
}

export interface AgreementPageProps {
  territory: Territory;
  space: AgreementSpace;
  commitments: CommitmentsVersion | null;
  members: MemberRow[];
  networks: NetworkSummary[];
  notice?: string;
  /** Links shown to the people allowed to use them. */
  tools: { register: boolean; review: boolean; publish: boolean; createNetwork: boolean; export: boolean };
}

export function AgreementPage({ territory, space, commitments, members, networks, notice, tools }: AgreementPageProps) {
  const { t, locale } = useView();
  const title = pick(space.title, locale);
  return (
    <Layout title={title} description={pick(space.description, locale)}>
      <AgreementNav slug={territory.slug} current="agreement" />
      <Notice notice={notice} allowed={['signed', 'renewed', 'left', 'published', 'publishedUntranslated']} />
      <h1>
        <Tr text={space.title} />
      </h1>
      <Tr as="p" text={space.description} />
      {(tools.review || tools.publish || tools.createNetwork || tools.export) && (
        <nav class="panel" aria-labelledby="tools">
          <h2 id="tools">{t('agreement.tools.title')}</h2>
          <ul>
            {tools.review && (
              <li>
                <a href={href(locale, `/t/${territory.slug}/agreement/review`)}>{t('agreement.tools.review')}</a>
              </li>
            )}
            {tools.publish && (
              <li>
                <a href={href(locale, `/t/${territory.slug}/agreement/commitments`)}>{t('agreement.tools.publish')}</a>
              </li>
            )}
            {tools.createNetwork && (
              <li>
                <a href={href(locale, `/t/${territory.slug}/networks/new`)}>{t('agreement.tools.createNetwork')}</a>
              </li>
            )}
            {tools.export && (
              <li>
                <a href={href(locale, `/t/${territory.slug}/organisations.csv`)}>{t('agreement.tools.export')}</a>
              </li>
            )}
          </ul>
        </nav>
      )}
      <h2>{t('agreement.page.goals')}</h2>
      <TrLines text={space.goals} />
      <h2>{t('agreement.page.promotingGroup')}</h2>
      <Tr as="p" text={space.promotingGroup} />
      {commitments && (
        <section aria-labelledby="commitments">
          <h2 id="commitments">{t('agreement.page.commitments', { version: commitments.version })}</h2>
          <p>{t('agreement.page.commitmentsLead')}</p>
          <CommitmentsText commitments={commitments} />
          {commitments.version > 1 && (
            <p>
              <a href={href(locale, `/t/${territory.slug}/agreement/versions`)}>{t('agreement.versions.link', { count: commitments.version - 1 })}</a>
            </p>
          )}
          <p>
            <a class="button" href={href(locale, `/t/${territory.slug}/agreement/sign`)}>
              {t('agreement.page.signLink')}
            </a>
          </p>
          {tools.register && (
            <p>
              <a href={href(locale, `/t/${territory.slug}/organisations/new`)}>{t('agreement.tools.register')}</a>
            </p>
          )}
        </section>
      )}
      <section aria-labelledby="networks">
        <h2 id="networks">{t('agreement.page.networks', { count: networks.length })}</h2>
        <ul class="card-list">
          {networks.map((n) => (
            <li class="card" key={n.slug}>
              <h3 class="card__title">
                <a href={href(locale, `/t/${territory.slug}/networks/${n.slug}`)}>
                  <Tr text={n.name} />
                </a>
              </h3>
              <p class="card__meta">{t('agreement.page.networkMembers', { count: n.members })}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="members">
        <h2 id="members">{t('agreement.page.members', { count: members.length })}</h2>
        <div class="table-scroll">
          <table class="table">
            <caption>
              <Sentence say={(v) => t('agreement.page.membersCaption', v)} data={{ agreement: <InText text={space.title} /> }} />
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('agreement.page.organisation')}</th>
                <th scope="col">{t('agreement.page.type')}</th>
                <th scope="col">{t('agreement.page.memberSince')}</th>
                <th scope="col">{t('agreement.page.commitmentsColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.organisationId}>
                  <th scope="row">
                    <a href={href(locale, `/organisations/${m.organisationId}`)}>
                      <TerritoryText>{m.name}</TerritoryText>
                    </a>
                    {m.verified && (
                      <>
                        {' '}
                        <Tag tone="good">{t('agreement.organisation.verified')}</Tag>
                      </>
                    )}
                  </th>
                  <td>{t(`agreement.type.${m.type}`)}</td>
                  <td>
                    <When date={m.memberSince} />
                  </td>
                  <td>
                    {commitments && m.signedVersion < commitments.version ? (
                      <Tag tone="warn">{t('agreement.page.renewalRequested')}</Tag>
                    ) : (
                      t('agreement.page.versionSigned', { version: m.signedVersion })
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Layout>
  );
}

export interface SignPageProps {
  territory: Territory;
  space: AgreementSpace;
  commitments: CommitmentsVersion;
  organisations: (Organisation & { adhesion: Adhesion | null })[];
  values: { organisationId?: string };
  errors: FieldErrors;
}

export function SignPage({ territory, space, commitments, organisations, values, errors }: SignPageProps) {
  const { t, locale } = useView();
  const title = t('agreement.sign.title', { agreement: pick(space.title, locale) });
  const canSign = organisations.filter((o) => !o.adhesion || o.adhesion.status === 'declined' || o.adhesion.status === 'left' || (o.adhesion.status === 'member' && o.adhesion.signedVersion < commitments.version));
  const members = organisations.filter((o) => o.adhesion?.status === 'member' || o.adhesion?.status === 'pending');
  return (
    <Layout title={title}>
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      <h2>{t('agreement.sign.commitments', { version: commitments.version })}</h2>
      <CommitmentsText commitments={commitments} />
      {organisations.length === 0 ? (
        <p>{t('agreement.sign.noOrganisation')}</p>
      ) : canSign.length === 0 ? (
        <p>{t('agreement.sign.nothingToSign')}</p>
      ) : (
        <Form action={href(locale, `/t/${territory.slug}/agreement/sign`)}>
          <input type="hidden" name="version" value={String(commitments.version)} />
          <Choices
            type="radio"
            name="organisationId"
            label={t('agreement.sign.organisation')}
            options={canSign.map((o) => ({
              value: o.id,
              label: o.name,
              ...(o.adhesion?.status === 'member' ? { hint: t('agreement.sign.renewHint') } : {}),
            }))}
            value={values.organisationId ?? (canSign.length === 1 ? canSign[0]!.id : null)}
            error={errors.organisationId}
          />
          <Choices type="checkbox" name="accepted" label={t('agreement.sign.acceptLegend')} options={[{ value: 'yes', label: t('agreement.sign.accept') }]} error={errors.accepted} />
          <Button>{t('agreement.sign.submit')}</Button>
        </Form>
      )}
      {members.length > 0 && (
        <section aria-labelledby="leave">
          <h2 id="leave">{t('agreement.leave.title')}</h2>
          {members.map((o) => (
            <Form key={o.id} action={href(locale, `/t/${territory.slug}/agreement/leave`)}>
              <input type="hidden" name="organisationId" value={o.id} />
              <p>
                {o.name}: {t(`agreement.adhesion.status.${o.adhesion!.status}`)}
              </p>
              <TextArea name={`reason-${o.id}`} label={t('agreement.leave.reason', { organisation: o.name })} rows={2} />
              <Button variant="warning">{t('agreement.leave.submit', { organisation: o.name })}</Button>
            </Form>
          ))}
        </section>
      )}
    </Layout>
  );
}

export interface AdhesionListProps {
  all: AdhesionList;
  filter: { status?: AdhesionStatus | undefined };
  list: ListQuery<AdhesionSort>;
}

/** Every adhesion to the Agreement, for the promoting group: search, status filter with counts, sorting, pages. */
function AdhesionsList({ territory, all, filter, list }: AdhesionListProps & { territory: Territory }) {
  const { t, locale } = useView();
  const path = href(locale, `/t/${territory.slug}/agreement/review`);
  const params: ListParams = { status: filter.status, ...listParams(list, adhesionListDefaults) };
  const sortable = (column: AdhesionSort, label: string) => <SortHeader label={label} column={column} list={list} path={path} params={params} />;
  return (
    <section aria-labelledby="adhesions-heading">
      <h2 id="adhesions-heading">{t('agreement.adhesions.heading')}</h2>
      <CountLinks
        label={t('agreement.adhesions.byStatus')}
        name="status"
        allLabel={t('agreement.adhesions.all')}
        allCount={all.allStatuses}
        options={adhesionStatuses.map((s) => ({ value: s, label: t(`agreement.adhesion.status.${s}`), count: all.byStatus[s] }))}
        current={filter.status}
        path={path}
        params={params}
      />
      <form action={path} method="get" class="filters filters--grid" role="search" aria-label={t('agreement.adhesions.searchLabel')}>
        <TextInput name="q" type="search" label={t('agreement.adhesions.search')} value={list.q} />
        <Select name="status" label={t('agreement.adhesions.status')} options={adhesionStatuses.map((s) => ({ value: s, label: t(`agreement.adhesion.status.${s}`) }))} value={filter.status ?? ''} placeholder={t('agreement.adhesions.all')} />
        {list.sort !== adhesionListDefaults.sort && <input type="hidden" name="sort" value={list.sort} />}
        {list.dir !== adhesionListDefaults.dir && <input type="hidden" name="dir" value={list.dir} />}
        <div class="filters__actions">
          <Button variant="secondary">{t('agreement.adhesions.filter')}</Button> <a href={path}>{t('platform.list.clear')}</a>
        </div>
      </form>
      <Pager total={all.total} list={list} path={path} params={params} />
      <div class="table-scroll">
        <table class="table table--dense">
          <caption>{t('agreement.adhesions.caption', { count: all.total })}</caption>
          <thead>
            <tr>
              {sortable('organisation', t('agreement.adhesions.organisation'))}
              {sortable('status', t('agreement.adhesions.status'))}
              {sortable('signed', t('agreement.adhesions.signed'))}
              {sortable('memberSince', t('agreement.adhesions.memberSince'))}
            </tr>
          </thead>
          <tbody>
            {all.rows.map((a) => (
              <tr key={a.id}>
                <td>
                  <a href={href(locale, `/organisations/${a.organisationId}`)}>{a.organisationName}</a>
                </td>
                <td>{t(`agreement.adhesion.status.${a.status}`)}</td>
                <td>
                  <When date={a.signedAt} /> <span class="muted">{t('agreement.adhesions.version', { version: a.signedVersion })}</span>
                </td>
                <td>{a.memberSince ? <When date={a.memberSince} /> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ReviewPage({ territory, pending, errors, values, notice, ...all }: { territory: Territory; pending: (Adhesion & { organisationName: string })[]; errors: FieldErrors; values: { adhesionId?: string; reason?: string }; notice?: string } & AdhesionListProps) {
  const { t, locale } = useView();
  return (
    <Layout title={t('agreement.review.title')}>
      <ErrorSummary errors={errors} />
      <Notice notice={notice} allowed={['approved', 'declined']} />
      <h1>{t('agreement.review.title')}</h1>
      {pending.length === 0 && <p>{t('agreement.review.none')}</p>}
      {pending.map((a) => {
        const mine = values.adhesionId === a.id;
        return (
          <section class="panel" key={a.id} aria-labelledby={`a-${a.id}`}>
            <h2 id={`a-${a.id}`}>
              <a href={href(locale, `/organisations/${a.organisationId}`)}>{a.organisationName}</a>
            </h2>
            <p>
              {t('agreement.review.signed', { version: a.signedVersion, person: a.signedByName || t('agreement.challenge.deletedAccount') })} <When date={a.signedAt} />
            </p>
            <Form action={href(locale, `/t/${territory.slug}/agreement/review/${a.id}`)}>
              <Choices
                type="radio"
                name={`decision-${a.id}`}
                label={t('agreement.review.decision', { organisation: a.organisationName })}
                options={[
                  { value: 'approve', label: t('agreement.review.approve') },
                  { value: 'decline', label: t('agreement.review.decline') },
                ]}
                error={mine ? errors[`decision-${a.id}`] : undefined}
              />
              <TextArea name={`reason-${a.id}`} label={t('agreement.review.reason')} hint={t('agreement.review.reasonHint')} rows={3} value={mine ? values.reason : ''} error={mine ? errors[`reason-${a.id}`] : undefined} />
              <Button>{t('agreement.review.submit')}</Button>
            </Form>
          </section>
        );
      })}
      <AdhesionsList territory={territory} {...all} />
    </Layout>
  );
}

export interface CommitmentsPageProps {
  territory: Territory;
  current: CommitmentsVersion | null;
  values: Record<string, string>;
  errors: FieldErrors;
  /** Languages the submitted text leaves word for word while others changed: the editor must choose. */
  untranslated: string[];
  updated: string[];
}

export function CommitmentsPage({ territory, current, values, errors, untranslated, updated }: CommitmentsPageProps) {
  const { t, locale } = useView();
  const next = (current?.version ?? 0) + 1;
  return (
    <Layout title={t('agreement.commitments.title')}>
      <ErrorSummary errors={errors} />
      <h1>{t('agreement.commitments.title')}</h1>
      <p>{t('agreement.commitments.lead', { version: next })}</p>
      <Form action={href(locale, `/t/${territory.slug}/agreement/commitments`)}>
        {untranslated.length > 0 && (
          <section class="panel panel--warning" aria-labelledby="untranslated-title">
            <h2 id="untranslated-title">{t('agreement.commitments.untranslated.title')}</h2>
            <p>{t('agreement.commitments.untranslated.body', { updated: languageList(updated, locale), untranslated: languageList(untranslated, locale), version: current!.version })}</p>
            <input type="hidden" name="warned" value="yes" />
            <Choices
              type="radio"
              name="untranslated"
              label={t('agreement.commitments.untranslated.question')}
              hint={t('agreement.commitments.untranslated.hint')}
              options={[
                { value: 'keep', label: t('agreement.commitments.untranslated.keep', { languages: languageList(untranslated, locale), version: next }) },
                { value: 'holds', label: t('agreement.commitments.untranslated.holds', { languages: languageList(untranslated, locale), version: next }) },
              ]}
              value={values.untranslated ?? null}
              error={errors.untranslated}
            />
          </section>
        )}
        {(['ca', 'es', 'en', 'ar'] as const).map((l) => {
          const behind = current && current.text[l] ? textVersionOf(current, l) : null;
          const hint = behind !== null && behind < current!.version ? `${t('agreement.commitments.hint')} ${t('agreement.commitments.behind', { textVersion: behind, version: current!.version })}` : t('agreement.commitments.hint');
          return <TextArea key={l} name={`text.${l}`} label={t(`agreement.commitments.text.${l}`)} hint={hint} rows={6} value={values[`text.${l}`] ?? current?.text[l] ?? ''} error={errors[`text.${l}`]} />;
        })}
        <Button>{t('agreement.commitments.submit')}</Button>
      </Form>
    </Layout>
  );
}

/** Every version of the commitments, newest first: when, which languages it updated, and per language what changed. */
export function VersionsPage({ territory, space, versions }: { territory: Territory; space: AgreementSpace; versions: CommitmentsVersion[] }) {
  const { t, locale } = useView();
  const title = t('agreement.versions.title', { agreement: pick(space.title, locale) });
  return (
    <Layout title={title}>
      <AgreementNav slug={territory.slug} current="agreement" />
      <h1>{title}</h1>
      <p>{t('agreement.versions.lead')}</p>
      {versions.map((v, i) => {
        const previous = versions[i + 1];
        const updated = updatedLanguages(v);
        const notUpdated = inLanguageOrder(Object.keys(v.text)).filter((l) => !updated.includes(l));
        return (
          <section key={v.version} class="panel" aria-labelledby={`version-${v.version}`}>
            <h2 id={`version-${v.version}`}>
              {t('agreement.versions.version', { version: v.version })}
              {i === 0 && ` · ${t('agreement.versions.current')}`}
            </h2>
            <p>
              {t('agreement.versions.published')} <When date={v.publishedAt} />
            </p>
            <p>{previous ? t('agreement.versions.updated', { languages: languageList(updated, locale) }) : t('agreement.versions.first', { languages: languageList(updated, locale) })}</p>
            {notUpdated.length > 0 && (
              <p>
                {t('agreement.versions.notUpdated', { languages: languageList(notUpdated, locale) })}{' '}
                {notUpdated.map((l) => t('agreement.versions.textOfLanguage', { language: languageName(l, locale as Locale), textVersion: textVersionOf(v, l) })).join(' ')}
              </p>
            )}
            {previous &&
              updated.filter((l) => previous.text[l] !== v.text[l]).map((l) => (
                <div key={l}>
                  <h3>{t('agreement.versions.changesIn', { language: languageName(l, locale as Locale) })}</h3>
                  <ul class="diff" lang={l} dir="auto">
                    {diffLines(previous.text[l] ?? '', v.text[l] ?? '').map((d, n) => (
                      <li key={n} class={`diff__line diff__line--${d.kind}`}>
                        {d.kind === 'added' ? (
                          <ins>
                            <span class="visually-hidden" lang={locale}>{t('agreement.versions.added')} </span>
                            {d.text}
                          </ins>
                        ) : d.kind === 'removed' ? (
                          <del>
                            <span class="visually-hidden" lang={locale}>{t('agreement.versions.removed')} </span>
                            {d.text}
                          </del>
                        ) : (
                          d.text
                        )}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
          </section>
        );
      })}
    </Layout>
  );
}
