// The audits home of a territory: what the citizen audit is, and where each person goes next.
import { Layout } from '../../platform/views/layout.tsx';
import { useView } from '../../platform/views/context.ts';

export function AuditsHomePage({ slug, territoryName, roles }: { slug: string; territoryName: string; roles: string[] }) {
  const { t, locale } = useView();
  const base = `/${locale}/t/${slug}`;
  const links: [string, string, boolean][] = [
    ['services', `${base}/services`, true],
    ['join', `${base}/audits/join`, true],
    ['visits', `${base}/audits/visits`, roles.includes('auditor')],
    ['findings', `${base}/audits/findings`, roles.some((r) => ['audit-coordinator', 'service-manager', 'territory-admin'].includes(r))],
    ['campaigns', `${base}/audits/campaigns`, roles.some((r) => ['audit-coordinator', 'territory-admin'].includes(r))],
    ['self-assessments', `${base}/audits/self-assessments`, roles.some((r) => ['audit-coordinator', 'service-manager'].includes(r))],
    ['instruments', `${base}/audits/instruments`, roles.includes('audit-coordinator')],
    ['auditors', `${base}/audits/auditors`, roles.includes('audit-coordinator')],
    ['catalogue', `${base}/audits/catalogue`, roles.some((r) => ['audit-coordinator', 'territory-admin'].includes(r))],
  ];
  return (
    <Layout title={t('audits.home.title')}>
      <h1>{t('audits.home.title')}</h1>
      <p class="lead">{t('audits.home.lead', { city: territoryName })}</p>
      <ol class="loop">
        {(['choose', 'fieldwork', 'findings', 'return'] as const).map((step) => (
          <li key={step}>{t(`audits.home.steps.${step}`)}</li>
        ))}
      </ol>
      <ul class="card-list">
        {links
          .filter(([, , shown]) => shown)
          .map(([key, url]) => (
            <li class="card" key={key}>
              <h2 class="card__title">
                <a href={url}>{t(`audits.home.links.${key}`)}</a>
              </h2>
            </li>
          ))}
      </ul>
    </Layout>
  );
}
