// A forum's lists across its municipalities: the municipality each organisation is registered in, a filter by it,
// and the chips that say which filters are in force (each a link that removes it). Shared by every list of a forum.
import type { ComponentChildren } from 'preact';
import { useView } from './context.ts';
import { InLang } from './lang.tsx';
import { Select } from './forms.tsx';
import type { Translate } from '../i18n/i18n.ts';

/** One of a forum's municipalities, named in the page's language (or its own, marked with it). */
export interface MunicipalityOption {
  id: string;
  slug: string;
  text: string;
  lang: string;
}

/** The select that filters a list by municipality; nothing when the territory is not a forum. */
export function MunicipalitySelect({ municipalities, value, label }: { municipalities: MunicipalityOption[]; value: string | undefined; label?: string }) {
  const { t } = useView();
  if (municipalities.length === 0) return null;
  return (
    <Select
      name="municipality"
      label={label ?? t('platform.municipality.label')}
      placeholder={t('platform.municipality.any')}
      options={municipalities.map((m) => ({ value: m.slug, label: m.text, lang: m.lang }))}
      value={value}
    />
  );
}

/** The municipality of an organisation registered in one of the forum's municipalities, marked with its language; nothing otherwise. */
export function MunicipalityName({ municipalities, territoryId }: { municipalities: MunicipalityOption[]; territoryId: string | null | undefined }) {
  const found = territoryId ? municipalities.find((m) => m.id === territoryId) : undefined;
  if (!found) return null;
  return <InLang lang={found.lang}>{found.text}</InLang>;
}

/** The chosen municipality's chip, or none when the filter names no municipality of the forum. */
export function municipalityChip(municipalities: MunicipalityOption[], slug: string | undefined, removeHref: string, t: Translate): FilterChip[] {
  const found = slug ? municipalities.find((m) => m.slug === slug) : undefined;
  return found ? [{ label: t('platform.municipality.chip', { municipality: found.text }), href: removeHref }] : [];
}

export interface FilterChip {
  label: string;
  href: string;
}

/** The filters in force, each a link that removes it. */
export function FilterChips({ chips, heading, children }: { chips: FilterChip[]; heading?: string; children?: ComponentChildren }) {
  const { t } = useView();
  if (chips.length === 0) return null;
  return (
    <div class="filter-chips">
      <p id="filters-in-force">{heading ?? t('platform.municipality.filters')}</p>
      <ul class="chips" aria-labelledby="filters-in-force">
        {chips.map((chip) => (
          <li key={chip.label}>
            <a class="chip" href={chip.href}>
              <span class="visually-hidden">{t('platform.municipality.removeFilter')} </span>
              {chip.label}
              <span aria-hidden="true" class="chip__remove">
                ×
              </span>
            </a>
          </li>
        ))}
      </ul>
      {children}
    </div>
  );
}
