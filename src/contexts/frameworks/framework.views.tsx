// Framework pages: a territory's frameworks, drafting one (or editing a draft), one version with its paragraphs,
// their comments and proposed changes, the coordinators' actions and the endorsements, and the printable text.
import { Layout } from '../../platform/views/layout.tsx';
import { href, useView } from '../../platform/views/context.ts';
import { localeNames, locales } from '../../platform/i18n/locales.ts';
import { Button, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors } from '../../platform/views/forms.tsx';
import { territoryName, type Territory } from '../territories/territory.service.ts';
import { consultationEnded, type FrameworkDetail, type FrameworkSummary, type FrameworkVersion, type SectionWithParagraphs } from './framework.service.ts';
import type { Amendment, Comment, Endorsement } from './consultation.service.ts';
import { InLang, PersonName, Sentence, TerritoryText } from '../../platform/views/lang.tsx';
import { CalendarDay, Day, FrameworkNav, frameworkPath, Notice, StatusTag } from './components.tsx';

/** A territory's name in the page's language, or its own marked with its language. */
function TerritoryName({ territory }: { territory: Territory }) {
  const { locale } = useView();
  const name = territoryName(territory, locale);
  return <InLang lang={name.lang}>{name.text}</InLang>;
}

/** A name another context keeps in several languages, marked with its own when it is not the page's. */
function Named({ name }: { name: { text: string; lang: string } | undefined }) {
  return name ? <InLang lang={name.lang}>{name.text}</InLang> : null;
}

export interface NetworkOption {
  id: string;
  name: string;
}

