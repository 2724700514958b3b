// Small pieces the projects' and mutual aid's pages share: a day, the sub-navigation, confirmations.
import { useView } from '../../platform/views/context.ts';
import { Notice as PlatformNotice, SubNav } from '../../platform/views/pieces.tsx';

/** A calendar day (YYYY-MM-DD) as people read it. */
export function Day({ day }: { day: string }) {
  const view = useView();
  return <time dateTime={day}>{view.date(new Date(`${day}T12:00:00Z`), { dateStyle: 'long', timeZone: 'UTC' })}</time>;
}

export function ProjectsNav({ slug, current }: { slug: string; current: 'projects' | 'volunteering' }) {
  return <SubNav prefix="projects" items={[['projects', `/t/${slug}/projects`], ['volunteering', `/t/${slug}/volunteering`]]} current={current} />;
}

export function Notice({ notice, allowed }: { notice: string | undefined; allowed: readonly string[] }) {
  return <PlatformNotice notice={notice} allowed={allowed} prefix="projects" />;
}

export { Paragraphs, Tag } from '../../platform/views/pieces.tsx';
