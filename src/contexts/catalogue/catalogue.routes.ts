// The service catalogue's pages: public per territory, and the coordinators' management with CSV.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { requirePermission } from '../../platform/auth/permissions.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { listAreas, type Territory } from '../territories/territory.service.ts';
import { catalogueOf, createDepartment, createFacility, createService, findFacility, updateFacility, type Facility } from './catalogue.service.ts';
import { exportCatalogueCsv, importCatalogueCsv, type ImportRowReport } from './catalogue.csv.ts';
import { EditFacilityPage, ManageCataloguePage, PublicCataloguePage, ServiceManagersPage } from './catalogue.views.tsx';
import { serviceManagersOf, setServiceManager } from './service-manager.service.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import { failed, field, FormBody, isUpload, TerritoryParams, Uuid } from '../../platform/http/forms.ts';
import { territoryFor } from '../territories/territory.http.ts';

/** The coordinators' catalogue pages sit beside the audits' staff pages. */
const audits = (locale: string, slug: string, path = '') => `/${locale}/t/${slug}/audits${path}`;
import { parseTypedNumber } from '../../platform/i18n/digits.ts';

type Values = Record<string, string>;
const FacilityParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), facilityId: Uuid });
const ServiceParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), serviceId: Uuid });

function textValues(body: Record<string, unknown>): Values {
  return Object.fromEntries(Object.entries(body).filter(([k, v]) => k !== '_csrf' && typeof v === 'string')) as Values;
}

/** Reads the facility form; coordinates must both be numbers or both empty. */
function facilityInput(body: Record<string, unknown>): { input: Omit<Parameters<typeof updateFacility>[4], never>; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const lat = field(body, 'latitude').trim().replace(',', '.');
  const lon = field(body, 'longitude').trim().replace(',', '.');
  const latitude = lat === '' ? null : parseTypedNumber(lat);
  const longitude = lon === '' ? null : parseTypedNumber(lon);
  if (latitude !== null && (!Number.isFinite(latitude) || Math.abs(latitude) > 90)) errors.latitude = 'catalogue.errors.latitude';
  if (longitude !== null && (!Number.isFinite(longitude) || Math.abs(longitude) > 180)) errors.longitude = 'catalogue.errors.longitude';
  if ((latitude === null) !== (longitude === null)) errors[latitude === null ? 'latitude' : 'longitude'] = 'catalogue.errors.bothCoordinates';
  if (!field(body, 'name').trim()) errors.name = 'catalogue.errors.name';
  const words = (name: string) => field(body, name).split(/[\s,]+/).map((w) => w.trim()).filter(Boolean);
  return {
    input: {
      name: field(body, 'name'),
      address: field(body, 'address'),
      districtId: field(body, 'districtId') || null,
      latitude,
      longitude,
      openingHours: field(body, 'openingHours').trim(),
      languages: words('languages'),
      accessibility: words('accessibility'),
    },
    errors,
  };
}

function facilityValues(f: Facility): Values {
  return {
    name: f.name,
    address: f.address,
    districtId: f.districtId ?? '',
    latitude: f.latitude?.toString() ?? '',
    longitude: f.longitude?.toString() ?? '',
    openingHours: f.openingHours,
    languages: f.languages.join(' '),
    accessibility: f.accessibility.join(' '),
  };
}

