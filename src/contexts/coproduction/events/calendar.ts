// iCalendar files (RFC 5545) for one event, a network's events and a territory's events, written by
// ical-generator; and "add to calendar" links for the common web calendars.
import ical from 'ical-generator';
import type { CoproductionEvent } from './event.service.ts';

export interface CalendarEvent {
  event: CoproductionEvent;
  /** The event's page, absolute: every entry links back to it. */
  pageUrl: string;
  /** In a forum, the name of the municipality where it is held: written after the place. */
  municipality?: string | null;
}

function description(e: CalendarEvent): string {
  return [e.event.description, e.event.onlineUrl ?? '', e.pageUrl].filter(Boolean).join('\n\n');
}

const folded = (text: string) => text.toLocaleLowerCase().replace(/[’`]/g, "'");

function location(e: CalendarEvent): string {
  const { place } = e.event;
  // The municipality follows the place, unless the address already names it.
  const municipality = e.municipality && !folded(place).includes(folded(e.municipality)) ? e.municipality : '';
  const where = [place, municipality].filter(Boolean).join(', ');
  return where || e.event.onlineUrl || '';
}

/** One calendar with the given events; `name` is what a calendar application shows for the subscription. */
export function icalendar(name: string, url: string, events: CalendarEvent[]): string {
  const calendar = ical({ name, url, prodId: { company: 'Coproduce', product: 'events', language: 'EN' } });
  for (const e of events) {
    calendar.createEvent({
      id: `${e.event.id}@coproduce`,
      start: e.event.startsAt,
      end: e.event.endsAt,
      stamp: e.event.createdAt,
      summary: e.event.title,
      description: description(e),
      location: location(e) || null,
      url: e.pageUrl,
    });
  }
  return calendar.toString();
}

const compact = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Links that open a new entry in Google Calendar and Outlook; other calendars import the .ics file. */
export function addToCalendarLinks(e: CalendarEvent): { google: string; outlook: string } {
  const google = new URL('https://calendar.google.com/calendar/render');
  google.searchParams.set('action', 'TEMPLATE');
  google.searchParams.set('text', e.event.title);
  google.searchParams.set('dates', `${compact(e.event.startsAt)}/${compact(e.event.endsAt)}`);
  google.searchParams.set('details', description(e));
  google.searchParams.set('location', location(e));
  const outlook = new URL('https://outlook.live.com/calendar/0/deeplink/compose');
  outlook.searchParams.set('path', '/calendar/action/compose');
  outlook.searchParams.set('rru', 'addevent');
  outlook.searchParams.set('subject', e.event.title);
  outlook.searchParams.set('startdt', e.event.startsAt.toISOString());
  outlook.searchParams.set('enddt', e.event.endsAt.toISOString());
  outlook.searchParams.set('body', description(e));
  outlook.searchParams.set('location', location(e));
  return { google: google.toString(), outlook: outlook.toString() };
}
