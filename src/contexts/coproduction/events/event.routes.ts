// Event pages: the territory's events and calendars, scheduling, one event with registration, the organisers' page.
import { forumMunicipalities, territoryHeader } from '../../territories/territory.http.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { requirePermission } from '../../../platform/auth/permissions.ts';
import { failed } from '../../../platform/http/forms.ts';
import { href } from '../../../platform/views/context.ts';
import type { MunicipalityOption } from '../../../platform/views/municipality.tsx';
import { findTerritory, findTerritoryById, type Territory } from '../../territories/territory.service.ts';
import { findNetwork, findNetworkById, listNetworks } from '../../agreement/networks/network.service.ts';
import { pick, pickedLocale } from '../../../platform/i18n/translations.ts';
import { addToCalendarLinks, icalendar } from './calendar.ts';
import { attendanceCount, cancelRegistration, eventRegistrations, findEvent, listEvents, markAttendance, mayOrganise, recordEventMinutes, register, registrationOf, scheduleEvent, waitingPosition, type EventSummary } from './event.service.ts';
import { eventsOpenData } from './event.opendata.ts';
import { EventPage, EventsPage, ManageEventPage, NewEventPage, type NetworkOption } from './event.views.tsx';

const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const SlugParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) });
const NetworkParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), network: Type.String({ maxLength: 100 }) });
const IdParams = Type.Object({ locale: Type.String(), id: Type.String({ maxLength: 40 }) });
const NoticeQuery = Type.Object({ notice: Text(40) });
const Filters = Type.Object({ network: Text(100), when: Text(20), municipality: Text(100) });
const EventBody = Type.Object({ networkId: Text(40), title: Text(400), description: Text(10_000), date: Text(20), startTime: Text(10), endTime: Text(10), place: Text(1000), onlineUrl: Text(1000), capacity: Text(20), municipalityId: Text(100) });

const when = (value: string | undefined) => (value === 'past' || value === 'all' ? value : 'upcoming');
const see = (locale: string, path: string, notice: string) => `${href(locale, path)}?notice=${notice}`;

