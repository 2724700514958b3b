// Debate pages: a territory's debates, opening one, and one debate with its contributions and moderation.
import { Layout } from '../../../platform/views/layout.tsx';
import { InLang, PersonName, Sentence, TerritoryText, useDataLang } from '../../../platform/views/lang.tsx';
import { href, useView } from '../../../platform/views/context.ts';
import { Button, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { Territory } from '../../territories/territory.service.ts';
import { territoryName } from '../../territories/territory.service.ts';
import type { Organisation } from '../../agreement/organisations/organisation.service.ts';
import type { Debate, DebateSummary, ShownContribution } from './debate.service.ts';
import type { NetworkOption } from '../events/event.views.tsx';
import { CoproductionNav, Notice, Paragraphs, Tag, When } from '../components.tsx';
import { FilterChips, MunicipalityName, MunicipalitySelect, municipalityChip, type MunicipalityOption } from '../../../platform/views/municipality.tsx';

export function DebatesPage({
  territory,
  debates,
  networks,
  network,
  canOpen,
  municipalities = [],
  municipality,
}: {
  territory: Territory;
  debates: DebateSummary[];
  networks: NetworkOption[];
  network: string | undefined;
  canOpen: boolean;
  /** A forum's municipalities: each debate says where the organisations that spoke are registered, and the list filters by it. */
  municipalities?: MunicipalityOption[];
  municipality?: string | undefined;
}) {
  const { t, locale } = useView();
  const path = href(locale, `/t/${territory.slug}/debates`);
  const withNetwork = network ? `${path}?${new URLSearchParams({ network }).toString()}` : path;
  const networkName = new Map(networks.map((n) => [n.id, <InLang lang={n.lang}>{n.name}</InLang>]));
  const own = useDataLang();
  const title = t('coproduction.debates.title', { territory: territoryName(territory, locale).text });
  return (
    <Layout title={title}>
      <CoproductionNav slug={territory.slug} current="debates" />
      <h1>{title}</h1>
      <p class="lead">{t('coproduction.debates.lead')}</p>
      {canOpen && (
        <p>
          <a class="button" href={href(locale, `/t/${territory.slug}/debates/new`)}>
            {t('coproduction.debates.new')}
          </a>
        </p>
      )}
      <Form action={href(locale, `/t/${territory.slug}/debates`)} method="get" class="filters">
        <div class="filters__row">
          <Select name="network" label={t('coproduction.events.network')} placeholder={t('coproduction.any')} options={networks.map((n) => ({ value: n.slug, label: n.name, ...(n.lang !== locale ? { lang: n.lang } : {}) }))} value={network ?? ''} />
          <MunicipalitySelect municipalities={municipalities} value={municipality} label={t('coproduction.debates.voicesFromFilter')} />
        </div>
        <Button variant="secondary">{t('coproduction.filter')}</Button>
      </Form>
      <FilterChips chips={municipalityChip(municipalities, municipality, withNetwork, t)} />
      {debates.length === 0 ? (
        <p>{t('coproduction.debates.none')}</p>
      ) : (
        <ul class="card-list" aria-label={t('coproduction.debates.listLabel', { count: debates.length })}>
          {debates.map((d) => (
            <li class="card" key={d.id}>
              <h2 class="card__title">
                <a href={href(locale, `/debates/${d.id}`)} dir="auto" lang={own}>
                  {d.title}
                </a>
              </h2>
              <p class="card__meta">
                {d.networkId ? (networkName.get(d.networkId) ?? territoryName(territory, locale).text) : territoryName(territory, locale).text} · <When date={d.createdAt} time={false} />
              </p>
              <p class="card__meta">{t('coproduction.debates.contributions', { count: d.contributions })}</p>
              {municipalities.length > 0 && d.voiceTerritoryIds.length > 0 && (
                <p class="card__meta">
                  {t('coproduction.debates.voicesFrom')}{' '}
                  {d.voiceTerritoryIds.map((id, i) => (
                    <span key={id}>
                      {i > 0 && ', '}
                      <MunicipalityName municipalities={municipalities} territoryId={id} />
                    </span>
                  ))}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function NewDebatePage({ territory, networks, values, errors }: { territory: Territory; networks: NetworkOption[]; values: Record<string, string>; errors: FieldErrors }) {
  const { t, locale } = useView();
  const title = t('coproduction.debates.new');
  return (
    <Layout title={title}>
      <ErrorSummary errors={errors} />
      <p>
        <a href={href(locale, `/t/${territory.slug}/debates`)}>{t('coproduction.debates.back', { territory: territoryName(territory, locale).text })}</a>
      </p>
      <h1>{title}</h1>
      <Form action={href(locale, `/t/${territory.slug}/debates/new`)}>
        <Select name="networkId" label={t('coproduction.events.network')} placeholder={t('coproduction.event.wholeTerritory', { territory: territoryName(territory, locale).text })} options={networks.map((n) => ({ value: n.id, label: n.name, ...(n.lang !== locale ? { lang: n.lang } : {}) }))} value={values.networkId} error={errors.networkId} />
        <TextInput name="title" label={t('coproduction.debate.titleLabel')} value={values.title} error={errors.title} />
        <TextArea name="question" label={t('coproduction.debate.question')} hint={t('coproduction.debate.questionHint')} value={values.question} error={errors.question} />
        <Button>{t('coproduction.debate.open')}</Button>
      </Form>
    </Layout>
  );
}

export interface DebatePageProps {
  territory: Territory;
  /** A forum's municipalities: each contribution shows where its organisation is registered. */
  municipalities?: MunicipalityOption[];
  debate: Debate;
  networkName: string | null;
  networkLang: string | null;
  networkSlug: string | null;
  contributions: ShownContribution[];
  organisations: Organisation[];
  canContribute: boolean;
  asStaff: boolean;
  canModerate: boolean;
  signedIn: boolean;
  values: Record<string, string>;
  errors: FieldErrors;
  notice?: string | undefined;
}

export function DebatePage(p: DebatePageProps) {
  const { t, locale, pathWithoutLocale } = useView();
  const d = p.debate;
  // The title, question and contributions: typed in the territory's language.
  const own = useDataLang();
  const deleted = t('coproduction.deletedAccount');
  return (
    <Layout title={d.title} description={d.question.slice(0, 160)}>
      <ErrorSummary errors={p.errors} />
      <Notice notice={p.notice} allowed={['opened', 'contributed', 'hidden', 'restored']} />
      <p>
        <a href={href(locale, `/t/${p.territory.slug}/debates`)}>{t('coproduction.debates.back', { territory: territoryName(p.territory, locale).text })}</a>
      </p>
      <h1 dir="auto" lang={own}>
        {d.title}
      </h1>
      <p class="lead">
        {p.networkName && p.networkSlug ? (
          <a href={href(locale, `/t/${p.territory.slug}/networks/${p.networkSlug}`)}>
            <InLang lang={p.networkLang}>{p.networkName}</InLang>
          </a>
        ) : (
          p.territory.name
        )}{' '}
        · <Sentence say={(v) => t('coproduction.debate.openedBy', v)} data={{ name: d.openedByName ? <PersonName>{d.openedByName}</PersonName> : deleted }} /> · <When date={d.createdAt} time={false} />
      </p>
      <Paragraphs text={d.question} lang={own} />
      <h2>{t('coproduction.debate.contributionsTitle', { count: p.contributions.filter((c) => !c.hidden).length })}</h2>
      {p.contributions.length === 0 && <p>{t('coproduction.debate.noContributions')}</p>}
      {p.contributions.map((c) => (
        <article class="panel" key={c.id} id={`c-${c.id}`} aria-labelledby={`c-${c.id}-by`}>
          <h3 id={`c-${c.id}-by`} class="card__title">
            <bdi>
              {c.organisationName ? (
                <Sentence say={(v) => t('coproduction.debate.byFor', v)} data={{ name: c.authorName ? <PersonName>{c.authorName}</PersonName> : deleted, organisation: <TerritoryText>{c.organisationName}</TerritoryText> }} />
              ) : c.authorName ? (
                <PersonName>{c.authorName}</PersonName>
              ) : (
                deleted
              )}
            </bdi>
            {(p.municipalities ?? []).some((m) => m.id === c.organisationTerritoryId) && (
              <>
                {' '}
                (<MunicipalityName municipalities={p.municipalities ?? []} territoryId={c.organisationTerritoryId} />)
              </>
            )}{' '}
            · <When date={c.createdAt} />
          </h3>
          {c.hidden && (
            <p>
              <Tag tone="muted">{t('coproduction.debate.hidden')}</Tag> <Sentence say={(v) => t('coproduction.debate.hiddenBecause', v)} data={{ reason: <TerritoryText>{c.hiddenReason ?? ''}</TerritoryText> }} />
            </p>
          )}
          {c.hidden && c.body !== null && <p class="hint">{c.mine ? t('coproduction.debate.onlyYou') : t('coproduction.debate.onlyModerators')}</p>}
          {c.body !== null && <Paragraphs text={c.body} lang={own} />}
          {p.canModerate && !c.hidden && (
            <Form action={href(locale, `/debates/${d.id}/contributions/${c.id}/hide`)}>
              <TextInput name={`reason-${c.id}`} label={t('coproduction.debate.reason')} hint={t('coproduction.debate.reasonHint')} value={p.values[`reason-${c.id}`]} error={p.errors[`reason-${c.id}`]} />
              <Button variant="warning">{t('coproduction.debate.hide')}</Button>
            </Form>
          )}
          {p.canModerate && c.hidden && (
            <Form action={href(locale, `/debates/${d.id}/contributions/${c.id}/restore`)}>
              <Button variant="secondary">{t('coproduction.debate.restore')}</Button>
            </Form>
          )}
        </article>
      ))}
      {p.canContribute && (
        <section aria-labelledby="contribute">
          <h2 id="contribute">{t('coproduction.debate.contribute')}</h2>
          <Form action={href(locale, `/debates/${d.id}/contributions`)}>
            {p.organisations.length > 0 && (
              <Select
                name="organisationId"
                label={t('coproduction.debate.speakFor')}
                {...(p.asStaff ? { placeholder: t('coproduction.debate.ownName') } : {})}
                options={p.organisations.map((o) => ({ value: o.id, label: o.name }))}
                value={p.values.organisationId}
                error={p.errors.organisationId}
              />
            )}
            <TextArea name="body" label={t('coproduction.debate.body')} value={p.values.body} error={p.errors.body} rows={6} />
            <Button>{t('coproduction.debate.send')}</Button>
          </Form>
        </section>
      )}
      {!p.canContribute && !p.signedIn && (
        <p>
          <a href={href(locale, `/account/sign-in?next=${encodeURIComponent(`/${locale}${pathWithoutLocale}`)}`)}>{t('coproduction.debate.signInToContribute')}</a>
        </p>
      )}
      {!p.canContribute && p.signedIn && <p>{t('coproduction.debate.membersOnly')}</p>}
    </Layout>
  );
}
