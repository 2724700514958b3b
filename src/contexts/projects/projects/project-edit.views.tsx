// A project's partners change what they added, each thing on its own page: the project's name, summary and goals,
// a milestone, a budget line, a partner's role; and removing one asks first, on a page of its own.
import type { ComponentChildren } from 'preact';
import { FormPage } from '../../../platform/views/form-page.tsx';
import { href, useView } from '../../../platform/views/context.ts';
import { InLang } from '../../../platform/views/lang.tsx';
import { Button, Form, Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { localeNames, locales } from '../../../platform/i18n/locales.ts';
import type { Territory } from '../../territories/territory.service.ts';
import { territoryName } from '../../territories/territory.service.ts';
import { partnerRoles } from '../projects.schema.ts';
import type { BudgetLine, Milestone, Partner, Project } from './project.service.ts';
import { Day } from '../components.tsx';

interface EditProps {
  territory: Territory;
  project: Project;
  values: Record<string, string>;
  errors: FieldErrors;
}

/** The project the page is about, in the language its partners wrote it in. */
function OfProject({ project }: { project: Project }) {
  const { t } = useView();
  return (
    <p class="lead">
      {t('projects.edit.ofProject')} <InLang lang={project.locale}>{project.title}</InLang>
    </p>
  );
}

function PartnerLabel({ partner, territory }: { partner: Pick<Partner, 'organisationId' | 'name'>; territory: Territory }) {
  const { t, locale } = useView();
  return <>{partner.organisationId ? partner.name : t('projects.partner.councilOf', { territory: territoryName(territory, locale).text })}</>;
}

export function EditProjectPage({ project, values, errors }: EditProps) {
  const { t, locale } = useView();
  const action = href(locale, `/projects/${project.id}/edit`);
  return (
    <FormPage title={t('projects.project.edit')} errors={errors} back={`/projects/${project.id}`}>
      <OfProject project={project} />
      <Form action={action}>
        <TextInput name="title" label={t('projects.project.titleLabel')} value={values.title} error={errors.title} />
        <TextArea name="summary" label={t('projects.project.summary')} value={values.summary} error={errors.summary} rows={5} />
        <TextArea name="goals" label={t('projects.project.goals')} hint={t('projects.project.goalsHint')} value={values.goals} error={errors.goals} rows={5} />
        <Select name="locale" label={t('projects.project.language')} hint={t('projects.project.languageHint')} options={locales.map((l) => ({ value: l, label: localeNames[l], lang: l }))} value={values.locale} error={errors.locale} />
        <Button>{t('projects.edit.save')}</Button>
      </Form>
    </FormPage>
  );
}

export function EditMilestonePage({ project, milestoneId, values, errors }: EditProps & { milestoneId: string }) {
  const { t, locale } = useView();
  return (
    <FormPage title={t('projects.milestone.edit')} errors={errors} back={`/projects/${project.id}`}>
      <OfProject project={project} />
      <Form action={href(locale, `/projects/${project.id}/milestones/${milestoneId}/edit`)}>
        <TextInput name="title" label={t('projects.milestone.name')} value={values.title} error={errors.title} />
        <TextInput name="dueOn" type="date" label={t('projects.milestone.dueOn')} hint={t('projects.dateHint')} value={values.dueOn} error={errors.dueOn} width="short" />
        <Button>{t('projects.edit.save')}</Button>
      </Form>
    </FormPage>
  );
}

export function EditBudgetLinePage({ project, lineId, values, errors }: EditProps & { lineId: string }) {
  const { t, locale } = useView();
  return (
    <FormPage title={t('projects.budget.edit')} errors={errors} back={`/projects/${project.id}`}>
      <OfProject project={project} />
      <Form action={href(locale, `/projects/${project.id}/budget/${lineId}/edit`)}>
        <TextInput name="concept" label={t('projects.budget.concept')} value={values.concept} error={errors.concept} />
        <TextInput name="amount" label={t('projects.budget.amountEuros')} hint={t('projects.budget.amountHint')} inputMode="numeric" value={values.amount} error={errors.amount} width="short" />
        <TextInput name="funder" label={t('projects.budget.funder')} value={values.funder} error={errors.funder} />
        <Button>{t('projects.edit.save')}</Button>
      </Form>
    </FormPage>
  );
}

export function EditPartnerPage({ territory, project, partner, values, errors }: EditProps & { partner: Partner }) {
  const { t, locale } = useView();
  const roles = partner.organisationId ? partnerRoles.filter((r) => r !== 'council') : (['council'] as const);
  return (
    <FormPage title={t('projects.partner.edit')} errors={errors} back={`/projects/${project.id}`}>
      <OfProject project={project} />
      <p>
        <strong>
          <PartnerLabel partner={partner} territory={territory} />
        </strong>
      </p>
      <p>{t('projects.partner.rolesRule')}</p>
      <Form action={href(locale, `/projects/${project.id}/partners/${partner.id}/edit`)}>
        <Select name="role" label={t('projects.partner.role')} options={roles.map((r) => ({ value: r, label: t(`projects.role.${r}`) }))} value={values.role} error={errors.role} />
        <Button>{t('projects.edit.save')}</Button>
      </Form>
    </FormPage>
  );
}

/** What is to be removed, as its partners wrote it (a milestone, a budget line) or a partner's name. */
export interface Removal {
  kind: 'milestone' | 'budget' | 'partner';
  /** The path the confirmation posts to, without the locale. */
  path: string;
  /** Why it may not be removed (a translation key), when it may not. */
  refusal: string | null;
}

export function ConfirmRemovalPage({ project, removal, children }: { project: Project; removal: Removal; children: ComponentChildren }) {
  const { t, locale } = useView();
  const back = href(locale, `/projects/${project.id}`);
  return (
    <FormPage title={t(`projects.remove.${removal.kind}.title`)} back={`/projects/${project.id}`}>
      <OfProject project={project} />
      {children}
      {removal.refusal ? (
        <>
          <p class="error-message" id="f-_form">
            {t(removal.refusal)}
          </p>
          <p>
            <a href={back}>{t('projects.remove.backToProject')}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t(`projects.remove.${removal.kind}.consequence`)}</p>
          <Form action={href(locale, removal.path)}>
            <div class="button-group">
              <Button variant="warning">{t(`projects.remove.${removal.kind}.confirm`)}</Button>
              <a class="button button--secondary" href={back}>
                {t('projects.remove.cancel')}
              </a>
            </div>
          </Form>
        </>
      )}
    </FormPage>
  );
}

