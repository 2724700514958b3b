// Reviewing a framework: its versions, the word diff between any two, its amendments with the coordinators'
// decisions, and the page where a member proposes a change to one paragraph.
import { Layout } from '../../platform/views/layout.tsx';
import { href, useView } from '../../platform/views/context.ts';
import { Button, Choices, ErrorSummary, Form, Select, TextArea, type FieldErrors } from '../../platform/views/forms.tsx';
import type { Territory } from '../territories/territory.service.ts';
import type { FrameworkDetail, FrameworkVersion, Paragraph } from './framework.service.ts';
import type { Amendment } from './consultation.service.ts';
import type { SectionDiff } from './document.ts';
import { Day, DiffText, FrameworkNav, frameworkPath, Notice, StatusTag } from './components.tsx';
import { AmendmentStatusTag } from './framework.views.tsx';

function Back({ territory, detail }: { territory: Territory; detail: FrameworkDetail }) {
  const { t, locale } = useView();
  const last = detail.versions.at(-1)!;
  return (
    <p>
      <a href={href(locale, frameworkPath(territory.slug, detail.framework.id))} lang={detail.framework.locale} dir="auto">
        {last.title}
      </a>
      {' · '}
      <a href={href(locale, `/t/${territory.slug}/frameworks`)}>{t('frameworks.backToList', { territory: territory.name })}</a>
    </p>
  );
}

function CompareForm({ territory, detail, from, to }: { territory: Territory; detail: FrameworkDetail; from: number; to: number }) {
  const { t, locale } = useView();
  const options = detail.versions.map((v) => ({ value: String(v.number), label: `${t('frameworks.version.number', { number: v.number })} · ${t(`frameworks.status.${v.status}`)}` }));
  return (
    <Form method="get" action={href(locale, frameworkPath(territory.slug, detail.framework.id, '/diff'))} class="compare-form">
      <Select name="from" label={t('frameworks.diff.from')} options={options} value={String(from)} />
      <Select name="to" label={t('frameworks.diff.to')} options={options} value={String(to)} />
      <Button variant="secondary">{t('frameworks.diff.compare')}</Button>
    </Form>
  );
}

