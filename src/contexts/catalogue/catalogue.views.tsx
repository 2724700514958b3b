// The service catalogue: the public list per territory, and the coordinators' page to add and edit
// departments, services and facilities, with CSV import (row-by-row report) and export.
import { Layout } from '../../platform/views/layout.tsx';
import { useView } from '../../platform/views/context.ts';
import { Button, ErrorSummary, FileInput, Form, Select, TextInput, type FieldErrors } from '../../platform/views/forms.tsx';
import { Sentence, TranslatedName, useDataLang } from '../../platform/views/lang.tsx';
import type { Area } from '../territories/territory.service.ts';
import { localName, type CatalogueTree, type Facility } from './catalogue.service.ts';
import type { ImportRowReport } from './catalogue.csv.ts';
import type { ServiceManagers } from './service-manager.service.ts';
import type { ComponentChildren } from 'preact';

/** The way back to the citizen audit's staff pages, beside which the coordinators keep the catalogue. */
function AuditsLink({ slug }: { slug: string }) {
  const { t, locale } = useView();
  return (
    <nav aria-label={t('catalogue.nav.label')}>
      <p>
        <a href={`/${locale}/t/${slug}/audits`}>{t('catalogue.nav.audits')}</a>
      </p>
    </nav>
  );
}

function Tag({ kind, children }: { kind: string; children: ComponentChildren }) {
  return <strong class={`audit-tag audit-tag--${kind}`}>{children}</strong>;
}

type Values = Record<string, string>;

/** The languages a front desk serves, named in the reader's language. */
function languagesIn(codes: string[], locale: string): string {
  const names = new Intl.DisplayNames([locale], { type: 'language' });
  return codes.map((c) => names.of(c) ?? c).join(', ');
}