/** What is about to be removed, as the partners see it on the project's page. */
export function RemovalView({ territory, project, milestone, line, partner }: { territory: Territory; project: Project; milestone?: Milestone; line?: BudgetLine; partner?: Partner }) {
  const { t, number } = useView();
  const facts: [label: string, value: ComponentChildren][] = [];
  if (milestone) {
    facts.push([t('projects.milestone.name'), <InLang lang={project.locale}>{milestone.title}</InLang>], [t('projects.milestone.dueOn'), <Day day={milestone.dueOn} />]);
    facts.push([t('projects.milestone.state'), milestone.doneOn ? <Day day={milestone.doneOn} /> : t('projects.milestone.notDone')]);
  }
  if (line) {
    facts.push([t('projects.budget.concept'), <InLang lang={project.locale}>{line.concept}</InLang>], [t('projects.budget.amount'), number(line.amountCents / 100, { style: 'currency', currency: 'EUR' })]);
    if (line.funder) facts.push([t('projects.budget.funder'), <InLang lang={project.locale}>{line.funder}</InLang>]);
  }
  if (partner) facts.push([t('projects.partner.which'), <PartnerLabel partner={partner} territory={territory} />], [t('projects.partner.role'), t(`projects.role.${partner.role}`)]);
  return (
    <dl class="summary-list">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
