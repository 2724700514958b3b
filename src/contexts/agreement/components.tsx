// Small pieces the Agreement's pages share.
import { useView } from '../../platform/views/context.ts';
import { Form } from '../../platform/views/forms.tsx';
import type { Translated } from './agreement.schema.ts';
import { lines } from './translated.ts';
import { pick, pickedLocale } from '../../platform/i18n/translations.ts';
import { Notice as PlatformNotice, SubNav } from '../../platform/views/pieces.tsx';

/** A text kept in several languages, marked with the language it is shown in when that is not the page's. */
export function Tr({ text, as = 'span' }: { text: Translated; as?: 'span' | 'p' }) {
  const { locale } = useView();
  const shown = pickedLocale(text, locale);
  const Tag = as;
  return (
    <Tag lang={shown !== locale ? shown : undefined} dir={shown !== locale ? 'auto' : undefined}>
      {pick(text, locale)}
    </Tag>
  );
}

export function TrLines({ text }: { text: Translated }) {
  const { locale } = useView();
  const shown = pickedLocale(text, locale);
  return (
    <ul lang={shown !== locale ? shown : undefined} dir={shown !== locale ? 'auto' : undefined}>
      {lines(pick(text, locale)).map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}

export function AreaList({ areas }: { areas: string[] }) {
  const { t } = useView();
  return <>{areas.map((a) => t(`agreement.area.${a}`)).join(', ')}</>;
}

export function When({ date }: { date: Date | string }) {
  const view = useView();
  const d = typeof date === 'string' ? new Date(date) : date;
  return <time dateTime={d.toISOString().slice(0, 10)}>{view.date(d)}</time>;
}

export function AgreementNav({ slug, current }: { slug: string; current: 'agreement' | 'directory' | 'challenges' }) {
  return <SubNav prefix="agreement" items={[['agreement', `/t/${slug}/agreement`], ['directory', `/t/${slug}/directory`], ['challenges', `/t/${slug}/challenges`]]} current={current} />;
}

/** Follow (or stop following) a network or a challenge: told of its public news (the notifications context keeps it). */
export function FollowForm({ kind, id, following, back }: { kind: 'network' | 'challenge'; id: string; following: boolean | null; back: string }) {
  const { t, locale } = useView();
  if (following === null) return null;
  return (
    <Form action={`/${locale}/notifications/follow`} class="follow-form">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="on" value={following ? 'no' : 'yes'} />
      <input type="hidden" name="back" value={back} />
      <button type="submit" class="button button--secondary">
        {t(following ? `agreement.follow.stop.${kind}` : `agreement.follow.start.${kind}`)}
      </button>
    </Form>
  );
}

export { Paragraphs, Tag } from '../../platform/views/pieces.tsx';

/** The confirmation after a POST-redirect-GET, from the agreement catalogue's `agreement.notice.*`. */
export function Notice({ notice, allowed }: { notice: string | undefined; allowed: readonly string[] }) {
  return <PlatformNotice notice={notice} allowed={allowed} prefix="agreement" />;
}
