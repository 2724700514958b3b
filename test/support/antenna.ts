// Helpers for the antenna's tests: a cookie jar over app.inject, walking the report form, handlers.
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Actor, RoleGrant } from '../../src/platform/auth/permissions.ts';
import { actorHeader } from './app.ts';
import { solveChallenge } from '../../src/contexts/antenna/guards.ts';

export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly app: FastifyInstance,
    readonly headers: Record<string, string> = {},
    readonly remoteAddress?: string,
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(options: InjectOptions & { url: string }) {
    const response = await this.app.inject({
      ...options,
      ...(this.remoteAddress ? { remoteAddress: this.remoteAddress } : {}),
      headers: { ...this.headers, ...(options.headers ?? {}), cookie: this.cookieHeader() },
    });
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return response;
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }

  /** Posts a form with the CSRF token of the page it came from. */
  async post(url: string, page: { body: string }, fields: Record<string, string | string[]>) {
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`No CSRF token on the page before ${url}`);
    const params = new URLSearchParams();
    params.append('_csrf', token);
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
    return this.request({ method: 'POST', url, payload: params.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  /** Follows a redirect (303) with a GET. */
  async follow(response: { statusCode: number; headers: Record<string, unknown> }) {
    if (response.statusCode !== 303 && response.statusCode !== 302) throw new Error(`Expected a redirect, got ${response.statusCode}`);
    return this.get(String(response.headers.location));
  }
}

export interface ReportAnswers {
  consent?: Record<string, string | string[]>;
  service: Record<string, string | string[]>;
  story: Record<string, string | string[]>;
  when: Record<string, string | string[]>;
  where: Record<string, string | string[]>;
  grounds: Record<string, string | string[]>;
  before: Record<string, string | string[]>;
  wishes: Record<string, string | string[]>;
  contact: Record<string, string | string[]>;
}

export function simpleAnswers(story: string, overrides: Partial<ReportAnswers> = {}): ReportAnswers {
  return {
    service: { serviceId: 'unknown' },
    story: { story },
    when: { when: 'unknown' },
    where: { districtId: 'unknown', facilityId: 'unknown' },
    grounds: { grounds: ['ethnic-origin', 'language'] },
    before: { before: 'yes' },
    wishes: { wishes: ['counted', 'change'], referral: 'yes' },
    contact: { mode: 'anonymous' },
    ...overrides,
  };
}

/** Walks start → every question → check page; returns the check page response. */
export async function fillReport(browser: Browser, locale: string, slug: string, answers: ReportAnswers, options: { onBehalf?: boolean } = {}) {
  const start = await browser.get(`/${locale}/t/${slug}/antenna${options.onBehalf ? '/on-behalf' : ''}`);
  if (start.statusCode !== 200) throw new Error(`start page: ${start.statusCode}`);
  let page = await browser.follow(await browser.post(`/${locale}/t/${slug}/antenna/${options.onBehalf ? 'on-behalf/' : ''}start`, start, {}));
  const steps = [...(options.onBehalf ? (['consent'] as const) : []), 'service', 'story', 'when', 'where', 'grounds', 'before', 'wishes', 'contact'] as const;
  for (const step of steps) {
    if (page.statusCode !== 200) throw new Error(`${step}: ${page.statusCode}`);
    const response = await browser.post(`/${locale}/t/${slug}/antenna/report/${step}`, page, answers[step]!);
    if (response.statusCode !== 303) throw new Error(`${step} answered ${response.statusCode}: ${/error-summary[\s\S]{0,600}/.exec(response.body)?.[0] ?? ''}`);
    page = await browser.follow(response);
  }
  return page;
}

/**
 * Sends the check page and returns the receipt: with the proof of work solved as antenna.js does, or
 * with javascript: false as a browser without JavaScript (empty pow: the slower, stricter path).
 */
export async function sendReport(browser: Browser, locale: string, slug: string, check: { body: string }, options: { javascript?: boolean } = {}) {
  const challenge = /name="challenge" value="([^"]+)"/.exec(check.body)?.[1] ?? '';
  const pow = options.javascript === false ? '' : solveChallenge(challenge);
  const sent = await browser.post(`/${locale}/t/${slug}/antenna/report/check`, check, { challenge, pow, website: '' });
  if (sent.statusCode !== 303) throw new Error(`send answered ${sent.statusCode}`);
  const done = await browser.follow(sent);
  const receipt = /data-receipt[^>]*>([0-9 ]+)</.exec(done.body)?.[1]?.replace(/ /g, '');
  if (!receipt) throw new Error('No receipt on the confirmation page');
  return { receipt, done };
}

export function handler(territoryId: string, personId: string, extra: Partial<Actor> = {}): Record<string, string> {
  const grants: RoleGrant[] = [{ role: 'case-handler', scope: { kind: 'territory', id: territoryId } }];
  return actorHeader({ personId, displayName: `Handler ${personId.slice(-4)}`, grants, twoFactorVerified: true, ...extra });
}