export function PublicCataloguePage({ territoryName, slug, tree, districts }: { territoryName: string; slug: string; tree: CatalogueTree; districts: Area[] }) {
  const { t, locale } = useView();
  // Facility names, addresses, districts, descriptions and opening hours: typed in the territory's language.
  const own = useDataLang();
  const district = new Map(districts.map((d) => [d.id, d.name]));
  return (
    <Layout title={t('catalogue.public.title')}>
      <h1>{t('catalogue.public.title')}</h1>
      <p class="lead">{t('catalogue.public.lead', { city: territoryName })}</p>
      <p>
        <a href={`/${locale}/t/${slug}/audits/join`}>{t('catalogue.public.joinAudit')}</a>
      </p>
      {tree.departments.map((d) => (
        <section key={d.id} aria-labelledby={`d-${d.id}`}>
          <h2 id={`d-${d.id}`}>
            <TranslatedName entry={d} />
          </h2>
          {d.services.map((s) => (
            <div key={s.id} class="catalogue-service">
              <h3>
                <TranslatedName entry={s} />
              </h3>
              {s.description && <p lang={own}>{s.description}</p>}
              <div class="table-scroll" tabIndex={0} role="region" aria-label={t('catalogue.table.scroll')}>
                <table class="table">
                  <caption class="visually-hidden">
                    <Sentence say={(v) => t('catalogue.public.caption', v)} data={{ service: <TranslatedName entry={s} /> }} />
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('catalogue.facility')}</th>
                      <th scope="col">{t('catalogue.district')}</th>
                      <th scope="col">{t('catalogue.hours')}</th>
                      <th scope="col">{t('catalogue.languages')}</th>
                      <th scope="col">{t('catalogue.accessibility')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.facilities.map((f) => (
                      <tr key={f.id}>
                        <th scope="row">
                          <TranslatedName entry={f} />
                          {f.address && (
                            <>
                              <br />
                              <span class="caption" lang={own}>
                                {f.address}
                              </span>
                            </>
                          )}
                        </th>
                        <td lang={f.districtId ? own : undefined}>{f.districtId ? district.get(f.districtId) : '—'}</td>
                        <td lang={f.openingHours ? own : undefined}>{f.openingHours || '—'}</td>
                        <td>{languagesIn(f.languages, locale) || '—'}</td>
                        <td>{f.accessibility.length ? f.accessibility.map((a) => t(`catalogue.features.${a}`)).join(', ') : t('catalogue.noFeatures')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          ))}
        </section>
      ))}
    </Layout>
  );
}

export const accessibilityFeatures = ['step-free-access', 'accessible-toilet', 'hearing-loop', 'pictograms', 'braille-signage'] as const;

export function FacilityFields({ values, errors, districts }: { values: Values; errors: FieldErrors; districts: Area[] }) {
  const { t } = useView();
  return (
    <>
      <TextInput name="name" label={t('catalogue.facility')} error={errors.name} value={values.name} />
      <TextInput name="address" label={t('catalogue.address')} value={values.address} autocomplete="street-address" />
      <Select name="districtId" label={t('catalogue.district')} hint={t('catalogue.districtHint')} placeholder={t('catalogue.fromCoordinates')} error={errors.districtId} value={values.districtId} options={districts.map((d) => ({ value: d.id, label: d.name }))} />
      <TextInput name="latitude" label={t('catalogue.latitude')} error={errors.latitude} value={values.latitude} inputMode="text" width="short" />
      <TextInput name="longitude" label={t('catalogue.longitude')} error={errors.longitude} value={values.longitude} inputMode="text" width="short" />
      <TextInput name="openingHours" label={t('catalogue.hours')} value={values.openingHours} />
      <TextInput name="languages" label={t('catalogue.languages')} hint={t('catalogue.languagesHint')} value={values.languages} />
      <TextInput name="accessibility" label={t('catalogue.accessibility')} hint={t('catalogue.accessibilityHint', { features: accessibilityFeatures.join(' ') })} value={values.accessibility} />
    </>
  );
}

export function ManageCataloguePage({ slug, tree, districts, errors, values, report }: { slug: string; tree: CatalogueTree; districts: Area[]; errors: FieldErrors; values: Values; report: ImportRowReport[] | null }) {
  const { t, locale } = useView();
  const base = `/${locale}/t/${slug}/audits/catalogue`;
  const services = tree.departments.flatMap((d) => d.services);
  const district = new Map(districts.map((d) => [d.id, d.name]));
  return (
    <Layout title={t('catalogue.manage.title')}>
      <AuditsLink slug={slug} />
      <h1>{t('catalogue.manage.title')}</h1>
      <ErrorSummary errors={errors} />
      <p class="actions">
        <a href={`/${locale}/t/${slug}/services`}>{t('catalogue.public.title')}</a> · <a href={`${base}.csv`}>{t('catalogue.export')}</a>
      </p>
      {report && (
        <div class="table-scroll" tabIndex={0} role="region" aria-label={t('catalogue.table.scroll')}>
          <table class="table">
            <caption>{t('catalogue.import.report', { added: report.filter((r) => r.status === 'added').length, errors: report.filter((r) => r.status === 'error').length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('catalogue.import.line')}</th>
                <th scope="col">{t('catalogue.facility')}</th>
                <th scope="col">{t('catalogue.import.status')}</th>
              </tr>
            </thead>
            <tbody>
              {report.map((r) => (
                <tr key={r.line}>
                  <td>{r.line}</td>
                  <th scope="row">{r.facility || '—'}</th>
                  <td>
                    <Tag kind={r.status === 'error' ? 'warning' : r.status}>{t(`catalogue.import.status.${r.status}`)}</Tag> {r.message && t(r.message)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('catalogue.import.title')}</h2>
      <p>{t('catalogue.import.help')}</p>
      <Form action={`${base}/import`} enctype="multipart/form-data">
        <FileInput name="file" label={t('catalogue.import.file')} error={errors.file} accept=".csv,text/csv" />
        <Button variant="secondary">{t('catalogue.import.submit')}</Button>
      </Form>

      <h2>{t('catalogue.addFacility')}</h2>
      <Form action={`${base}/facilities`}>
        <Select name="serviceId" label={t('catalogue.service')} error={errors.serviceId} value={values.serviceId} options={services.map((s) => ({ value: s.id, label: localName(s, locale) }))} />
        <FacilityFields values={values} errors={errors} districts={districts} />
        <Button>{t('catalogue.addFacilitySubmit')}</Button>
      </Form>

      <h2>{t('catalogue.addService')}</h2>
      <Form action={`${base}/services`}>
        <Select name="departmentId" label={t('catalogue.department')} error={errors.departmentId} value={values.departmentId} options={tree.departments.map((d) => ({ value: d.id, label: localName(d, locale) }))} />
        <TextInput name="serviceName" label={t('catalogue.serviceName')} error={errors.serviceName} value={values.serviceName} />
        <Button variant="secondary">{t('catalogue.addServiceSubmit')}</Button>
      </Form>

      <h2>{t('catalogue.addDepartment')}</h2>
      <Form action={`${base}/departments`}>
        <TextInput name="departmentName" label={t('catalogue.department')} error={errors.departmentName} value={values.departmentName} />
        <Button variant="secondary">{t('catalogue.addDepartmentSubmit')}</Button>
      </Form>

      <h2>{t('catalogue.current')}</h2>
      {tree.departments.map((d) => (
        <section key={d.id} aria-labelledby={`m-${d.id}`}>
          <h3 id={`m-${d.id}`}>{localName(d, locale)}</h3>
          {d.services.map((s) => (
            <div key={s.id}>
              <h4>{localName(s, locale)}</h4>
              <p>
                <a href={`${base}/services/${s.id}/managers`}>
                  {t('catalogue.managers.link')}
                  <span class="visually-hidden"> · {localName(s, locale)}</span>
                </a>
              </p>
              <ul>
                {s.facilities.map((f) => (
                  <li key={f.id}>
                    <a href={`${base}/facilities/${f.id}`}>{f.name}</a> · {f.districtId ? district.get(f.districtId) : t('catalogue.noDistrict')}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </Layout>
  );
}

export function EditFacilityPage({ slug, facility, districts, errors, values }: { slug: string; facility: Facility; districts: Area[]; errors: FieldErrors; values: Values }) {
  const { t, locale } = useView();
  return (
    <Layout title={facility.name}>
      <AuditsLink slug={slug} />
      <h1>{facility.name}</h1>
      <ErrorSummary errors={errors} />
      <Form action={`/${locale}/t/${slug}/audits/catalogue/facilities/${facility.id}`}>
        <FacilityFields values={values} errors={errors} districts={districts} />
        <Button>{t('catalogue.save')}</Button>
      </Form>
      <p>
        <a href={`/${locale}/t/${slug}/audits/catalogue`}>{t('catalogue.back')}</a>
      </p>
    </Layout>
  );
}

/** Who answers for a service's findings: the managers linked to it, and a form to link another or unlink one. */
export function ServiceManagersPage({ slug, service, managers, candidates, errors }: ServiceManagers & { slug: string; errors: FieldErrors }) {
  const { t, locale } = useView();
  const action = `/${locale}/t/${slug}/audits/catalogue/services/${service.id}/managers`;
  const name = localName(service, locale);
  return (
    <Layout title={t('catalogue.managers.title', { service: name })}>
      <AuditsLink slug={slug} />
      <h1>{t('catalogue.managers.title', { service: name })}</h1>
      <p class="lead">{t('catalogue.managers.lead')}</p>
      <p class="hint">{t('catalogue.managers.logged')}</p>
      <ErrorSummary errors={errors} />
      <h2>{t('catalogue.managers.current')}</h2>
      {managers.length === 0 ? (
        <p>{t('catalogue.managers.none')}</p>
      ) : (
        <ul class="managers">
          {managers.map((m) => (
            <li key={m.personId}>
              {m.name}{' '}
              <Form action={action} class="inline-form">
                <input type="hidden" name="personId" value={m.personId} />
                <input type="hidden" name="active" value="no" />
                <Button variant="secondary">
                  {t('catalogue.managers.remove')}
                  <span class="visually-hidden"> {m.name}</span>
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('catalogue.managers.add')}</h2>
      {candidates.length === 0 ? (
        <p>{t('catalogue.managers.noCandidates')}</p>
      ) : (
        <Form action={action}>
          <input type="hidden" name="active" value="yes" />
          <Select name="personId" label={t('catalogue.managers.person')} hint={t('catalogue.managers.personHint')} error={errors.personId} options={candidates.map((c) => ({ value: c.personId, label: c.name }))} />
          <Button>{t('catalogue.managers.addSubmit')}</Button>
        </Form>
      )}
      <p>
        <a href={`/${locale}/t/${slug}/audits/catalogue`}>{t('catalogue.back')}</a>
      </p>
    </Layout>
  );
}