export const cataloguePages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get('/t/:slug/services', { schema: { params: TerritoryParams }, config: { access: 'catalogue.view' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const [tree, districts] = await Promise.all([catalogueOf(db, territory.id), listAreas(db, territory.id, 'district')]);
    return reply.render(h(PublicCataloguePage, { territoryName: territory.name, slug: territory.slug, tree, districts }));
  });

  const managePage = async (request: FastifyRequest, reply: FastifyReply, territory: Territory, errors: FieldErrors, values: Values, report: ImportRowReport[] | null = null) => {
    if (!requirePermission(request.actor, 'catalogue.manage', { territoryId: territory.id }).ok) return failed(request, reply, 'forbidden');
    const [tree, districts] = await Promise.all([catalogueOf(db, territory.id), listAreas(db, territory.id, 'district')]);
    return reply.render(h(ManageCataloguePage, { slug: territory.slug, tree, districts, errors, values, report }), Object.keys(errors).length ? 400 : 200);
  };

  app.get('/t/:slug/audits/catalogue', { schema: { params: TerritoryParams }, config: { access: 'catalogue.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    return managePage(request, reply, territory, {}, {});
  });

  app.get('/t/:slug/audits/catalogue.csv', { schema: { params: TerritoryParams }, config: { access: 'catalogue.view' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${territory.slug}-services.csv"`)
      .send(await exportCatalogueCsv(db, territory.id));
  });

  app.post('/t/:slug/audits/catalogue/import', { schema: { params: TerritoryParams, body: FormBody }, config: { access: 'catalogue.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const file = (request.body as Record<string, unknown>).file;
    if (!isUpload(file) || file.truncated) return managePage(request, reply, territory, { file: 'catalogue.import.noFile' }, {});
    const result = await importCatalogueCsv(db, request.actor, territory.id, file.content.toString('utf8'));
    if (!result.ok && result.fields) return managePage(request, reply, territory, result.fields, {});
    if (!result.ok) return failed(request, reply, result.error);
    return managePage(request, reply, territory, {}, {}, result.value);
  });

  app.post('/t/:slug/audits/catalogue/departments', { schema: { params: TerritoryParams, body: FormBody }, config: { access: 'catalogue.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const name = field(body, 'departmentName').trim();
    if (!name) return managePage(request, reply, territory, { departmentName: 'catalogue.errors.name' }, textValues(body));
    const result = await createDepartment(db, request.actor, { territoryId: territory.id, name });
    if (!result.ok && result.fields) return managePage(request, reply, territory, { departmentName: result.fields.name! }, textValues(body));
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, '/catalogue'), 303);
  });

  app.post('/t/:slug/audits/catalogue/services', { schema: { params: TerritoryParams, body: FormBody }, config: { access: 'catalogue.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const name = field(body, 'serviceName').trim();
    if (!name) return managePage(request, reply, territory, { serviceName: 'catalogue.errors.name' }, textValues(body));
    const result = await createService(db, request.actor, { territoryId: territory.id, departmentId: field(body, 'departmentId'), name });
    if (!result.ok && result.fields) {
      const errors = Object.fromEntries(Object.entries(result.fields).map(([k, v]) => [k === 'name' ? 'serviceName' : k, v]));
      return managePage(request, reply, territory, errors, textValues(body));
    }
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, '/catalogue'), 303);
  });

  app.post('/t/:slug/audits/catalogue/facilities', { schema: { params: TerritoryParams, body: FormBody }, config: { access: 'catalogue.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const { input, errors } = facilityInput(body);
    if (Object.keys(errors).length > 0) return managePage(request, reply, territory, errors, textValues(body));
    const result = await createFacility(db, request.actor, { territoryId: territory.id, serviceId: field(body, 'serviceId'), ...input });
    if (!result.ok && result.fields) return managePage(request, reply, territory, result.fields, textValues(body));
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, '/catalogue'), 303);
  });

  const editPage = async (request: FastifyRequest, reply: FastifyReply, territory: Territory, facilityId: string, errors: FieldErrors, values: Values | null) => {
    if (!requirePermission(request.actor, 'catalogue.manage', { territoryId: territory.id }).ok) return failed(request, reply, 'forbidden');
    const facility = await findFacility(db, territory.id, facilityId);
    if (!facility) return reply.callNotFound();
    const districts = await listAreas(db, territory.id, 'district');
    return reply.render(h(EditFacilityPage, { slug: territory.slug, facility, districts, errors, values: values ?? facilityValues(facility) }), Object.keys(errors).length ? 400 : 200);
  };

  app.get('/t/:slug/audits/catalogue/facilities/:facilityId', { schema: { params: FacilityParams }, config: { access: 'catalogue.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    return editPage(request, reply, territory, request.params.facilityId, {}, null);
  });

  app.post('/t/:slug/audits/catalogue/facilities/:facilityId', { schema: { params: FacilityParams, body: FormBody }, config: { access: 'catalogue.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const { input, errors } = facilityInput(body);
    if (Object.keys(errors).length > 0) return editPage(request, reply, territory, request.params.facilityId, errors, textValues(body));
    const result = await updateFacility(db, request.actor, territory.id, request.params.facilityId, input);
    if (!result.ok && result.fields) return editPage(request, reply, territory, request.params.facilityId, result.fields, textValues(body));
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, '/catalogue'), 303);
  });

  const managersPage = async (request: FastifyRequest, reply: FastifyReply, territory: Territory, serviceId: string, errors: FieldErrors) => {
    const result = await serviceManagersOf(db, request.actor, territory.id, serviceId);
    if (!result.ok) return failed(request, reply, result.error);
    return reply.render(h(ServiceManagersPage, { slug: territory.slug, ...result.value, errors }), Object.keys(errors).length ? 400 : 200);
  };

  app.get('/t/:slug/audits/catalogue/services/:serviceId/managers', { schema: { params: ServiceParams }, config: { access: 'catalogue.service-manager.assign' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    return managersPage(request, reply, territory, request.params.serviceId, {});
  });

  app.post('/t/:slug/audits/catalogue/services/:serviceId/managers', { schema: { params: ServiceParams, body: FormBody }, config: { access: 'catalogue.service-manager.assign' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const personId = field(body, 'personId');
    const active = field(body, 'active') !== 'no';
    if (!/^[0-9a-f-]{36}$/i.test(personId)) return managersPage(request, reply, territory, request.params.serviceId, { personId: 'catalogue.managers.errors.person' });
    const result = await setServiceManager(db, request.actor, recordAccess, { territoryId: territory.id, serviceId: request.params.serviceId, personId, active });
    if (!result.ok && result.fields) return managersPage(request, reply, territory, request.params.serviceId, result.fields);
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, `/catalogue/services/${request.params.serviceId}/managers`), 303);
  });
};