export const eventPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  async function territoryOf(request: FastifyRequest, slug: string): Promise<Territory | null> {
    const territory = await findTerritory(db, slug);
    if (territory) request.territoryHeader = territoryHeader(territory, request.i18n.locale);
    return territory;
  }

  async function networkOptions(territoryId: string, locale: string): Promise<NetworkOption[]> {
    return (await listNetworks(db, territoryId)).map((n) => ({ id: n.id, slug: n.slug, name: pick(n.name, locale), lang: pickedLocale(n.name, locale) }));
  }

  /** Networks the actor may schedule for (all of them for the promoting group and territory admins). */
  function organisable(request: FastifyRequest, territory: Territory, networks: NetworkOption[]) {
    return networks.filter((n) => requirePermission(request.actor, 'coproduction.event.organise', { territoryId: territory.id, networkId: n.id }).ok);
  }

  const pageUrl = (locale: string, id: string) => `${app.config.publicUrl}/${locale}/events/${id}`;
  const calendarOf = (locale: string, name: string, url: string, events: EventSummary[], municipalities: MunicipalityOption[] = []) =>
    icalendar(name, url, events.map((event) => ({ event, pageUrl: pageUrl(locale, event.id), municipality: municipalities.find((m) => m.id === event.municipalityId)?.text ?? null })));
  const sendCalendar = (reply: FastifyReply, filename: string, body: string) =>
    reply.header('Content-Disposition', `attachment; filename="${filename}"`).header('Cache-Control', 'public, max-age=300').type('text/calendar; charset=utf-8').send(body);

  app.get('/t/:slug/events', { schema: { params: SlugParams, querystring: Filters }, config: { access: 'coproduction.public.view' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const [networks, municipalities] = await Promise.all([networkOptions(territory.id, request.i18n.locale), forumMunicipalities(db, territory, request.i18n.locale)]);
    const network = networks.find((n) => n.slug === request.query.network);
    // In a forum, by where they are held: a municipality that is not the forum's finds nothing rather than everything.
    const municipality = municipalities.length > 0 && request.query.municipality ? request.query.municipality : undefined;
    const heldIn = municipality === undefined ? {} : { municipalityId: municipalities.find((m) => m.slug === municipality)?.id ?? null };
    const events = await listEvents(db, territory.id, { networkId: network?.id ?? null, when: when(request.query.when), ...heldIn });
    const canOrganise = requirePermission(request.actor, 'coproduction.event.organise', { territoryId: territory.id }).ok || organisable(request, territory, networks).length > 0;
    const calendarPath = network ? `/t/${territory.slug}/networks/${network.slug}/events.ics` : `/t/${territory.slug}/events.ics`;
    return reply.render(h(EventsPage, { territory, events, networks, filters: { network: network?.slug, when: when(request.query.when), municipality }, canOrganise, calendarPath, municipalities }));
  });

  app.get('/t/:slug/events.ics', { schema: { params: SlugParams }, config: { access: 'coproduction.public.view' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const { locale, t } = request.i18n;
    const [events, municipalities] = await Promise.all([listEvents(db, territory.id, { when: 'all' }), forumMunicipalities(db, territory, locale)]);
    return sendCalendar(reply, `${territory.slug}-events.ics`, calendarOf(locale, t('coproduction.events.title', { territory: territory.name }), `${app.config.publicUrl}/${locale}/t/${territory.slug}/events`, events, municipalities));
  });

  app.get('/t/:slug/networks/:network/events.ics', { schema: { params: NetworkParams }, config: { access: 'coproduction.public.view' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    const network = territory && (await findNetwork(db, territory.id, request.params.network));
    if (!territory || !network) return reply.callNotFound();
    const { locale } = request.i18n;
    const [events, municipalities] = await Promise.all([listEvents(db, territory.id, { networkId: network.id, when: 'all' }), forumMunicipalities(db, territory, locale)]);
    return sendCalendar(reply, `${network.slug}-events.ics`, calendarOf(locale, pick(network.name, locale), `${app.config.publicUrl}/${locale}/t/${territory.slug}/events?network=${network.slug}&when=all`, events, municipalities));
  });

  for (const format of ['csv', 'json', 'datapackage'] as const) {
    const path = format === 'datapackage' ? '/t/:slug/events/datapackage.json' : `/t/:slug/events.${format}`;
    app.get(path, { schema: { params: SlugParams }, config: { access: 'coproduction.public.view' } }, async (request, reply) => {
      const territory = await territoryOf(request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const data = await eventsOpenData(db, territory, request.i18n.locale);
      if (format === 'csv') return reply.header('Content-Disposition', `attachment; filename="${territory.slug}-events.csv"`).type('text/csv; charset=utf-8').send(data.csv);
      if (format === 'json') return reply.type('application/json; charset=utf-8').send({ events: data.rows });
      return reply.type('application/json; charset=utf-8').send(data.datapackage(`/${request.i18n.locale}/t/${territory.slug}/events`));
    });
  }

  async function renderNew(request: FastifyRequest, reply: FastifyReply, territory: Territory, values: Record<string, string>, errors: Record<string, string>) {
    const networks = await networkOptions(territory.id, request.i18n.locale);
    const territoryWide = requirePermission(request.actor, 'coproduction.event.organise', { territoryId: territory.id }).ok;
    const own = territoryWide ? networks : organisable(request, territory, networks);
    if (!territoryWide && own.length === 0) return failed(request, reply, 'forbidden');
    const municipalities = await forumMunicipalities(db, territory, request.i18n.locale);
    reply.header('Cache-Control', 'no-store');
    return reply.render(h(NewEventPage, { territory, networks: own, municipalities, values, errors }), Object.keys(errors).length ? 400 : 200);
  }

  app.get('/t/:slug/events/new', { schema: { params: SlugParams }, config: { access: 'coproduction.event.organise' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    return renderNew(request, reply, territory, { capacity: '30', startTime: '18:00', endTime: '20:00' }, {});
  });

  app.post('/t/:slug/events/new', { schema: { params: SlugParams, body: EventBody }, config: { access: 'coproduction.event.organise' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const b = request.body;
    const values = { networkId: b.networkId ?? '', title: b.title ?? '', description: b.description ?? '', date: b.date ?? '', startTime: b.startTime ?? '', endTime: b.endTime ?? '', place: b.place ?? '', onlineUrl: b.onlineUrl ?? '', capacity: b.capacity ?? '', municipalityId: b.municipalityId ?? '' };
    const outcome = await scheduleEvent(db, request.actor, territory.id, values);
    if (outcome.ok) return reply.redirect(see(request.params.locale, `/events/${outcome.value.id}`, 'scheduled'), 303);
    if (outcome.error === 'invalid') return renderNew(request, reply, territory, values, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

  async function loadEvent(request: FastifyRequest, id: string) {
    const event = await findEvent(db, id);
    const territory = event && (await findTerritoryById(db, event.territoryId));
    if (!event || !territory) return null;
    request.territoryHeader = territoryHeader(territory, request.i18n.locale);
    return { event, territory };
  }

  app.get('/events/:id', { schema: { params: IdParams, querystring: NoticeQuery }, config: { access: 'coproduction.public.view' } }, async (request, reply) => {
    const found = await loadEvent(request, request.params.id);
    if (!found) return reply.callNotFound();
    const { event, territory } = found;
    const locale = request.i18n.locale;
    const [network, registration, attended, municipalities] = await Promise.all([event.networkId ? findNetworkById(db, event.networkId) : null, registrationOf(db, request.actor, event.id), attendanceCount(db, event.id), forumMunicipalities(db, territory, locale)]);
    const position = registration ? await waitingPosition(db, registration) : null;
    // The page shows the person's own code: never kept by a shared cache.
    if (request.actor) reply.header('Cache-Control', 'no-store');
    return reply.render(
      h(EventPage, {
        territory,
        event,
        networkName: network ? pick(network.name, locale) : null,
        networkLang: network ? pickedLocale(network.name, locale) : null,
        networkSlug: network?.slug ?? null,
        municipalities,
        registration,
        position,
        signedIn: request.actor !== null,
        canOrganise: mayOrganise(request.actor, event),
        attended,
        links: addToCalendarLinks({ event, pageUrl: pageUrl(locale, event.id), municipality: municipalities.find((m) => m.id === event.municipalityId)?.text ?? null }),
        notice: request.query.notice,
        now: new Date(),
      }),
    );
  });

  app.get('/events/:id/calendar.ics', { schema: { params: IdParams }, config: { access: 'coproduction.public.view' } }, async (request, reply) => {
    const found = await loadEvent(request, request.params.id);
    if (!found) return reply.callNotFound();
    const locale = request.i18n.locale;
    const municipalities = await forumMunicipalities(db, found.territory, locale);
    return sendCalendar(reply, 'event.ics', calendarOf(locale, found.event.title, pageUrl(locale, found.event.id), [found.event], municipalities));
  });

  app.post('/events/:id/register', { schema: { params: IdParams }, config: { access: 'coproduction.event.register' } }, async (request, reply) => {
    const outcome = await register(db, request.actor, request.params.id);
    const { locale, id } = request.params;
    if (outcome.ok) return reply.redirect(see(locale, `/events/${id}`, outcome.value.status === 'registered' ? 'registered' : 'waiting'), 303);
    // Already registered, or registration closed: the event's page says where the person stands.
    if (outcome.error === 'already' || outcome.error === 'closed') return reply.redirect(href(locale, `/events/${id}`), 303);
    return failed(request, reply, outcome.error);
  });

  app.post('/events/:id/cancel', { schema: { params: IdParams }, config: { access: 'coproduction.event.register' } }, async (request, reply) => {
    const outcome = await cancelRegistration(db, request.actor, request.params.id);
    const { locale, id } = request.params;
    if (outcome.ok) return reply.redirect(see(locale, `/events/${id}`, 'cancelled'), 303);
    return failed(request, reply, outcome.error);
  });

  async function renderManage(request: FastifyRequest, reply: FastifyReply, id: string, values: Record<string, string>, errors: Record<string, string>, notice?: string) {
    const found = await loadEvent(request, id);
    if (!found) return reply.callNotFound();
    const registrations = await eventRegistrations(db, request.actor, id);
    if (!registrations.ok) return failed(request, reply, registrations.error);
    reply.header('Cache-Control', 'no-store');
    return reply.render(h(ManageEventPage, { territory: found.territory, event: found.event, registrations: registrations.value, values, errors, notice }), Object.keys(errors).length ? 400 : 200);
  }

  app.get('/events/:id/manage', { schema: { params: IdParams, querystring: NoticeQuery }, config: { access: 'coproduction.event.organise' } }, async (request, reply) =>
    renderManage(request, reply, request.params.id, {}, {}, request.query.notice),
  );

  app.post('/events/:id/attendance', { schema: { params: IdParams, body: Type.Object({ code: Text(40) }) }, config: { access: 'coproduction.event.organise' } }, async (request, reply) => {
    const code = request.body.code ?? '';
    const outcome = await markAttendance(db, request.actor, request.params.id, code);
    if (outcome.ok) return reply.redirect(see(request.params.locale, `/events/${request.params.id}/manage`, 'attended'), 303);
    if (outcome.error === 'invalid') return renderManage(request, reply, request.params.id, { code }, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

  app.post('/events/:id/minutes', { schema: { params: IdParams, body: Type.Object({ minutes: Text(60_000) }) }, config: { access: 'coproduction.event.organise' } }, async (request, reply) => {
    const minutes = request.body.minutes ?? '';
    const outcome = await recordEventMinutes(db, request.actor, request.params.id, minutes);
    if (outcome.ok) return reply.redirect(see(request.params.locale, `/events/${request.params.id}/manage`, 'minutes'), 303);
    if (outcome.error === 'invalid') return renderManage(request, reply, request.params.id, { minutes }, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

};
