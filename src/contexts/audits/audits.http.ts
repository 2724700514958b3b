// Small helpers of the audits context's routes: its URLs and the territory's grounds. The form readers
// and the territory of the URL are the platform's and the territories context's, re-exported for the
// audits' route files.
import { defaultGrounds } from '../territories/territory.settings.ts';
import type { Territory } from '../territories/territory.service.ts';

export { TerritoryParams, Uuid, FormBody, failed, field, fields, isUpload, type UploadedFile } from '../../platform/http/forms.ts';
export { territoryFor } from '../territories/territory.http.ts';

export function groundsOf(territory: Territory): string[] {
  return territory.settings.grounds?.length ? territory.settings.grounds : [...defaultGrounds];
}

export function audits(locale: string, slug: string, path = ''): string {
  return `/${locale}/t/${slug}/audits${path}`;
}
