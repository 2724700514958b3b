// An action network's public page (members, working groups, meetings, decisions) and the coordinators' page.
import { Layout } from '../../../platform/views/layout.tsx';
import { TerritoryText, useDataLang } from '../../../platform/views/lang.tsx';
import { href, useView } from '../../../platform/views/context.ts';
import { Button, Choices, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { Territory } from '../../territories/territory.service.ts';
import type { Meeting, MeetingDecision, Network, NetworkMemberRow, WorkingGroup } from './network.service.ts';
import type { Organisation } from '../organisations/organisation.service.ts';
import { AreaList, FollowForm, Notice, Paragraphs, Tag, Tr, TrLines, When } from '../components.tsx';
import { pick } from '../../../platform/i18n/translations.ts';
import { areasOfWork } from '../agreement.settings.ts';

export interface NetworkPageProps {
  /** Whether the signed-in visitor follows the network (null signed out). */
  following: boolean | null;
  territory: Territory;
  network: Network;
  members: NetworkMemberRow[];
  groups: WorkingGroup[];
  meetings: (Meeting & { decisions: MeetingDecision[] })[];
  challenges: { id: string; title: string; status: string }[];
  joinable: Organisation[];
  canAddDepartment: boolean;
  canCoordinate: boolean;
  errors: FieldErrors;
  values: Record<string, string>;
  notice?: string;
}

export function NetworkPage(p: NetworkPageProps) {
  const { t, locale } = useView();
  const n = p.network;
  const organisations = p.members.filter((m) => m.status === 'member' && m.organisationId);
  const departments = p.members.filter((m) => m.status === 'member' && m.departmentName);
  const decisions = p.meetings.flatMap((m) => m.decisions.map((d) => ({ ...d, meeting: m })));
  const base = `/t/${p.territory.slug}/networks/${n.slug}`;
  // What members typed (decisions, meetings, names): in the territory's language.
  const own = useDataLang();
  return (
    <Layout title={pick(n.name, locale)} description={pick(n.purpose, locale)}>
      <ErrorSummary errors={p.errors} />
      <Notice notice={p.notice} allowed={['joinRequested', 'departmentRequested']} />
      <p>
        <a href={href(locale, `/t/${p.territory.slug}/agreement`)}>{t('agreement.network.back', { territory: p.territory.name })}</a>
      </p>
      <h1>
        <Tr text={n.name} />
      </h1>
      <Tr as="p" text={n.purpose} />
      <FollowForm kind="network" id={n.id} following={p.following} back={`/${locale}/t/${p.territory.slug}/networks/${n.slug}`} />
      <p class="card__meta">
        {t('agreement.network.areas')}: <AreaList areas={n.areas} />
      </p>
      <h2>{t('agreement.network.goals')}</h2>
      <TrLines text={n.goals} />
      {p.canCoordinate && (
        <p>
          <a href={href(locale, `${base}/coordinate`)}>{t('agreement.network.coordinateLink')}</a>
        </p>
      )}
      <h2>{t('agreement.network.decisions', { count: decisions.length })}</h2>
      {decisions.length === 0 ? (
        <p>{t('agreement.network.noDecisions')}</p>
      ) : (
        <ul class="decision-list">
          {decisions.map((d) => (
            <li key={d.id} class="user-text">
              <TerritoryText>{d.text}</TerritoryText>{' '}
              <span class="card__meta">
                (<TerritoryText>{d.meeting.title}</TerritoryText>, <When date={d.meeting.heldOn} />)
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('agreement.network.members', { count: organisations.length })}</h2>
      <ul hidden={organisations.length === 0}>
        {organisations.map((m) => (
          <li key={m.id} class="user-text">
            <a href={href(locale, `/organisations/${m.organisationId}`)} lang={own}>
              {m.organisationName}
            </a>
          </li>
        ))}
      </ul>
      {departments.length > 0 && (
        <>
          <h3>{t('agreement.network.departments')}</h3>
          <ul>
            {departments.map((m) => (
              <li key={m.id} class="user-text" lang={own}>
                {m.departmentName}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('agreement.network.groups')}</h2>
      {p.groups.length === 0 ? (
        <p>{t('agreement.network.noGroups')}</p>
      ) : (
        <ul>
          {p.groups.map((g) => (
            <li key={g.id} class="user-text" lang={own}>
              <strong>{g.name}</strong>
              {g.purpose && `: ${g.purpose}`}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('agreement.network.meetings')}</h2>
      <ul>
        <li>
          <a href={href(locale, `/t/${p.territory.slug}/events?network=${p.network.slug}`)}>{t('agreement.network.events')}</a>
        </li>
        <li>
          <a href={href(locale, `/t/${p.territory.slug}/networks/${p.network.slug}/events.ics`)}>{t('agreement.network.calendar')}</a>
        </li>
        <li>
          <a href={href(locale, `/t/${p.territory.slug}/debates?network=${p.network.slug}`)}>{t('agreement.network.debates')}</a>
        </li>
        <li>
          <a href={href(locale, `/t/${p.territory.slug}/statements`)}>{t('agreement.network.statements')}</a>
        </li>
      </ul>
      {p.meetings.length === 0 && <p>{t('agreement.network.noMeetings')}</p>}
      {p.meetings.map((m) => (
        <section class="panel" key={m.id} aria-labelledby={`m-${m.id}`}>
          <h3 id={`m-${m.id}`}>
            <bdi lang={own}>{m.title}</bdi> · <When date={m.heldOn} />
          </h3>
          <h4>{t('agreement.meeting.agenda')}</h4>
          <Paragraphs text={m.agenda} lang={own} />
          <h4>{t('agreement.meeting.minutes')}</h4>
          {m.minutes ? <Paragraphs text={m.minutes} lang={own} /> : <p>{t('agreement.meeting.noMinutes')}</p>}
        </section>
      ))}
      {p.challenges.length > 0 && (
        <>
          <h2>{t('agreement.network.challenges')}</h2>
          <ul>
            {p.challenges.map((c) => (
              <li key={c.id}>
                <a href={href(locale, `/challenges/${c.id}`)} lang={own}>
                  {c.title}
                </a>{' '}
                <Tag>{t(`agreement.challenge.status.${c.status}`)}</Tag>
              </li>
            ))}
          </ul>
        </>
      )}
      {p.joinable.length > 0 && (
        <section aria-labelledby="join">
          <h2 id="join">{t('agreement.network.joinTitle')}</h2>
          <Form action={href(locale, `${base}/join`)}>
            <Choices
              type="radio"
              name="organisationId"
              label={t('agreement.network.joinOrganisation')}
              options={p.joinable.map((o) => ({ value: o.id, label: o.name }))}
              value={p.values.organisationId ?? (p.joinable.length === 1 ? p.joinable[0]!.id : null)}
              error={p.errors.organisationId}
            />
            <TextArea name="message" label={t('agreement.network.joinMessage')} rows={3} value={p.values.message} error={p.errors.message} />
            <Button>{t('agreement.network.joinSubmit')}</Button>
          </Form>
        </section>
      )}
      {p.canAddDepartment && (
        <section aria-labelledby="department">
          <h2 id="department">{t('agreement.network.departmentTitle')}</h2>
          <Form action={href(locale, `${base}/departments`)}>
            <TextInput name="departmentName" label={t('agreement.network.departmentName')} value={p.values.departmentName} error={p.errors.departmentName} />
            <Button variant="secondary">{t('agreement.network.departmentSubmit')}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}

export interface CoordinatePageProps {
  territory: Territory;
  network: Network;
  requests: NetworkMemberRow[];
  groups: WorkingGroup[];
  meetings: Meeting[];
  errors: FieldErrors;
  values: Record<string, string>;
  notice?: string;
}

export function CoordinatePage(p: CoordinatePageProps) {
  const { t, locale } = useView();
  const base = `/t/${p.territory.slug}/networks/${p.network.slug}/coordinate`;
  const name = pick(p.network.name, locale);
  return (
    <Layout title={t('agreement.coordinate.title', { network: name })}>
      <ErrorSummary errors={p.errors} />
      <Notice notice={p.notice} allowed={['accepted', 'declined', 'groupAdded', 'meetingScheduled', 'minutesSaved']} />
      <h1>{t('agreement.coordinate.title', { network: name })}</h1>
      <h2>{t('agreement.coordinate.requests', { count: p.requests.length })}</h2>
      {p.requests.map((r) => {
        const who = r.organisationName ?? r.departmentName ?? '';
        return (
          <section class="panel" key={r.id} aria-labelledby={`r-${r.id}`}>
            <h3 id={`r-${r.id}`}>{who}</h3>
            <p>
              {t('agreement.coordinate.requestedBy', { person: r.requestedByName || t('agreement.challenge.deletedAccount') })} <When date={r.requestedAt} />
            </p>
            {r.message && <p>{r.message}</p>}
            <Form action={href(locale, `${base}/requests/${r.id}`)}>
              <Choices
                type="radio"
                name={`decision-${r.id}`}
                label={t('agreement.coordinate.decision', { who })}
                options={[
                  { value: 'accept', label: t('agreement.coordinate.accept') },
                  { value: 'decline', label: t('agreement.coordinate.decline') },
                ]}
                error={p.errors[`decision-${r.id}`]}
              />
              <TextArea name={`reason-${r.id}`} label={t('agreement.review.reason')} hint={t('agreement.review.reasonHint')} rows={2} error={p.errors[`reason-${r.id}`]} />
              <Button>{t('agreement.review.submit')}</Button>
            </Form>
          </section>
        );
      })}
      <h2>{t('agreement.coordinate.addGroup')}</h2>
      <Form action={href(locale, `${base}/groups`)}>
        <TextInput name="name" label={t('agreement.coordinate.groupName')} value={p.values.name} error={p.errors.name} />
        <TextArea name="purpose" label={t('agreement.coordinate.groupPurpose')} rows={2} value={p.values.purpose} />
        <Button variant="secondary">{t('agreement.coordinate.addGroupSubmit')}</Button>
      </Form>
      <h2>{t('agreement.coordinate.schedule')}</h2>
      <Form action={href(locale, `${base}/meetings`)}>
        <TextInput name="title" label={t('agreement.meeting.title')} value={p.values.title} error={p.errors.title} />
        <TextInput name="heldOn" type="date" label={t('agreement.meeting.date')} hint={t('agreement.meeting.dateHint')} value={p.values.heldOn} error={p.errors.heldOn} width="short" />
        {p.groups.length > 0 && (
          <Select
            name="workingGroupId"
            label={t('agreement.meeting.group')}
            placeholder={t('agreement.meeting.wholeNetwork')}
            options={p.groups.map((g) => ({ value: g.id, label: g.name }))}
            value={p.values.workingGroupId}
            error={p.errors.workingGroupId}
          />
        )}
        <TextArea name="agenda" label={t('agreement.meeting.agenda')} hint={t('agreement.meeting.agendaHint')} value={p.values.agenda} error={p.errors.agenda} />
        <Button variant="secondary">{t('agreement.coordinate.scheduleSubmit')}</Button>
      </Form>
      <h2>{t('agreement.coordinate.minutes')}</h2>
      {p.meetings.map((m) => (
        <section class="panel" key={m.id} aria-labelledby={`min-${m.id}`}>
          <h3 id={`min-${m.id}`}>
            {m.title} · <When date={m.heldOn} />
          </h3>
          <Form action={href(locale, `${base}/meetings/${m.id}/minutes`)}>
            <TextArea name={`minutes-${m.id}`} label={t('agreement.meeting.minutes')} value={m.minutes ?? ''} error={p.errors[`minutes-${m.id}`]} />
            <TextArea name={`decisions-${m.id}`} label={t('agreement.meeting.decisions')} hint={t('agreement.meeting.decisionsHint')} rows={4} />
            <Button variant="secondary">{t('agreement.coordinate.minutesSubmit')}</Button>
          </Form>
        </section>
      ))}
    </Layout>
  );
}

export function NewNetworkPage({ territory, values, errors }: { territory: Territory; values: Record<string, string | string[]>; errors: FieldErrors }) {
  const { t, locale } = useView();
  const one = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  const areas = Array.isArray(values.areas) ? values.areas : values.areas ? [values.areas] : [];
  return (
    <Layout title={t('agreement.newNetwork.title', { territory: territory.name })}>
      <ErrorSummary errors={errors} />
      <h1>{t('agreement.newNetwork.title', { territory: territory.name })}</h1>
      <p>{t('agreement.newNetwork.lead')}</p>
      <Form action={href(locale, `/t/${territory.slug}/networks/new`)}>
        <TextInput name="name" label={t('agreement.newNetwork.name')} value={one('name')} error={errors.name} />
        <TextInput name="slug" label={t('agreement.newNetwork.slug')} hint={t('agreement.newNetwork.slugHint')} value={one('slug')} error={errors.slug} width="short" />
        <TextArea name="purpose" label={t('agreement.newNetwork.purpose')} rows={3} value={one('purpose')} error={errors.purpose} />
        <TextArea name="goals" label={t('agreement.network.goals')} hint={t('agreement.commitments.hint')} rows={4} value={one('goals')} error={errors.goals} />
        <Choices type="checkbox" name="areas" label={t('agreement.network.areas')} options={areasOfWork.map((a) => ({ value: a, label: t(`agreement.area.${a}`) }))} value={areas} error={errors.areas} />
        <Button>{t('agreement.newNetwork.submit')}</Button>
      </Form>
    </Layout>
  );
}