export function FrameworksPage({ territory, frameworks, networkNames, canDraft }: { territory: Territory; frameworks: FrameworkSummary[]; networkNames: Map<string, { text: string; lang: string }>; canDraft: boolean }) {
  const { t, locale } = useView();
  const title = t('frameworks.list.title', { territory: territory.name });
  return (
    <Layout title={title}>
      <h1>
        <Sentence say={(v) => t('frameworks.list.title', v)} data={{ territory: <TerritoryName territory={territory} /> }} />
      </h1>
      <p class="lead">{t('frameworks.list.lead')}</p>
      {canDraft && (
        <p>
          <a class="button" href={href(locale, `/t/${territory.slug}/frameworks/new`)}>
            {t('frameworks.list.new')}
          </a>
        </p>
      )}
      {frameworks.length === 0 ? (
        <p>{t('frameworks.list.none')}</p>
      ) : (
        <ul class="card-list">
          {frameworks.map((s) => (
            <li class="card" key={s.framework.id}>
              <h2 class="card__title">
                <a href={href(locale, frameworkPath(territory.slug, s.framework.id))} lang={s.framework.locale} dir="auto">
                  {(s.agreed ?? s.latest).title}
                </a>
              </h2>
              <p class="card__meta">
                <StatusTag status={s.latest.status} /> {t('frameworks.version.number', { number: s.latest.number })} · <Named name={networkNames.get(s.framework.networkId)} />
              </p>
              <p lang={s.framework.locale} dir="auto">
                {(s.agreed ?? s.latest).summary}
              </p>
              {s.agreed && <p class="card__meta">{t('frameworks.endorsements.count', { count: s.endorsements })}</p>}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('frameworks.openData.title')}</h2>
      <ul>
        <li>
          <a href={href(locale, `/t/${territory.slug}/frameworks.csv`)}>{t('frameworks.openData.versionsCsv')}</a>
        </li>
        <li>
          <a href={href(locale, `/t/${territory.slug}/frameworks.json`)}>{t('frameworks.openData.versionsJson')}</a>
        </li>
        <li>
          <a href={href(locale, `/t/${territory.slug}/frameworks/endorsements.csv`)}>{t('frameworks.openData.endorsementsCsv')}</a>
        </li>
        <li>
          <a href={href(locale, `/t/${territory.slug}/frameworks/endorsements.json`)}>{t('frameworks.openData.endorsementsJson')}</a>
        </li>
      </ul>
    </Layout>
  );
}

export function DraftPage(p: { territory: Territory; networks: NetworkOption[] | null; action: string; back: string; values: Record<string, string>; errors: FieldErrors; heading: string }) {
  const { t, locale } = useView();
  return (
    <Layout title={p.heading}>
      <ErrorSummary errors={p.errors} />
      <p>
        <a href={href(locale, p.back)}>{t('frameworks.back')}</a>
      </p>
      <h1>{p.heading}</h1>
      <Form action={href(locale, p.action)}>
        {p.networks && (
          <>
            <Select name="networkId" label={t('frameworks.draft.network')} placeholder="" options={p.networks.map((n) => ({ value: n.id, label: n.name }))} value={p.values.networkId} error={p.errors.networkId} />
            <Select name="locale" label={t('frameworks.draft.language')} hint={t('frameworks.draft.languageHint')} options={locales.map((l) => ({ value: l, label: localeNames[l], lang: l }))} value={p.values.locale ?? locale} error={p.errors.locale} />
          </>
        )}
        <TextInput name="title" label={t('frameworks.draft.titleLabel')} value={p.values.title} error={p.errors.title} />
        <TextArea name="summary" label={t('frameworks.draft.summary')} hint={t('frameworks.draft.summaryHint')} value={p.values.summary} error={p.errors.summary} rows={3} />
        <TextArea name="text" label={t('frameworks.draft.text')} hint={t('frameworks.draft.textHint')} value={p.values.text} error={p.errors.text} rows={18} />
        <Button>{t('frameworks.draft.save')}</Button>
      </Form>
    </Layout>
  );
}

export interface VersionPageProps {
  territory: Territory;
  detail: FrameworkDetail;
  version: FrameworkVersion;
  text: SectionWithParagraphs[];
  comments: Comment[];
  amendments: Amendment[];
  endorsements: Endorsement[];
  networkName: { text: string; lang: string };
  /** The paragraph whose comment form was refused, with what was typed. */
  focus?: string | undefined;
  values: Record<string, string>;
  errors: FieldErrors;
  notice?: string | undefined;
}

/** Who wrote a comment: the organisation (in the territory's language), with the person's name for those taking part. */
function Author({ name, organisation, showPerson, deleted }: { name: string; organisation: string; showPerson: boolean; deleted: string }) {
  const org = <TerritoryText>{organisation}</TerritoryText>;
  if (!showPerson) return org;
  return (
    <>
      {name ? <PersonName>{name}</PersonName> : deleted} ({org})
    </>
  );
}

function Paragraph({ p, props }: { p: SectionWithParagraphs['paragraphs'][number]; props: VersionPageProps }) {
  const { t, locale } = useView();
  const { standing } = props.detail;
  const comments = props.comments.filter((c) => c.paragraphId === p.id);
  const amendments = props.amendments.filter((a) => a.paragraphId === p.id);
  const open = props.version.status === 'consultation' && !props.version.supersededAt && !consultationEnded(props.version);
  const canContribute = open && standing.contributeFor.length > 0;
  const showPeople = standing.coordinator || standing.contributeFor.length > 0;
  const focused = props.focus === p.id;
  const f = props.detail.framework;
  const errors = focused ? props.errors : {};
  return (
    <div class="framework-paragraph" id={`p-${p.id}`}>
      <p lang={f.locale} dir="auto">
        {p.body}
      </p>
      {(open || comments.length > 0 || amendments.length > 0) && (
        <details class="framework-paragraph__talk" open={focused || undefined}>
          <summary>{t('frameworks.paragraph.summary', { comments: comments.length, amendments: amendments.length })}</summary>
          {comments.length > 0 && (
            <ul class="comments">
              {comments.map((c) => (
                <li key={c.id}>
                  <p class="comments__meta">
                    <bdi>
                      <Author name={c.authorName} organisation={c.organisationName} showPerson={showPeople} deleted={t('frameworks.deletedAccount')} />
                    </bdi>{' '}
                    · <Day date={c.createdAt} />
                  </p>
                  {/* In the language of the page it was typed on. */}
                  <p lang={c.lang} dir="auto">
                    {c.body}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {amendments.length > 0 && (
            <ul>
              {amendments.map((a) => (
                <li key={a.id}>
                  <Sentence say={(v) => t('frameworks.paragraph.amendmentBy', v)} data={{ organisation: <TerritoryText>{a.organisationName}</TerritoryText> }} /> <StatusTag2 status={a.status} />{' '}
                  <a href={`${href(locale, frameworkPath(props.territory.slug, f.id, '/amendments'))}#a-${a.id}`}>{t('frameworks.paragraph.seeAmendment')}</a>
                </li>
              ))}
            </ul>
          )}
          {canContribute && (
            <>
              <Form action={href(locale, frameworkPath(props.territory.slug, f.id, `/paragraphs/${p.id}/comments`))}>
                {standing.contributeFor.length > 1 ? (
                  <Select name="organisationId" label={t('frameworks.paragraph.for')} options={standing.contributeFor.map((o) => ({ value: o.id, label: o.name }))} value={focused ? props.values.organisationId : undefined} error={errors.organisationId} />
                ) : (
                  <input type="hidden" name="organisationId" value={standing.contributeFor[0]!.id} />
                )}
                <TextArea name={`body`} label={t('frameworks.paragraph.comment')} value={focused ? props.values.body : ''} error={errors.body} rows={3} />
                <Button variant="secondary">{t('frameworks.paragraph.send')}</Button>
              </Form>
              <p>
                <a href={href(locale, frameworkPath(props.territory.slug, f.id, `/paragraphs/${p.id}/amend`))}>{t('frameworks.paragraph.propose')}</a>
              </p>
            </>
          )}
        </details>
      )}
    </div>
  );
}

function StatusTag2({ status }: { status: Amendment['status'] }) {
  const { t } = useView();
  return <strong class={`tag${status === 'accepted' ? ' tag--good' : status === 'declined' ? ' tag--muted' : ''}`}>{t(`frameworks.amendment.status.${status}`)}</strong>;
}
export { StatusTag2 as AmendmentStatusTag };

export function FrameworkText({ text, locale }: { text: SectionWithParagraphs[]; locale: string }) {
  return (
    <div lang={locale} dir="auto">
      {text.map((s) => (
        <section key={s.id}>
          <h2>{s.heading}</h2>
          {s.paragraphs.map((p) => (
            <p key={p.id}>{p.body}</p>
          ))}
        </section>
      ))}
    </div>
  );
}

export function VersionPage(props: VersionPageProps) {
  const { t, locale } = useView();
  const { detail, version: v, territory } = props;
  const f = detail.framework;
  const last = detail.versions.at(-1)!;
  const isLast = last.id === v.id;
  const base = (rest: string) => href(locale, frameworkPath(territory.slug, f.id, `/versions/${v.number}${rest}`));
  const pending = props.amendments.filter((a) => a.status === 'pending').length;
  const active = props.endorsements.filter((e) => !e.withdrawnAt);
  const endorsedIds = new Set(active.map((e) => e.organisationId));
  const endorsable = v.status === 'agreed' && !v.supersededAt;
  const inConsultation = v.status === 'consultation' && !v.supersededAt;
  const ended = inConsultation && consultationEnded(v);
  return (
    <Layout title={v.title} description={v.summary.slice(0, 160)}>
      <ErrorSummary errors={props.focus ? {} : props.errors} />
      <Notice notice={props.notice} />
      <p>
        <a href={href(locale, `/t/${territory.slug}/frameworks`)}>
          <Sentence say={(v) => t('frameworks.backToList', v)} data={{ territory: <TerritoryName territory={territory} /> }} />
        </a>
      </p>
      <FrameworkNav slug={territory.slug} id={f.id} current="text" />
      <h1 lang={f.locale} dir="auto">
        {v.title}
      </h1>
      <p class="lead">
        <StatusTag status={v.status} /> {t('frameworks.version.numberOf', { number: v.number, count: last.number })} · <Named name={props.networkName} />
      </p>
      <p>
        {v.agreedAt ? (
          <>
            {t('frameworks.version.agreedOn')} <Day date={v.agreedAt} />
          </>
        ) : v.consultationOpenedAt ? (
          <>
            {t('frameworks.version.consultationSince')} <Day date={v.consultationOpenedAt} />
          </>
        ) : (
          <>
            {t('frameworks.version.startedOn')} <Day date={v.createdAt} />
          </>
        )}
      </p>
      {!isLast && (
        <p class="notice">
          {t('frameworks.version.later')} <a href={href(locale, frameworkPath(territory.slug, f.id, `/versions/${last.number}`))}>{t('frameworks.version.number', { number: last.number })}</a>
        </p>
      )}
      <p lang={f.locale} dir="auto">
        {v.summary}
      </p>
      {inConsultation && v.consultationClosesOn && (
        <p id="f-closed" class={ended ? 'notice' : undefined}>
          {t(ended ? 'frameworks.version.closedOn' : 'frameworks.version.openUntil')} <CalendarDay day={v.consultationClosesOn} />
        </p>
      )}
      {ended && <p>{t('frameworks.version.closedNext')}</p>}
      {inConsultation && !ended && <p>{t(detail.standing.contributeFor.length > 0 ? 'frameworks.version.consultationHowTo' : 'frameworks.version.consultationMembersOnly')}</p>}
      {v.status === 'agreed' && (
        <p>
          <a href={base('/print')}>{t('frameworks.print.link')}</a>
          {' · '}
          <a href={base('/pdf')} type="application/pdf" hreflang={f.locale}>
            {t('frameworks.print.pdf', { language: new Intl.DisplayNames([locale], { type: 'language' }).of(f.locale) ?? f.locale })}
          </a>
        </p>
      )}
      {detail.standing.coordinator && isLast && (
        <section class="panel no-print" aria-labelledby="coordinate">
          <h2 id="coordinate">{t('frameworks.coordinate.title')}</h2>
          {v.status === 'draft' && (
            <>
              <p>
                <a href={base('/edit')}>{t('frameworks.coordinate.edit')}</a>
              </p>
              <Form action={base('/consult')}>
                <TextInput name="closesOn" type="date" label={t('frameworks.coordinate.closesOn')} hint={t('frameworks.coordinate.closesOnHint')} value={props.values.closesOn} error={props.errors.closesOn} width="short" />
                <Button>{t('frameworks.coordinate.consult')}</Button>
              </Form>
            </>
          )}
          {v.status === 'consultation' && (
            <>
              <p>
                {t('frameworks.coordinate.pending', { count: pending })} <a href={href(locale, frameworkPath(territory.slug, f.id, '/amendments'))}>{t('frameworks.coordinate.decide')}</a>
              </p>
              <Form action={base('/agree')}>
                {props.errors.agree && (
                  <p class="error-message" id="f-agree">
                    {t(props.errors.agree)}
                  </p>
                )}
                <p class="hint">{t('frameworks.coordinate.agreeHint')}</p>
                <Button>{t('frameworks.coordinate.agree')}</Button>
              </Form>
            </>
          )}
          {v.status !== 'draft' && (
            <Form action={base('/next')}>
              {props.errors.next && (
                <p class="error-message" id="f-next">
                  {t(props.errors.next)}
                </p>
              )}
              <p class="hint">{t('frameworks.coordinate.nextHint')}</p>
              <Button variant="secondary">{t('frameworks.coordinate.next')}</Button>
            </Form>
          )}
        </section>
      )}
      <article class="framework-text">
        {props.text.map((s) => (
          <section key={s.id} aria-labelledby={`s-${s.id}`}>
            <h2 id={`s-${s.id}`} lang={f.locale} dir="auto">
              {s.heading}
            </h2>
            {s.paragraphs.map((p) => (
              <Paragraph key={p.id} p={p} props={props} />
            ))}
          </section>
        ))}
      </article>
      {v.status === 'agreed' && (
        <section aria-labelledby="endorsements">
          <h2 id="endorsements">{t('frameworks.endorsements.title', { count: active.length })}</h2>
          {active.length > 0 && (
            <ul>
              {active.map((e) => (
                <li key={e.organisationId}>
                  <TerritoryText>{e.organisationName}</TerritoryText> · <Day date={e.endorsedAt} />
                </li>
              ))}
            </ul>
          )}
          <p class="hint">{t(endorsable ? 'frameworks.endorsements.rule' : 'frameworks.endorsements.closed')}</p>
          {endorsable && detail.standing.endorseFor.length > 0 && (
            <div class="panel">
              {detail.standing.endorseFor.filter((o) => !endorsedIds.has(o.id)).length > 0 && (
                <Form action={base('/endorse')}>
                  <Select name="organisationId" label={t('frameworks.endorsements.for')} options={detail.standing.endorseFor.filter((o) => !endorsedIds.has(o.id)).map((o) => ({ value: o.id, label: o.name }))} value={props.values.organisationId} error={props.focus ? undefined : props.errors.organisationId} />
                  <Button>{t('frameworks.endorsements.endorse')}</Button>
                </Form>
              )}
              {detail.standing.endorseFor
                .filter((o) => endorsedIds.has(o.id))
                .map((o) => (
                  <Form key={o.id} action={base('/withdraw')}>
                    <input type="hidden" name="organisationId" value={o.id} />
                    <p>{t('frameworks.endorsements.endorsedFor', { organisation: o.name })}</p>
                    <Button variant="secondary">{t('frameworks.endorsements.withdraw', { organisation: o.name })}</Button>
                  </Form>
                ))}
            </div>
          )}
        </section>
      )}
    </Layout>
  );
}

/** The agreed text for paper: the print styles drop the site's header, footer and buttons. */
export function PrintPage({ detail, version: v, text, endorsements, networkName }: { detail: FrameworkDetail; version: FrameworkVersion; text: SectionWithParagraphs[]; endorsements: Endorsement[]; networkName: { text: string; lang: string } }) {
  const { t } = useView();
  const active = endorsements.filter((e) => !e.withdrawnAt);
  return (
    <Layout title={v.title}>
      <article class="framework-print">
        <h1 lang={detail.framework.locale} dir="auto">
          {v.title}
        </h1>
        <p>
          <Named name={networkName} /> · {t('frameworks.version.number', { number: v.number })}
          {v.agreedAt && (
            <>
              {' · '}
              {t('frameworks.version.agreedOn')} <Day date={v.agreedAt} />
            </>
          )}
        </p>
        <p lang={detail.framework.locale} dir="auto">
          {v.summary}
        </p>
        <FrameworkText text={text} locale={detail.framework.locale} />
        <h2>{t('frameworks.endorsements.title', { count: active.length })}</h2>
        <ul>
          {active.map((e) => (
            <li key={e.organisationId}>
              <TerritoryText>{e.organisationName}</TerritoryText> · <Day date={e.endorsedAt} />
            </li>
          ))}
        </ul>
        <p class="no-print hint">{t('frameworks.print.hint')}</p>
      </article>
    </Layout>
  );
}
