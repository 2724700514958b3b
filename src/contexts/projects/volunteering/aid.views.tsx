// Mutual aid pages: the territory's offers and needs with the public counts, posting one, a post (for its side:
// contact and ranked suggestions; for others: what is public and a way to answer it), and a conversation.
import { TerritoryText, useDataLang } from '../../../platform/views/lang.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { href, useView } from '../../../platform/views/context.ts';
import { Button, Choices, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors, type Option } from '../../../platform/views/forms.tsx';
import type { Territory } from '../../territories/territory.service.ts';
import { aidKinds } from '../projects.schema.ts';
import type { AidCounts, AidMatch, AidPost, Conversation, PublicPost } from './aid.service.ts';
import type { Ranked } from './matching.ts';
import { Day, Notice, Paragraphs, ProjectsNav, Tag } from '../components.tsx';

export interface Lookups {
  districts: Map<string, string>;
  /** Area of work key → its name in the page's language. */
  areas: Map<string, string>;
  language: (code: string) => string;
}

function PostFacts({ post, lookups }: { post: Pick<PublicPost, 'kind' | 'area' | 'districtId' | 'languages' | 'fromOn' | 'untilOn'>; lookups: Lookups }) {
  const { t } = useView();
  return (
    <p class="card__meta">
      <Tag>{t(`projects.kind.${post.kind}`)}</Tag>
      {post.area && <> · {lookups.areas.get(post.area) ?? post.area}</>}
      {' · '}
      {post.districtId ? <TerritoryText>{lookups.districts.get(post.districtId) ?? ''}</TerritoryText> : t('projects.aid.anyDistrict')}
      {post.languages.length > 0 && <> · {t('projects.aid.inLanguages', { languages: post.languages.map(lookups.language).join(', ') })}</>}
      {(post.fromOn || post.untilOn) && (
        <>
          {' · '}
          {post.fromOn && <Day day={post.fromOn} />}
          {' – '}
          {post.untilOn && <Day day={post.untilOn} />}
        </>
      )}
    </p>
  );
}

export interface VolunteeringPageProps {
  territory: Territory;
  offers: PublicPost[];
  needs: PublicPost[];
  counts: AidCounts;
  mine: AidPost[];
  signedIn: boolean;
  lookups: Lookups;
}

