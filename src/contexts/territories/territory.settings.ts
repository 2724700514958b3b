// Per-territory behaviour as a typed settings object with documented defaults (stored in the database).
import type { Locale } from '../../platform/i18n/locales.ts';

export const defaultGrounds = [
  'ethnic-origin',
  'nationality',
  'sex-gender',
  'gender-identity-orientation',
  'age',
  'disability',
  'religion',
  'language',
  'socio-economic',
  'other',
] as const;

export interface TerritorySettings {
  /** Languages offered on this territory's pages, first is the default. */
  languages: Locale[];
  /** Grounds of discrimination, as keys translated by the platform (or custom labels). */
  grounds: string[];
  /** How long antenna cases are kept after closing, in days. */
  caseRetentionDays: number;
  /** How long audit personal data (auditors' contact) is kept after the auditor leaves, in days. */
  auditorRetentionDays: number;
  branding: { accentColour: string; attribution?: string };
  /**
   * Statistical disclosure control of the published diagnosis (diagnosis/suppression.ts). Defaults:
   * protection level k = 5 (a hidden small count's proven interval is at least max(5, its value) wide);
   * zeros are published as 0, because a zero reveals no person and hiding it misleads readers and
   * forces needless suppression. A territory that hides zeros (e.g. where "nobody of this group uses
   * this service" is itself sensitive) says why in `hideZerosReason`.
   */
  disclosure?: { protectionLevel?: number; hideZeros?: boolean; hideZerosReason?: string };
  /** The programmes this territory runs, whose pages its page links to: 'agreement' (organisations, networks, challenges). */
  programmes: Programme[];
  /** Minutes without a request after which a session of a role that reads personal data ends (default 30). */
  sensitiveSessionIdleMinutes?: number;
}

export const defaultSensitiveSessionIdleMinutes = 30;
/** The range a territory admin may choose from: short enough to matter, long enough to work a case. */
export const sensitiveSessionIdleRange = { min: 5, max: 120 } as const;

export const programmes = ['agreement'] as const;
export type Programme = (typeof programmes)[number];

export function defaultSettings(overrides: Partial<TerritorySettings> = {}): TerritorySettings {
  return {
    languages: ['ca', 'es', 'en', 'ar'],
    grounds: [...defaultGrounds],
    caseRetentionDays: 730,
    auditorRetentionDays: 365,
    branding: { accentColour: '#1d4f91' },
    programmes: [],
    ...overrides,
  };
}
