// Event pages: a territory's events with filters and calendars, scheduling one, one event (registration,
// waiting list, add to calendar, minutes) and the organisers' page (registrations, attendance, minutes).
import { InLang, useDataLang } from '../../../platform/views/lang.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { href, useView } from '../../../platform/views/context.ts';
import { Button, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { Territory } from '../../territories/territory.service.ts';
import { territoryName } from '../../territories/territory.service.ts';
import type { EventRegistration, EventSummary } from './event.service.ts';
import { CoproductionNav, Notice, Paragraphs, Span, Tag, When } from '../components.tsx';
import { FilterChips, MunicipalityName, MunicipalitySelect, municipalityChip, type MunicipalityOption } from '../../../platform/views/municipality.tsx';

export interface NetworkOption {
  id: string;
  slug: string;
  name: string;
  /** The language the name is shown in. */
  lang: string;
}

function Places({ event }: { event: EventSummary }) {
  const { t } = useView();
  const full = event.registered >= event.capacity;
  return (
    <>
      {t('coproduction.event.places', { taken: event.registered, capacity: event.capacity })}{' '}
      {full && <Tag tone="warn">{t('coproduction.event.full')}</Tag>}
      {event.waiting > 0 && <> {t('coproduction.event.waitingCount', { count: event.waiting })}</>}
    </>
  );
}

export interface EventsPageProps {
  territory: Territory;
  events: EventSummary[];
  networks: NetworkOption[];
  filters: { network?: string | undefined; when?: string | undefined; municipality?: string | undefined };
  canOrganise: boolean;
  calendarPath: string;
  /** A forum's municipalities: each event says in which one it is held, and the list filters by it. */
  municipalities?: MunicipalityOption[];
}

/** The list's address with these filters; the default period is left out. */
function eventsHref(path: string, filters: EventsPageProps['filters']): string {
  const query = new URLSearchParams();
  if (filters.network) query.set('network', filters.network);
  if (filters.when && filters.when !== 'upcoming') query.set('when', filters.when);
  if (filters.municipality) query.set('municipality', filters.municipality);
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

export function EventsPage({ territory, events, networks, filters, canOrganise, calendarPath, municipalities = [] }: EventsPageProps) {
  const { t, locale } = useView();
  const networkName = new Map(networks.map((n) => [n.id, <InLang lang={n.lang}>{n.name}</InLang>]));
  // Titles and places: typed in the territory's language.
  const own = useDataLang();
  const base = `/t/${territory.slug}/events`;
  const title = t('coproduction.events.title', { territory: territoryName(territory, locale).text });
  return (
    <Layout title={title}>
      <CoproductionNav slug={territory.slug} current="events" />
      <h1>{title}</h1>
      <p class="lead">{t('coproduction.events.lead')}</p>
      {canOrganise && (
        <p>
          <a class="button" href={href(locale, `${base}/new`)}>
            {t('coproduction.events.new')}
          </a>
        </p>
      )}
      <Form action={href(locale, base)} method="get" class="filters">
        <div class="filters__row">
          <Select name="network" label={t('coproduction.events.network')} placeholder={t('coproduction.any')} options={networks.map((n) => ({ value: n.slug, label: n.name, ...(n.lang !== locale ? { lang: n.lang } : {}) }))} value={filters.network ?? ''} />
          <Select
            name="when"
            label={t('coproduction.events.period')}
            options={(['upcoming', 'past', 'all'] as const).map((w) => ({ value: w, label: t(`coproduction.events.when.${w}`) }))}
            value={filters.when ?? 'upcoming'}
          />
          <MunicipalitySelect municipalities={municipalities} value={filters.municipality} label={t('coproduction.events.heldInFilter')} />
        </div>
        <Button variant="secondary">{t('coproduction.filter')}</Button>
      </Form>
      <FilterChips chips={municipalityChip(municipalities, filters.municipality, eventsHref(href(locale, base), { ...filters, municipality: undefined }), t)} />
      {events.length === 0 ? (
        <p>{t(filters.municipality ? 'platform.list.none' : 'coproduction.events.none')}</p>
      ) : (
        <ul class="card-list" aria-label={t('coproduction.events.listLabel', { count: events.length })}>
          {events.map((e) => (
            <li class="card" key={e.id}>
              <h2 class="card__title">
                <a href={href(locale, `/events/${e.id}`)} dir="auto" lang={own}>
                  {e.title}
                </a>
              </h2>
              <p class="card__meta">
                <Span from={e.startsAt} to={e.endsAt} />
              </p>
              <p class="card__meta" dir="auto" lang={e.place ? own : undefined}>
                {e.place || t('coproduction.event.onlineOnly')}
              </p>
              {municipalities.some((m) => m.id === e.municipalityId) && (
                <p class="card__meta">
                  {t('coproduction.event.heldIn')} <MunicipalityName municipalities={municipalities} territoryId={e.municipalityId} />
                </p>
              )}
              {e.networkId && networkName.has(e.networkId) && <p class="card__meta">{networkName.get(e.networkId)}</p>}
              <p class="card__meta">
                <Places event={e} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('coproduction.events.subscribe')}</h2>
      <p>{t('coproduction.events.subscribeHint')}</p>
      <ul>
        <li>
          <a href={href(locale, calendarPath)}>{t('coproduction.events.calendarFile', { name: filters.network ? (networks.find((n) => n.slug === filters.network)?.name ?? territoryName(territory, locale).text) : territoryName(territory, locale).text })}</a>
        </li>
        <li>
          <a href={href(locale, `${base}.csv`)}>{t('coproduction.openData.csv')}</a>
        </li>
        <li>
          <a href={href(locale, `${base}.json`)}>{t('coproduction.openData.json')}</a>
        </li>
        <li>
          <a href={href(locale, `${base}/datapackage.json`)}>{t('coproduction.openData.datapackage')}</a>
        </li>
      </ul>
    </Layout>
  );
}

export function NewEventPage({
  territory,
  networks,
  values,
  errors,
  municipalities = [],
}: {
  territory: Territory;
  networks: NetworkOption[];
  values: Record<string, string>;
  errors: FieldErrors;
  /** A forum's municipalities, one of which is where the event is held; none outside a forum (no question then). */
  municipalities?: MunicipalityOption[];
}) {
  const { t, locale } = useView();
  const title = t('coproduction.events.new');
  return (
    <Layout title={title}>
      <ErrorSummary errors={errors} />
      <p>
        <a href={href(locale, `/t/${territory.slug}/events`)}>{t('coproduction.events.back', { territory: territoryName(territory, locale).text })}</a>
      </p>
      <h1>{title}</h1>
      <Form action={href(locale, `/t/${territory.slug}/events/new`)}>
        <Select name="networkId" label={t('coproduction.events.network')} hint={t('coproduction.event.networkHint')} placeholder={t('coproduction.event.wholeTerritory', { territory: territoryName(territory, locale).text })} options={networks.map((n) => ({ value: n.id, label: n.name, ...(n.lang !== locale ? { lang: n.lang } : {}) }))} value={values.networkId} error={errors.networkId} />
        <TextInput name="title" label={t('coproduction.event.titleLabel')} value={values.title} error={errors.title} />
        <TextArea name="description" label={t('coproduction.event.description')} hint={t('coproduction.event.descriptionHint')} value={values.description} error={errors.description} />
        <TextInput name="date" type="date" label={t('coproduction.event.date')} hint={t('coproduction.event.dateHint')} value={values.date} error={errors.date} width="short" />
        <TextInput name="startTime" type="text" inputMode="numeric" label={t('coproduction.event.startTime')} hint={t('coproduction.event.timeHint')} value={values.startTime} error={errors.startTime} width="short" dir="ltr" />
        <TextInput name="endTime" type="text" inputMode="numeric" label={t('coproduction.event.endTime')} hint={t('coproduction.event.timeHint')} value={values.endTime} error={errors.endTime} width="short" dir="ltr" />
        <TextInput name="place" label={t('coproduction.event.place')} hint={t('coproduction.event.placeHint')} value={values.place} error={errors.place} autocomplete="street-address" />
        <TextInput name="onlineUrl" type="url" label={t('coproduction.event.onlineUrl')} hint={t('coproduction.event.onlineUrlHint')} value={values.onlineUrl} error={errors.onlineUrl} />
        {municipalities.length > 0 && (
          <Select
            name="municipalityId"
            label={t('coproduction.event.municipalityLabel')}
            hint={t('coproduction.event.municipalityHint')}
            placeholder={t('coproduction.event.acrossForum')}
            options={municipalities.map((m) => ({ value: m.id, label: m.text, lang: m.lang }))}
            value={values.municipalityId}
            error={errors.municipalityId}
          />
        )}
        <TextInput name="capacity" type="text" inputMode="numeric" label={t('coproduction.event.capacity')} hint={t('coproduction.event.capacityHint')} value={values.capacity} error={errors.capacity} width="short" dir="ltr" />
        <Button>{t('coproduction.event.schedule')}</Button>
      </Form>
    </Layout>
  );
}

export interface EventPageProps {
  territory: Territory;
  event: EventSummary;
  networkName: string | null;
  networkLang: string | null;
  networkSlug: string | null;
  /** A forum's municipalities: the page says in which one the event is held. */
  municipalities?: MunicipalityOption[];
  registration: EventRegistration | null;
  position: number | null;
  signedIn: boolean;
  canOrganise: boolean;
  attended: number;
  links: { google: string; outlook: string };
  notice?: string | undefined;
  now: Date;
}

export function EventPage(p: EventPageProps) {
  const { t, locale, pathWithoutLocale } = useView();
  const e = p.event;
  const full = e.registered >= e.capacity;
  const open = e.startsAt > p.now;
  const past = e.endsAt < p.now;
  const own = useDataLang();
  return (
    <Layout title={e.title} description={e.description.slice(0, 160)}>
      <Notice notice={p.notice} allowed={['scheduled', 'registered', 'waiting', 'cancelled', 'minutes']} />
      <p>
        <a href={href(locale, `/t/${p.territory.slug}/events`)}>{t('coproduction.events.back', { territory: territoryName(p.territory, locale).text })}</a>
      </p>
      <h1 dir="auto" lang={own}>
        {e.title}
      </h1>
      <dl class="summary-list">
        <div>
          <dt>{t('coproduction.event.whenLabel')}</dt>
          <dd>
            <Span from={e.startsAt} to={e.endsAt} />
          </dd>
        </div>
        <div>
          <dt>{t('coproduction.event.place')}</dt>
          <dd dir="auto" lang={e.place ? own : undefined}>
            {e.place || t('coproduction.event.onlineOnly')}
          </dd>
        </div>
        {(p.municipalities ?? []).length > 0 && (
          <div>
            <dt>{t('coproduction.event.municipality')}</dt>
            <dd>{(p.municipalities ?? []).some((m) => m.id === e.municipalityId) ? <MunicipalityName municipalities={p.municipalities ?? []} territoryId={e.municipalityId} /> : t('coproduction.event.acrossForum')}</dd>
          </div>
        )}
        {e.onlineUrl && (
          <div>
            <dt>{t('coproduction.event.onlineUrl')}</dt>
            <dd>
              <a href={e.onlineUrl} rel="noopener noreferrer" dir="ltr">
                {e.onlineUrl}
              </a>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('coproduction.event.organiser')}</dt>
          <dd>
            {p.networkName && p.networkSlug ? (
              <a href={href(locale, `/t/${p.territory.slug}/networks/${p.networkSlug}`)}>
                <InLang lang={p.networkLang}>{p.networkName}</InLang>
              </a>
            ) : (
              p.territory.name
            )}
          </dd>
        </div>
        <div>
          <dt>{t('coproduction.event.placesLabel')}</dt>
          <dd>
            <Places event={e} />
          </dd>
        </div>
      </dl>
      <Paragraphs text={e.description} lang={own} />
      <section class="panel" aria-labelledby="registration">
        <h2 id="registration">{t('coproduction.event.registration')}</h2>
        {p.registration?.status === 'registered' && (
          <>
            <p>{t('coproduction.event.youHaveAPlace')}</p>
            <p>
              {t('coproduction.event.yourCode')} <strong class="registration-code" dir="ltr" data-registration-code>
                {p.registration.code}
              </strong>
            </p>
            <p class="hint">{t('coproduction.event.codeHint')}</p>
          </>
        )}
        {p.registration?.status === 'waiting' && <p>{t('coproduction.event.youAreWaiting', { position: p.position ?? 1 })}</p>}
        {p.registration && open && (
          <Form action={href(locale, `/events/${e.id}/cancel`)}>
            <Button variant="secondary">{p.registration.status === 'waiting' ? t('coproduction.event.leaveWaiting') : t('coproduction.event.cancel')}</Button>
          </Form>
        )}
        {!p.registration && open && p.signedIn && (
          <Form action={href(locale, `/events/${e.id}/register`)}>
            {full && <p>{t('coproduction.event.fullHint')}</p>}
            <Button>{full ? t('coproduction.event.joinWaiting') : t('coproduction.event.register')}</Button>
          </Form>
        )}
        {!p.registration && open && !p.signedIn && (
          <p>
            <a href={href(locale, `/account/sign-in?next=${encodeURIComponent(`/${locale}${pathWithoutLocale}`)}`)}>{t('coproduction.event.signInToRegister')}</a>
          </p>
        )}
        {!open && <p>{t('coproduction.event.closed')}</p>}
      </section>
      {!past && (
        <section aria-labelledby="calendar">
          <h2 id="calendar">{t('coproduction.event.addToCalendar')}</h2>
          <ul>
            <li>
              <a href={href(locale, `/events/${e.id}/calendar.ics`)}>{t('coproduction.event.icsFile')}</a>
            </li>
            <li>
              <a href={p.links.google} rel="noopener noreferrer">
                {t('coproduction.event.google')}
              </a>
            </li>
            <li>
              <a href={p.links.outlook} rel="noopener noreferrer">
                {t('coproduction.event.outlook')}
              </a>
            </li>
          </ul>
        </section>
      )}
      {past && (
        <section aria-labelledby="minutes">
          <h2 id="minutes">{t('coproduction.event.minutes')}</h2>
          <p>{t('coproduction.event.attendedCount', { count: p.attended })}</p>
          {e.minutes ? <Paragraphs text={e.minutes} lang={own} /> : <p>{t('coproduction.event.noMinutes')}</p>}
        </section>
      )}
      {p.canOrganise && (
        <p>
          <a class="button button--secondary" href={href(locale, `/events/${e.id}/manage`)}>
            {t('coproduction.event.manage')}
          </a>
        </p>
      )}
    </Layout>
  );
}

export interface ManageEventPageProps {
  territory: Territory;
  event: EventSummary;
  registrations: EventRegistration[];
  values: Record<string, string>;
  errors: FieldErrors;
  notice?: string | undefined;
}

export function ManageEventPage({ event, registrations, values, errors, notice }: ManageEventPageProps) {
  const { t, locale } = useView();
  const title = t('coproduction.manage.title', { event: event.title });
  return (
    <Layout title={title}>
      <ErrorSummary errors={errors} />
      <Notice notice={notice} allowed={['attended', 'minutes']} />
      <p>
        <a href={href(locale, `/events/${event.id}`)}>{t('coproduction.manage.back')}</a>
      </p>
      <h1 dir="auto">{title}</h1>
      <p>
        <When date={event.startsAt} />
      </p>
      <section class="panel" aria-labelledby="attendance">
        <h2 id="attendance">{t('coproduction.manage.attendance')}</h2>
        <Form action={href(locale, `/events/${event.id}/attendance`)}>
          <TextInput name="code" label={t('coproduction.manage.code')} hint={t('coproduction.manage.codeHint')} value={values.code} error={errors.code} width="short" dir="ltr" autocomplete="off" />
          <Button>{t('coproduction.manage.markPresent')}</Button>
        </Form>
      </section>
      <div class="table-scroll">
        <table class="table">
          <caption>{t('coproduction.manage.caption', { registered: event.registered, waiting: event.waiting, capacity: event.capacity })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('coproduction.manage.name')}</th>
              <th scope="col">{t('coproduction.manage.status')}</th>
              <th scope="col">{t('coproduction.manage.code')}</th>
              <th scope="col">{t('coproduction.manage.present')}</th>
            </tr>
          </thead>
          <tbody>
            {registrations.map((r) => (
              <tr key={r.id}>
                <th scope="row" dir="auto">
                  {r.name || t('coproduction.deletedAccount')}
                </th>
                <td>{t(`coproduction.registration.status.${r.status}`)}</td>
                <td dir="ltr">{r.code}</td>
                <td>{r.attended ? t('coproduction.yes') : t('coproduction.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section class="panel" aria-labelledby="minutes-form">
        <h2 id="minutes-form">{t('coproduction.event.minutes')}</h2>
        <Form action={href(locale, `/events/${event.id}/minutes`)}>
          <TextArea name="minutes" label={t('coproduction.manage.minutesLabel')} hint={t('coproduction.manage.minutesHint')} value={values.minutes ?? event.minutes ?? ''} error={errors.minutes} rows={8} />
          <Button>{t('coproduction.manage.saveMinutes')}</Button>
        </Form>
      </section>
    </Layout>
  );
}
