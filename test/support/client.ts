// A small cookie-keeping client over app.inject(), for tests that go through real sessions:
// it keeps cookies like a browser, and fills in the CSRF token of the last page with a form.
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { currentTotp } from '../../src/contexts/identity/totp.ts';

export interface Page {
  status: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
  location: string | undefined;
  raw: Buffer;
}

export class Client {
  readonly cookies = new Map<string, string>();
  private csrfToken: string | null = null;
  constructor(
    private readonly app: FastifyInstance,
    private readonly userAgent = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(response: { cookies: { name: string; value: string; maxAge?: number; expires?: Date }[] }) {
    for (const c of response.cookies) {
      const expired = c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  private page(response: Awaited<ReturnType<FastifyInstance['inject']>>): Page {
    this.keep(response);
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrfToken = token;
    return { status: response.statusCode, body: response.body, headers: response.headers, location: response.headers.location as string | undefined, raw: response.rawPayload };
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<Page> {
    return this.page(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), 'user-agent': this.userAgent, ...headers } }));
  }

  /** Posts a form with the CSRF token of the last page that had one (or of `from`, fetched first). */
  async post(url: string, form: Record<string, string | string[]>, options: { from?: string } = {}): Promise<Page> {
    if (options.from || !this.csrfToken) await this.get(options.from ?? '/en/account/sign-in');
    const body = new URLSearchParams();
    body.append('_csrf', this.csrfToken!);
    for (const [k, v] of Object.entries(form)) for (const value of Array.isArray(v) ? v : [v]) body.append(k, value);
    return this.page(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader(), 'user-agent': this.userAgent, 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      }),
    );
  }

  /** Signs in with a password, and with a code when the account has a TOTP secret (given in clear). */
  async signIn(email: string, password: string, totpSecret?: string): Promise<Page> {
    let page = await this.post('/en/account/sign-in', { email, password, next: '/en/account' }, { from: '/en/account/sign-in' });
    if (page.location?.startsWith('/en/account/two-factor?') && totpSecret) {
      const from = page.location;
      page = await this.post('/en/account/two-factor', { code: currentTotp(totpSecret), next: '/en/account' }, { from });
      // A code is accepted once: if this one was just used, the next step's code is accepted too (one step of drift).
      if (page.status === 400) page = await this.post('/en/account/two-factor', { code: currentTotp(totpSecret, Date.now() + 30_000), next: '/en/account' }, { from });
    }
    return page;
  }
}

/** The text of the newest outbox message to an address, read straight from the outbox table. */
export async function lastMailTo(app: FastifyInstance, to: string): Promise<{ subject: string; body: string; locale: string } | null> {
  const { listOutbox } = await import('../../src/platform/mail/mail.ts');
  const messages = await listOutbox(app.database.db, 500);
  const found = messages.find((m) => m.toAddress.toLowerCase() === to.toLowerCase());
  return found ? { subject: found.subject, body: found.body, locale: found.locale } : null;
}

export function linkIn(body: string): string {
  const match = /https?:\/\/[^\s]+/.exec(body);
  if (!match) throw new Error(`No link in: ${body}`);
  return new URL(match[0]).pathname + new URL(match[0]).search;
}

/** Reads the single entry of a zip (central directory → local header → inflate). */
export function unzipOne(zip: Buffer): { name: string; text: string } {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const central = zip.readUInt32LE(end + 16);
  const method = zip.readUInt16LE(central + 10);
  const size = zip.readUInt32LE(central + 20);
  const nameLength = zip.readUInt16LE(central + 28);
  const name = zip.subarray(central + 46, central + 46 + nameLength).toString();
  const local = zip.readUInt32LE(central + 42);
  const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(dataStart, dataStart + size);
  return { name, text: (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8') };
}
