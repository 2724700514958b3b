// Project pages: a territory's joint projects, starting one, and one project (partners, goals, budget,
// milestones and progress, updates, the challenges and measures it serves; partners' forms to edit it).
import { InLang, Sentence, TerritoryText, useDataLang } from '../../../platform/views/lang.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { href, useView } from '../../../platform/views/context.ts';
import { Button, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors, type Option } from '../../../platform/views/forms.tsx';
import type { Territory } from '../../territories/territory.service.ts';
import { territoryName } from '../../territories/territory.service.ts';
import { partnerRoles } from '../projects.schema.ts';
import type { Partner, ProjectDetail, ProjectSummary } from './project.service.ts';
import { Day, Notice, Paragraphs, ProjectsNav, Tag } from '../components.tsx';
import { keptPartner } from './project-edit.service.ts';
import { FilterChips, MunicipalityName, MunicipalitySelect, municipalityChip, type MunicipalityOption } from '../../../platform/views/municipality.tsx';

function PartnerName({ partner, territory }: { partner: Pick<Partner, 'organisationId' | 'name'>; territory: Territory }) {
  const { t, locale } = useView();
  // An organisation's name is typed in the territory's language.
  return partner.organisationId ? <TerritoryText>{partner.name}</TerritoryText> : <>{t('projects.partner.councilOf', { territory: territoryName(territory, locale).text })}</>;
}

/** A link to change or remove one thing, named by that thing for people who hear the links out of their row. */
function ChangeLink({ path, action, name, lang }: { path: string; action: 'change' | 'remove'; name: string; lang: string }) {
  const { t, locale } = useView();
  return (
    <a href={href(locale, path)}>
      {t(`projects.edit.${action}`)}
      <span class="visually-hidden">
        {' '}
        <span lang={lang}>{name}</span>
      </span>
    </a>
  );
}

function Progress({ percent }: { percent: number | null }) {
  const { t } = useView();
  if (percent === null) return <span>{t('projects.project.noMilestones')}</span>;
  return (
    <span class="progress">
      <progress max={100} value={percent} aria-label={t('projects.project.progress')}>
        {percent}%
      </progress>{' '}
      {t('projects.project.progressValue', { percent })}
    </span>
  );
}

/** The forum municipalities the organisations among these partners are registered in, each once, in the forum's order. */
function partnerMunicipalities(partners: readonly Pick<Partner, 'organisationId'>[], municipalities: MunicipalityOption[], partnersIn: Map<string, string>): MunicipalityOption[] {
  const homes = new Set(partners.flatMap((x) => (x.organisationId && partnersIn.has(x.organisationId) ? [partnersIn.get(x.organisationId)!] : [])));
  return municipalities.filter((m) => homes.has(m.id));
}