export function VersionsPage({ territory, detail }: { territory: Territory; detail: FrameworkDetail }) {
  const { t, locale } = useView();
  const title = t('frameworks.versions.title');
  const vs = detail.versions;
  return (
    <Layout title={title}>
      <Back territory={territory} detail={detail} />
      <FrameworkNav slug={territory.slug} id={detail.framework.id} current="versions" />
      <h1>{title}</h1>
      <table class="table">
        <caption class="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('frameworks.versions.version')}</th>
            <th scope="col">{t('frameworks.versions.status')}</th>
            <th scope="col">{t('frameworks.versions.started')}</th>
            <th scope="col">{t('frameworks.versions.agreed')}</th>
          </tr>
        </thead>
        <tbody>
          {[...vs].reverse().map((v) => (
            <tr key={v.id}>
              <th scope="row">
                <a href={href(locale, frameworkPath(territory.slug, detail.framework.id, `/versions/${v.number}`))}>{t('frameworks.version.number', { number: v.number })}</a>
              </th>
              <td>
                <StatusTag status={v.status} />
              </td>
              <td>
                <Day date={v.createdAt} />
              </td>
              <td>{v.agreedAt ? <Day date={v.agreedAt} /> : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {vs.length > 1 ? (
        <>
          <h2>{t('frameworks.diff.title')}</h2>
          <CompareForm territory={territory} detail={detail} from={vs.at(-2)!.number} to={vs.at(-1)!.number} />
        </>
      ) : (
        <p>{t('frameworks.versions.onlyOne')}</p>
      )}
    </Layout>
  );
}

export function DiffPage({ territory, detail, from, to, diff }: { territory: Territory; detail: FrameworkDetail; from: FrameworkVersion; to: FrameworkVersion; diff: SectionDiff[] }) {
  const { t, locale } = useView();
  const title = t('frameworks.diff.heading', { from: from.number, to: to.number });
  const changed = diff.filter((s) => s.change !== 'same').length;
  return (
    <Layout title={title}>
      <Back territory={territory} detail={detail} />
      <FrameworkNav slug={territory.slug} id={detail.framework.id} current="versions" />
      <h1>{title}</h1>
      <CompareForm territory={territory} detail={detail} from={from.number} to={to.number} />
      <p>{t('frameworks.diff.legend')}</p>
      <p>{t('frameworks.diff.changedSections', { count: changed })}</p>
      {from.title !== to.title && (
        <p>
          {t('frameworks.diff.titleChanged')}{' '}
          <span lang={detail.framework.locale} dir="auto">
            <DiffText parts={[{ kind: 'removed', text: from.title }, { kind: 'same', text: ' ' }, { kind: 'added', text: to.title }]} />
          </span>
        </p>
      )}
      <div class="framework-diff" lang={detail.framework.locale} dir="auto">
        {diff.map((s) => (
          <section key={s.key}>
            <h2>
              <DiffText parts={s.heading} />
            </h2>
            {s.change !== 'same' && s.change !== 'changed' && <p class="tag" lang={locale}>{t(`frameworks.diff.change.${s.change}`)}</p>}
            {s.paragraphs.map((p) => (
              <div key={p.key} class={`framework-diff__paragraph framework-diff__paragraph--${p.change}`}>
                {p.change !== 'same' && (
                  <p class="framework-diff__change" lang={locale}>
                    <strong>{t(`frameworks.diff.change.${p.change}`)}</strong>
                  </p>
                )}
                <p>
                  <DiffText parts={p.parts} />
                </p>
              </div>
            ))}
          </section>
        ))}
      </div>
    </Layout>
  );
}

export interface AmendmentsPageProps {
  territory: Territory;
  detail: FrameworkDetail;
  byVersion: { version: FrameworkVersion; amendments: (Amendment & { original: string })[] }[];
  focus?: string | undefined;
  values: Record<string, string>;
  errors: FieldErrors;
  notice?: string | undefined;
}

export function AmendmentsPage(p: AmendmentsPageProps) {
  const { t, locale } = useView();
  const title = t('frameworks.amendments.title');
  const f = p.detail.framework;
  const showPeople = p.detail.standing.coordinator || p.detail.standing.contributeFor.length > 0;
  return (
    <Layout title={title}>
      <ErrorSummary errors={p.errors} />
      <Notice notice={p.notice} />
      <Back territory={p.territory} detail={p.detail} />
      <FrameworkNav slug={p.territory.slug} id={f.id} current="amendments" />
      <h1>{title}</h1>
      <p>{t('frameworks.amendments.lead')}</p>
      {p.byVersion.every((x) => x.amendments.length === 0) && <p>{t('frameworks.amendments.none')}</p>}
      {p.byVersion
        .filter((x) => x.amendments.length > 0)
        .map(({ version, amendments }) => (
          <section key={version.id} aria-labelledby={`v-${version.number}`}>
            <h2 id={`v-${version.number}`}>{t('frameworks.version.number', { number: version.number })}</h2>
            <ul class="card-list">
              {amendments.map((a) => {
                const focused = p.focus === a.id;
                const decidable = p.detail.standing.coordinator && a.status === 'pending' && version.status === 'consultation' && !version.supersededAt;
                return (
                  <li class="card" key={a.id} id={`a-${a.id}`}>
                    <h3 class="card__title">
                      {t('frameworks.paragraph.amendmentBy', { organisation: a.organisationName })} <AmendmentStatusTag status={a.status} />
                    </h3>
                    <p class="card__meta">
                      {showPeople && (
                        <>
                          <bdi>{a.proposedByName || t('frameworks.deletedAccount')}</bdi>
                          {' · '}
                        </>
                      )}
                      <Day date={a.createdAt} />
                    </p>
                    <p>
                      <strong>{t('frameworks.amendments.original')}</strong>
                    </p>
                    <blockquote class="quote" lang={f.locale} dir="auto">
                      {a.original}
                    </blockquote>
                    <p>
                      <strong>{t('frameworks.amendments.replacement')}</strong>
                    </p>
                    {/* The new wording and its reason: in the language of the page they were typed on. */}
                    <blockquote class="quote" lang={a.lang} dir="auto">
                      {a.replacement}
                    </blockquote>
                    <p>
                      <strong>{t('frameworks.amendments.reason')}</strong>{' '}
                      <span lang={a.lang} dir="auto">
                        {a.reason}
                      </span>
                    </p>
                    {a.status !== 'pending' && (
                      <p>
                        <strong>{t(`frameworks.amendments.decided.${a.status}`)}</strong>
                        {a.decidedAt && (
                          <>
                            {' '}
                            <Day date={a.decidedAt} />
                          </>
                        )}
                        {showPeople && a.decidedByName && <> · <bdi>{a.decidedByName}</bdi></>}
                        {': '}
                        <span lang={a.decisionLang ?? f.locale} dir="auto">
                          {a.decisionReason}
                        </span>
                      </p>
                    )}
                    {decidable && (
                      <Form action={href(locale, frameworkPath(p.territory.slug, f.id, `/amendments/${a.id}/decide`))}>
                        <Choices
                          type="radio"
                          name={`decision`}
                          label={t('frameworks.amendments.decision')}
                          options={[
                            { value: 'accepted', label: t('frameworks.amendments.accept') },
                            { value: 'declined', label: t('frameworks.amendments.decline') },
                          ]}
                          value={focused ? p.values.decision : undefined}
                          error={focused ? p.errors.decision : undefined}
                        />
                        <TextArea name="reason" label={t('frameworks.amendments.decisionReason')} hint={t('frameworks.amendments.decisionReasonHint')} value={focused ? p.values.reason : ''} error={focused ? p.errors.reason : undefined} rows={3} />
                        <Button>{t('frameworks.amendments.record')}</Button>
                      </Form>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
    </Layout>
  );
}

export function AmendPage({ territory, detail, paragraph, organisations, values, errors }: { territory: Territory; detail: FrameworkDetail; paragraph: Paragraph; organisations: { id: string; name: string }[]; values: Record<string, string>; errors: FieldErrors }) {
  const { t, locale } = useView();
  const title = t('frameworks.amend.title');
  const f = detail.framework;
  return (
    <Layout title={title}>
      <ErrorSummary errors={errors} />
      <Back territory={territory} detail={detail} />
      <h1>{title}</h1>
      <p>
        <strong>{t('frameworks.amendments.original')}</strong>
      </p>
      <blockquote class="quote" lang={f.locale} dir="auto">
        {paragraph.body}
      </blockquote>
      <Form action={href(locale, frameworkPath(territory.slug, f.id, `/paragraphs/${paragraph.id}/amend`))}>
        {organisations.length > 1 ? (
          <Select name="organisationId" label={t('frameworks.paragraph.for')} options={organisations.map((o) => ({ value: o.id, label: o.name }))} value={values.organisationId} error={errors.organisationId} />
        ) : (
          <>
            <input type="hidden" name="organisationId" value={organisations[0]!.id} />
            <p>{t('frameworks.amend.forOne', { organisation: organisations[0]!.name })}</p>
          </>
        )}
        <TextArea name="replacement" label={t('frameworks.amendments.replacement')} hint={t('frameworks.amend.replacementHint')} value={values.replacement ?? paragraph.body} error={errors.replacement} rows={6} />
        <TextArea name="reason" label={t('frameworks.amendments.reason')} hint={t('frameworks.amend.reasonHint')} value={values.reason} error={errors.reason} rows={3} />
        <Button>{t('frameworks.amend.send')}</Button>
      </Form>
    </Layout>
  );
}