export function VolunteeringPage(p: VolunteeringPageProps) {
  const { t, locale } = useView();
  const own = useDataLang();
  const title = t('projects.aid.title', { territory: p.territory.name });
  const base = `/t/${p.territory.slug}/volunteering`;
  return (
    <Layout title={title}>
      <ProjectsNav slug={p.territory.slug} current="volunteering" />
      <h1>{title}</h1>
      <p class="lead">{t('projects.aid.lead')}</p>
      <p>{t('projects.aid.counts', { offers: p.counts.offers, needs: p.counts.needs, fulfilled: p.counts.fulfilled })}</p>
      <p>
        <a class="button" href={href(locale, `${base}/new?side=offer`)}>
          {t('projects.aid.newOffer')}
        </a>{' '}
        <a class="button button--secondary" href={href(locale, `${base}/new?side=need`)}>
          {t('projects.aid.newNeed')}
        </a>
      </p>
      {!p.signedIn && <p>{t('projects.aid.signInToPost')}</p>}
      {p.mine.length > 0 && (
        <section aria-labelledby="mine">
          <h2 id="mine">{t('projects.aid.mine')}</h2>
          <ul>
            {p.mine.map((m) => (
              <li key={m.id}>
                <a href={href(locale, `/volunteering/posts/${m.id}`)} dir="auto" lang={own}>
                  {m.title}
                </a>{' '}
                <Tag tone="muted">{t(`projects.side.${m.side}`)}</Tag> {m.closedAt && <Tag tone="muted">{t('projects.aid.closed')}</Tag>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2>{t('projects.aid.offers')}</h2>
      {p.offers.length === 0 ? (
        <p>{t('projects.aid.noOffers')}</p>
      ) : (
        <ul class="card-list">
          {p.offers.map((o) => (
            <li class="card" key={o.id}>
              <h3 class="card__title">
                <a href={href(locale, `/volunteering/posts/${o.id}`)} dir="auto" lang={own}>
                  {o.title}
                </a>
              </h3>
              <PostFacts post={o} lookups={p.lookups} />
              <p class="card__meta">{o.postedFor ? <TerritoryText>{o.postedFor}</TerritoryText> : t('projects.aid.aPerson')}</p>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('projects.aid.needs')}</h2>
      <p>{t('projects.aid.needsPrivacy')}</p>
      {p.needs.length === 0 ? (
        <p>{t('projects.aid.noNeeds')}</p>
      ) : (
        <ul class="card-list">
          {p.needs.map((n) => (
            <li class="card" key={n.id}>
              <h3 class="card__title">
                <a href={href(locale, `/volunteering/posts/${n.id}`)} dir="auto" lang={own}>
                  {n.title}
                </a>
              </h3>
              <PostFacts post={n} lookups={p.lookups} />
              <p class="card__meta">{n.postedFor ? <TerritoryText>{n.postedFor}</TerritoryText> : t('projects.aid.aPerson')}</p>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('projects.opendata.title')}</h2>
      <ul>
        <li>
          <a href={href(locale, `${base}.csv`)}>{t('projects.opendata.offersCsv')}</a>
        </li>
        <li>
          <a href={href(locale, `${base}.json`)}>{t('projects.opendata.aidJson')}</a>
        </li>
      </ul>
    </Layout>
  );
}

export interface NewPostPageProps {
  territory: Territory;
  side: 'offer' | 'need';
  organisations: Option[];
  districts: Option[];
  areas: Option[];
  languages: Option[];
  values: Record<string, string | string[]>;
  errors: FieldErrors;
}

export function NewPostPage(p: NewPostPageProps) {
  const { t, locale } = useView();
  const title = t(p.side === 'offer' ? 'projects.aid.newOffer' : 'projects.aid.newNeed');
  const v = (k: string) => (typeof p.values[k] === 'string' ? (p.values[k] as string) : '');
  return (
    <Layout title={title}>
      <ErrorSummary errors={p.errors} />
      <p>
        <a href={href(locale, `/t/${p.territory.slug}/volunteering`)}>{t('projects.aid.back', { territory: p.territory.name })}</a>
      </p>
      <h1>{title}</h1>
      <Form action={href(locale, `/t/${p.territory.slug}/volunteering/new`)}>
        <input type="hidden" name="side" value={p.side} />
        {p.organisations.length > 0 && <Select name="organisationId" label={t('projects.aid.postFor')} options={[{ value: '', label: t('projects.aid.forMyself') }, ...p.organisations]} value={v('organisationId')} error={p.errors.organisationId} />}
        <Select name="kind" label={t('projects.aid.kind')} placeholder="" options={aidKinds.map((k) => ({ value: k, label: t(`projects.kind.${k}`) }))} value={v('kind')} error={p.errors.kind} />
        <TextInput name="title" label={t('projects.aid.titleLabel')} hint={t(p.side === 'need' ? 'projects.aid.titleHintNeed' : 'projects.aid.titleHintOffer')} value={v('title')} error={p.errors.title} />
        <TextArea name="description" label={t('projects.aid.description')} hint={t(p.side === 'need' ? 'projects.aid.descriptionHintNeed' : 'projects.aid.descriptionHintOffer')} value={v('description')} error={p.errors.description} rows={4} />
        <Select name="area" label={t('projects.aid.area')} options={[{ value: '', label: t('projects.aid.anyArea') }, ...p.areas]} value={v('area')} error={p.errors.area} />
        <Select name="districtId" label={t('projects.aid.district')} options={[{ value: '', label: t('projects.aid.anyDistrict') }, ...p.districts]} value={v('districtId')} error={p.errors.districtId} />
        <Choices type="checkbox" name="languages" label={t('projects.aid.languages')} options={p.languages} value={Array.isArray(p.values.languages) ? p.values.languages : v('languages') ? [v('languages')] : []} error={p.errors.languages} />
        <TextInput name="fromOn" type="date" label={t('projects.aid.fromOn')} hint={t('projects.dateHint')} value={v('fromOn')} error={p.errors.fromOn} width="short" />
        <TextInput name="untilOn" type="date" label={t('projects.aid.untilOn')} hint={t('projects.dateHint')} value={v('untilOn')} error={p.errors.untilOn} width="short" />
        <TextInput name="contact" label={t('projects.aid.contact')} hint={t('projects.aid.contactHint')} value={v('contact')} error={p.errors.contact} />
        <Button>{t('projects.aid.publish')}</Button>
      </Form>
    </Layout>
  );
}

export interface PostPageProps {
  territory: Territory;
  /** What everyone reads. */
  post: PublicPost;
  /** For its own side: the whole post, ranked suggestions and its conversations. */
  own: { post: AidPost; suggestions: Ranked<AidPost>[]; matches: AidMatch[] } | null;
  /** The person's own posts that could answer this one. */
  answering: AidPost[];
  lookups: Lookups;
  errors: FieldErrors;
  notice?: string | undefined;
}

export function PostPage(p: PostPageProps) {
  const { t, locale } = useView();
  const post = p.own?.post ?? null;
  // Posts are typed in the territory's language.
  const own = useDataLang();
  return (
    <Layout title={p.post.title}>
      <ErrorSummary errors={p.errors} />
      <Notice notice={p.notice} allowed={['posted', 'closed']} />
      <p>
        <a href={href(locale, `/t/${p.territory.slug}/volunteering`)}>{t('projects.aid.back', { territory: p.territory.name })}</a>
      </p>
      <p>
        <Tag tone="muted">{t(`projects.side.${p.post.side}`)}</Tag>
      </p>
      <h1 dir="auto" lang={own}>
        {p.post.title}
      </h1>
      <PostFacts post={p.post} lookups={p.lookups} />
      <p>{p.post.postedFor ? <TerritoryText>{p.post.postedFor}</TerritoryText> : t('projects.aid.aPerson')}</p>
      {post ? <Paragraphs text={post.description} lang={own} /> : p.post.description && <Paragraphs text={p.post.description} lang={own} />}
      {post && (
        <>
          <p>
            {t('projects.aid.yourContact')} <bdi>{post.contact}</bdi>
          </p>
          <h2>{t(post.side === 'need' ? 'projects.aid.suggestedOffers' : 'projects.aid.suggestedNeeds')}</h2>
          {p.own!.suggestions.length === 0 ? (
            <p>{t('projects.aid.noSuggestions')}</p>
          ) : (
            <ol class="card-list">
              {p.own!.suggestions.map((s) => (
                <li class="card" key={s.post.id}>
                  <h3 class="card__title" dir="auto">
                    {s.post.title}
                  </h3>
                  <PostFacts post={s.post} lookups={p.lookups} />
                  <p class="card__meta">
                    {[s.sameDistrict && t('projects.match.sameDistrict'), s.nearDistrict && t('projects.match.nearDistrict'), s.sharedLanguages.length > 0 && t('projects.match.sharedLanguage', { languages: s.sharedLanguages.map(p.lookups.language).join(', ') }), s.sameArea && t('projects.match.sameArea')].filter(Boolean).join(' · ')}
                  </p>
                  {s.post.side === 'offer' && <Paragraphs text={s.post.description} />}
                  <Form action={href(locale, `/volunteering/posts/${s.post.id}/match`)}>
                    <input type="hidden" name="fromId" value={post.id} />
                    <Button variant="secondary">{t('projects.match.start', { title: s.post.title })}</Button>
                  </Form>
                </li>
              ))}
            </ol>
          )}
          {p.own!.matches.length > 0 && (
            <>
              <h2>{t('projects.match.conversations')}</h2>
              <ul>
                {p.own!.matches.map((m, i) => (
                  <li key={m.id}>
                    <a href={href(locale, `/volunteering/matches/${m.id}`)}>{t('projects.match.conversationN', { n: i + 1 })}</a> {m.fulfilledAt ? <Tag tone="good">{t('projects.match.fulfilled')}</Tag> : m.needAgreedAt && m.offerAgreedAt ? <Tag tone="good">{t('projects.match.contactsShared')}</Tag> : <Tag tone="muted">{t('projects.match.talking')}</Tag>}
                  </li>
                ))}
              </ul>
            </>
          )}
          {!post.closedAt && (
            <Form action={href(locale, `/volunteering/posts/${post.id}/close`)}>
              <Button variant="warning">{t('projects.aid.close')}</Button>
            </Form>
          )}
        </>
      )}
      {!post && p.answering.length > 0 && (
        <section class="panel" aria-labelledby="answer">
          <h2 id="answer">{t(p.post.side === 'need' ? 'projects.match.offerHelp' : 'projects.match.askHelp')}</h2>
          <Form action={href(locale, `/volunteering/posts/${p.post.id}/match`)}>
            <Select name="fromId" label={t('projects.match.withPost')} options={p.answering.map((a) => ({ value: a.id, label: a.title }))} error={p.errors.fromId} />
            <Button>{t('projects.match.startButton')}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}

export function ConversationPage({ territory, c, values, errors, notice }: { territory: Territory; c: Conversation; values: Record<string, string>; errors: FieldErrors; notice?: string | undefined }) {
  const { t, locale, date } = useView();
  const agreed = { need: c.match.needAgreedAt !== null, offer: c.match.offerAgreedAt !== null };
  const iAgreed = c.mySides.every((s) => agreed[s]);
  const title = t('projects.match.title', { need: c.need.title, offer: c.offer.title });
  return (
    <Layout title={title}>
      <ErrorSummary errors={errors} />
      <Notice notice={notice} allowed={['opened', 'sent', 'agreed', 'fulfilled']} />
      <p>
        <a href={href(locale, `/t/${territory.slug}/volunteering`)}>{t('projects.aid.back', { territory: territory.name })}</a>
      </p>
      <h1>{t('projects.match.heading')}</h1>
      <dl class="summary-list">
        <div>
          <dt>{t('projects.side.need')}</dt>
          <dd dir="auto">
            {c.need.title} ({t(`projects.kind.${c.need.kind}`)})
          </dd>
        </div>
        <div>
          <dt>{t('projects.side.offer')}</dt>
          <dd dir="auto">{c.offer.title}</dd>
        </div>
      </dl>
      {c.need.description && c.mySides.includes('offer') && (
        <>
          <h2>{t('projects.match.aboutNeed')}</h2>
          <Paragraphs text={c.need.description} />
        </>
      )}
      <h2>{t('projects.match.contacts')}</h2>
      {c.contacts ? (
        <dl class="summary-list" id="contacts">
          <div>
            <dt>{t('projects.match.needContact')}</dt>
            <dd>
              <bdi>{c.contacts.need}</bdi>
            </dd>
          </div>
          <div>
            <dt>{t('projects.match.offerContact')}</dt>
            <dd>
              <bdi>{c.contacts.offer}</bdi>
            </dd>
          </div>
        </dl>
      ) : (
        <>
          <p>{t(iAgreed ? 'projects.match.waitingOther' : 'projects.match.notShared')}</p>
          {!iAgreed && (
            <Form action={href(locale, `/volunteering/matches/${c.match.id}/agree`)}>
              <Button>{t('projects.match.agree')}</Button>
            </Form>
          )}
        </>
      )}
      {c.contacts && !c.match.fulfilledAt && (
        <Form action={href(locale, `/volunteering/matches/${c.match.id}/fulfilled`)}>
          {errors.fulfilled && <p class="error-message" id="f-fulfilled">{t(errors.fulfilled)}</p>}
          <Button variant="secondary">{t('projects.match.markFulfilled')}</Button>
        </Form>
      )}
      {c.match.fulfilledAt && (
        <p>
          <Tag tone="good">{t('projects.match.fulfilled')}</Tag>
        </p>
      )}
      <h2>{t('projects.match.messages')}</h2>
      {c.messages.length === 0 ? (
        <p>{t('projects.match.noMessages')}</p>
      ) : (
        <ol class="card-list">
          {c.messages.map((m) => (
            <li class="card" key={m.id}>
              <p class="card__meta">
                {t(`projects.side.${m.side}`)} · <bdi>{m.authorName || t('projects.deletedAccount')}</bdi> · <time dateTime={m.at.toISOString()}>{date(m.at, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Madrid' })}</time>
              </p>
              <Paragraphs text={m.body} />
            </li>
          ))}
        </ol>
      )}
      <Form action={href(locale, `/volunteering/matches/${c.match.id}/messages`)}>
        <TextArea name="body" label={t('projects.match.write')} hint={t('projects.match.writeHint')} value={values.body} error={errors.body} rows={4} />
        <Button>{t('projects.match.send')}</Button>
      </Form>
    </Layout>
  );
}