export function ProjectsPage({
  territory,
  projects,
  canCreate,
  municipalities = [],
  municipality,
  partnersIn = new Map(),
}: {
  territory: Territory;
  projects: ProjectSummary[];
  canCreate: boolean;
  /** A forum's municipalities: each project says where its partners are registered, and the list filters by it. */
  municipalities?: MunicipalityOption[];
  municipality?: string | undefined;
  /** Where each partner organisation is registered, by organisation id. */
  partnersIn?: Map<string, string>;
}) {
  const { t, locale } = useView();
  const title = t('projects.list.title', { territory: territoryName(territory, locale).text });
  const path = href(locale, `/t/${territory.slug}/projects`);
  return (
    <Layout title={title}>
      <ProjectsNav slug={territory.slug} current="projects" />
      <h1>{title}</h1>
      <p class="lead">{t('projects.list.lead')}</p>
      {canCreate && (
        <p>
          <a class="button" href={href(locale, `/t/${territory.slug}/projects/new`)}>
            {t('projects.list.new')}
          </a>
        </p>
      )}
      {municipalities.length > 0 && (
        <Form action={path} method="get" class="filters">
          <div class="filters__row">
            <MunicipalitySelect municipalities={municipalities} value={municipality} label={t('projects.list.partnersFromFilter')} />
          </div>
          <Button variant="secondary">{t('projects.list.filter')}</Button>
        </Form>
      )}
      <FilterChips chips={municipalityChip(municipalities, municipality, path, t)} />
      {projects.length === 0 ? (
        <p>{t(municipality ? 'projects.list.noneFrom' : 'projects.list.none')}</p>
      ) : (
        <ul class="card-list">
          {projects.map((p) => (
            <li class="card" key={p.id}>
              <h2 class="card__title">
                <a href={href(locale, `/projects/${p.id}`)} lang={p.locale} dir="auto">
                  {p.title}
                </a>
              </h2>
              <p class="card__meta">{t('projects.list.partners', { count: p.partners.length })}</p>
              {partnerMunicipalities(p.partners, municipalities, partnersIn).length > 0 && (
                <p class="card__meta">
                  {t('projects.list.partnersFrom')}{' '}
                  {partnerMunicipalities(p.partners, municipalities, partnersIn).map((m, i) => (
                    <span key={m.id}>
                      {i > 0 && ', '}
                      <MunicipalityName municipalities={municipalities} territoryId={m.id} />
                    </span>
                  ))}
                </p>
              )}
              <p class="card__meta">
                <Progress percent={p.progress} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('projects.opendata.title')}</h2>
      <ul>
        <li>
          <a href={href(locale, `/t/${territory.slug}/projects.csv`)}>{t('projects.opendata.projectsCsv')}</a>
        </li>
        <li>
          <a href={href(locale, `/t/${territory.slug}/projects.json`)}>{t('projects.opendata.projectsJson')}</a>
        </li>
        <li>
          <a href={href(locale, `/t/${territory.slug}/project-milestones.csv`)}>{t('projects.opendata.milestonesCsv')}</a>
        </li>
        <li>
          <a href={href(locale, `/t/${territory.slug}/project-milestones.json`)}>{t('projects.opendata.milestonesJson')}</a>
        </li>
      </ul>
    </Layout>
  );
}

export function NewProjectPage({ territory, leads, values, errors }: { territory: Territory; leads: Option[]; values: Record<string, string>; errors: FieldErrors }) {
  const { t, locale } = useView();
  const title = t('projects.list.new');
  return (
    <Layout title={title}>
      <ErrorSummary errors={errors} />
      <p>
        <a href={href(locale, `/t/${territory.slug}/projects`)}>{t('projects.list.back', { territory: territoryName(territory, locale).text })}</a>
      </p>
      <h1>{title}</h1>
      <Form action={href(locale, `/t/${territory.slug}/projects/new`)}>
        <Select name="lead" label={t('projects.project.lead')} options={leads} value={values.lead} error={errors.lead} />
        <TextInput name="title" label={t('projects.project.titleLabel')} value={values.title} error={errors.title} />
        <TextArea name="summary" label={t('projects.project.summary')} value={values.summary} error={errors.summary} rows={5} />
        <TextArea name="goals" label={t('projects.project.goals')} hint={t('projects.project.goalsHint')} value={values.goals} error={errors.goals} rows={5} />
        <Button>{t('projects.project.create')}</Button>
      </Form>
    </Layout>
  );
}

export interface ProjectPageProps {
  territory: Territory;
  detail: ProjectDetail;
  /** The partners the person acts for; empty for everyone who may not edit. */
  mine: Partner[];
  partnerOptions: Option[];
  challengeOptions: Option[];
  measureOptions: Option[];
  values: Record<string, string>;
  errors: FieldErrors;
  notice?: string | undefined;
  /** A forum's municipalities and where each partner organisation is registered. */
  municipalities?: MunicipalityOption[];
  partnersIn?: Map<string, string>;
}

export function ProjectPage(p: ProjectPageProps) {
  const { t, locale, number, date } = useView();
  const { project, partners, budget, milestones, updates } = p.detail;
  const total = budget.reduce((s, b) => s + b.amountCents, 0);
  const euros = (cents: number) => number(cents / 100, { style: 'currency', currency: 'EUR' });
  const goals = project.goals.split(/\r?\n/).filter((g) => g.trim());
  const editing = p.mine.length > 0;
  // What the partners type (milestones, budget lines, updates) is in the project's language.
  const own = useDataLang(project.locale);
  const territoryLang = useDataLang();
  const projectTitle = <InLang lang={own}>{project.title}</InLang>;
  return (
    <Layout title={project.title} description={project.summary.slice(0, 160)}>
      <ErrorSummary errors={p.errors} />
      <Notice notice={p.notice} allowed={['created', 'partnerAdded', 'budgetAdded', 'milestoneAdded', 'milestoneChanged', 'updatePosted', 'linked', 'projectEdited', 'milestoneEdited', 'milestoneRemoved', 'budgetEdited', 'budgetRemoved', 'partnerEdited', 'partnerRemoved']} />
      <p>
        <a href={href(locale, `/t/${p.territory.slug}/projects`)}>{t('projects.list.back', { territory: territoryName(p.territory, locale).text })}</a>
      </p>
      <article lang={project.locale} dir="auto">
        <h1>{project.title}</h1>
        <Paragraphs text={project.summary} />
      </article>
      {editing && (
        <p>
          <a href={href(locale, `/projects/${project.id}/edit`)}>{t('projects.project.edit')}</a>
        </p>
      )}
      <p class="lead">
        <Progress percent={p.detail.progress} />
      </p>
      <h2>{t('projects.project.partners')}</h2>
      <ul>
        {partners.map((x) => (
          <li key={x.id}>
            <PartnerName partner={x} territory={p.territory} />
            {x.organisationId && (p.municipalities ?? []).some((m) => m.id === p.partnersIn?.get(x.organisationId!)) && (
              <>
                {' '}
                (<MunicipalityName municipalities={p.municipalities ?? []} territoryId={p.partnersIn?.get(x.organisationId)} />)
              </>
            )}{' '}
            <Tag tone="muted">{t(`projects.role.${x.role}`)}</Tag>
            {editing && x.organisationId && (
              <>
                {' '}
                · <ChangeLink path={`/projects/${project.id}/partners/${x.id}/edit`} action="change" name={x.name} lang={project.locale} />
              </>
            )}
            {editing && !keptPartner(partners, x) && (
              <>
                {' '}
                · <ChangeLink path={`/projects/${project.id}/partners/${x.id}/remove`} action="remove" name={x.organisationId ? x.name : t('projects.partner.councilOf', { territory: territoryName(p.territory, locale).text })} lang={x.organisationId ? project.locale : locale} />
              </>
            )}
          </li>
        ))}
      </ul>
      {editing && <p class="hint">{t('projects.partner.removeRule')}</p>}
      {goals.length > 0 && (
        <>
          <h2>{t('projects.project.goals')}</h2>
          <ul lang={project.locale} dir="auto">
            {goals.map((g, i) => (
              <li key={i}>{g}</li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('projects.milestone.title')}</h2>
      {milestones.length === 0 ? (
        <p>{t('projects.project.noMilestones')}</p>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="milestones-caption">
        <table class="table">
          <caption class="visually-hidden" id="milestones-caption">
            <Sentence say={(v) => t('projects.milestone.caption', v)} data={{ project: projectTitle }} />
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('projects.milestone.name')}</th>
              <th scope="col">{t('projects.milestone.dueOn')}</th>
              <th scope="col">{t('projects.milestone.state')}</th>
              {editing && <th scope="col">{t('projects.milestone.change')}</th>}
            </tr>
          </thead>
          <tbody>
            {milestones.map((m) => (
              <tr key={m.id}>
                <td dir="auto" lang={own}>
                  {m.title}
                </td>
                <td>
                  <Day day={m.dueOn} />
                </td>
                <td>
                  {m.doneOn ? (
                    <>
                      <Tag tone="good">{t('projects.milestone.done')}</Tag> <Day day={m.doneOn} />
                    </>
                  ) : (
                    <Tag tone="muted">{t('projects.milestone.notDone')}</Tag>
                  )}
                </td>
                {editing && (
                  <td>
                    <Form action={href(locale, `/projects/${project.id}/milestones/${m.id}`)}>
                      <input type="hidden" name="done" value={m.doneOn ? 'no' : 'yes'} />
                      <Button variant="secondary">{m.doneOn ? t('projects.milestone.markNotDone', { milestone: m.title }) : t('projects.milestone.markDone', { milestone: m.title })}</Button>
                    </Form>
                    <ChangeLink path={`/projects/${project.id}/milestones/${m.id}/edit`} action="change" name={m.title} lang={project.locale} /> ·{' '}
                    <ChangeLink path={`/projects/${project.id}/milestones/${m.id}/remove`} action="remove" name={m.title} lang={project.locale} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      {budget.length > 0 && (
        <>
          <h2>{t('projects.budget.title')}</h2>
          {/* Narrow screens scroll the budget sideways: a keyboard reaches it too. */}
          <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="budget-caption">
          <table class="table">
            <caption class="visually-hidden" id="budget-caption">
              <Sentence say={(v) => t('projects.budget.caption', v)} data={{ project: projectTitle }} />
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('projects.budget.concept')}</th>
                <th scope="col">{t('projects.budget.funder')}</th>
                <th scope="col" class="num">
                  {t('projects.budget.amount')}
                </th>
                {editing && <th scope="col">{t('projects.milestone.change')}</th>}
              </tr>
            </thead>
            <tbody>
              {budget.map((b) => (
                <tr key={b.id}>
                  <td dir="auto" lang={own}>
                    {b.concept}
                  </td>
                  <td dir="auto" lang={own}>
                    {b.funder}
                  </td>
                  <td class="num">{euros(b.amountCents)}</td>
                  {editing && (
                    <td>
                      <ChangeLink path={`/projects/${project.id}/budget/${b.id}/edit`} action="change" name={b.concept} lang={project.locale} /> ·{' '}
                      <ChangeLink path={`/projects/${project.id}/budget/${b.id}/remove`} action="remove" name={b.concept} lang={project.locale} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t('projects.budget.total')}
                </th>
                <td class="num">{euros(total)}</td>
                {editing && <td />}
              </tr>
            </tfoot>
          </table>
          </div>
        </>
      )}
      {(p.detail.challenges.length > 0 || p.detail.measures.length > 0) && (
        <>
          <h2>{t('projects.link.title')}</h2>
          <ul>
            {p.detail.challenges.map((c) => (
              <li key={c.id}>
                {t('projects.link.answers')}{' '}
                <a href={href(locale, `/challenges/${c.id}`)} dir="auto" lang={territoryLang}>
                  {c.title}
                </a>
              </li>
            ))}
            {p.detail.measures.map((m) => (
              <li key={m.id}>
                {t('projects.link.serves')}{' '}
                <a href={href(locale, `/t/${p.territory.slug}/plans/${m.planSlug}`)} dir="auto">
                  {m.code} · <InLang lang={m.lang}>{m.title}</InLang>
                </a>{' '}
                (<InLang lang={m.lang}>{m.planTitle}</InLang>)
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('projects.update.title')}</h2>
      {updates.length === 0 ? (
        <p>{t('projects.update.none')}</p>
      ) : (
        <ol class="card-list">
          {updates.map((u) => (
            <li class="card" key={u.id}>
              <p class="card__meta">
                <time dateTime={u.postedAt.toISOString()}>{date(u.postedAt, { dateStyle: 'long' })}</time> · <PartnerName partner={{ organisationId: u.organisationId, name: u.partnerName }} territory={p.territory} />
              </p>
              <Paragraphs text={u.body} lang={own} />
            </li>
          ))}
        </ol>
      )}
      {editing && (
        <section class="panel" aria-labelledby="partners-edit">
          <h2 id="partners-edit">{t('projects.edit.title')}</h2>
          <h3>{t('projects.update.post')}</h3>
          <Form action={href(locale, `/projects/${project.id}/updates`)}>
            {p.mine.length > 1 ? (
              <Select name="partnerId" label={t('projects.update.for')} options={p.mine.map((x) => ({ value: x.id, label: x.organisationId ? x.name : t('projects.partner.councilOf', { territory: territoryName(p.territory, locale).text }) }))} value={p.values.partnerId} error={p.errors.partnerId} />
            ) : (
              <input type="hidden" name="partnerId" value={p.mine[0]!.id} />
            )}
            <TextArea name="body" label={t('projects.update.body')} value={p.values.body} error={p.errors.body} rows={5} />
            <Button>{t('projects.update.postButton')}</Button>
          </Form>
          <h3>{t('projects.milestone.add')}</h3>
          <Form action={href(locale, `/projects/${project.id}/milestones`)}>
            <TextInput name="title" label={t('projects.milestone.name')} value={p.values.title} error={p.errors.title} />
            <TextInput name="dueOn" type="date" label={t('projects.milestone.dueOn')} hint={t('projects.dateHint')} value={p.values.dueOn} error={p.errors.dueOn} width="short" />
            <Button>{t('projects.milestone.addButton')}</Button>
          </Form>
          <h3>{t('projects.partner.add')}</h3>
          <Form action={href(locale, `/projects/${project.id}/partners`)}>
            <Select name="partner" label={t('projects.partner.which')} placeholder="" options={p.partnerOptions} value={p.values.partner} error={p.errors.partner} />
            <Select name="role" label={t('projects.partner.role')} options={partnerRoles.filter((r) => r !== 'lead' || !partners.some((x) => x.role === 'lead')).map((r) => ({ value: r, label: t(`projects.role.${r}`) }))} value={p.values.role ?? 'partner'} error={p.errors.role} />
            <Button variant="secondary">{t('projects.partner.addButton')}</Button>
          </Form>
          <h3>{t('projects.budget.add')}</h3>
          <Form action={href(locale, `/projects/${project.id}/budget`)}>
            <TextInput name="concept" label={t('projects.budget.concept')} value={p.values.concept} error={p.errors.concept} />
            <TextInput name="amount" label={t('projects.budget.amountEuros')} hint={t('projects.budget.amountHint')} inputMode="numeric" value={p.values.amount} error={p.errors.amount} width="short" />
            <TextInput name="funder" label={t('projects.budget.funder')} value={p.values.funder} error={p.errors.funder} />
            <Button variant="secondary">{t('projects.budget.addButton')}</Button>
          </Form>
          {p.challengeOptions.length > 0 && (
            <Form action={href(locale, `/projects/${project.id}/links`)}>
              <Select name="challengeId" label={t('projects.link.challenge')} placeholder="" options={p.challengeOptions} value={p.values.challengeId} error={p.errors.challengeId} />
              <Button variant="secondary">{t('projects.link.addChallenge')}</Button>
            </Form>
          )}
          {p.measureOptions.length > 0 && (
            <Form action={href(locale, `/projects/${project.id}/links`)}>
              <Select name="measureId" label={t('projects.link.measure')} placeholder="" options={p.measureOptions} value={p.values.measureId} error={p.errors.measureId} />
              <Button variant="secondary">{t('projects.link.addMeasure')}</Button>
            </Form>
          )}
        </section>
      )}
    </Layout>
  );
}
