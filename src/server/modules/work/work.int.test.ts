import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createFactories, recordingMailer, type Factories, type Person } from '../../test/factories.js';
import { signedInBrowsers } from '../../test/identity-fixtures.js';

/**
 * The staff home and the queue behind it: what waits in Kalimantan Selatan for its help desk and
 * its head, counted in SQL (GET /api/me/work, GET …/queue/counts), and the queue searched by
 * number, requester, company, NPWP or text, filtered, and paged through all of its 120 requests.
 */
describe('finding the work: the staff home counts and the searchable, paged queue', () => {
  let t: TestApp;
  let make: Factories;
  // Tuesday 10 March 2026, 09:00 WITA.
  const now = new Date('2026-03-10T01:00:00Z');
  const clock = () => now;
  const secretKey = randomBytes(32);
  let helpdesk: Person;
  let head: Person;
  let browserOf: (name: string) => ReturnType<ReturnType<typeof signedInBrowsers>>;
  let company: string;
  const queue = '/api/requests/agencies/kalsel-prov/queue';

  beforeAll(async () => {
    const mailer = recordingMailer();
    t = await createTestApp({ identity: { clock, secretKey, mailer }, requests: { secretKey } });
    make = createFactories({ ...t, mails: mailer.sent });
    await make.standards({ codes: ['kalsel-prov'] });
    helpdesk = await make.officer({ agency: 'kalsel-prov', roles: ['helpdesk'], name: 'Rina Helpdesk' });
    head = await make.officer({ agency: 'kalsel-prov', roles: ['kepala-biro'], name: 'Kepala Biro' });
    browserOf = signedInBrowsers(() => t.app, clock, { helpdesk, head });
    // 119 LPSE Support tickets (one of them a company's locked account) and one walk-in: 120 open requests.
    company = (await make.helpdeskQueue({ count: 119 })).company;
    await make.request({ agency: 'kalsel-prov', service: 'dukungan-spse', channel: 'walk-in', title: 'Datang ke helpdesk', requester: { name: 'Siti Aminah', type: 'government' }, organisation: { governmentUnit: 'Dinas Datang Langsung' } });
    await make.complaint({ agency: 'kalsel-prov' });
  }, 240_000);

  afterAll(async () => {
    await t?.close();
  });

  const numbersOf = (res: { json: () => { items: { number: string }[] } }) => res.json().items.map((i) => i.number);

  it('pages through all 120 open requests with the cursor, none twice and none left out', async () => {
    const browser = await browserOf('helpdesk');
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res = await browser.get(`${queue}?view=all&limit=50${after ? `&after=${after}` : ''}`);
      expect(res.statusCode).toBe(200);
      seen.push(...numbersOf(res));
      after = res.json().next;
      pages++;
    } while (after && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(seen).toContain(company);
  });

  it('counts what waits for the help desk per queue, the same as the queues list, and no complaints it may not open', async () => {
    const browser = await browserOf('helpdesk');
    const res = await browser.get('/api/me/work');
    expect(res.statusCode).toBe(200);
    const kalsel = res.json().agencies.find((a: { code: string }) => a.code === 'kalsel-prov');
    expect(kalsel.requests).toMatchObject({ all: 120, unassigned: 120, mine: 0, near_breach: 0, breached: 0 });
    // The help desk acts in every step these tickets wait in (LPSE Support's tiket-lpse, the walk-in's).
    expect(kalsel.requests.role).toBe((await browser.get(`${queue}?view=role&limit=200`)).json().items.length);
    expect(kalsel.requests.role).toBeGreaterThan(0);
    expect(kalsel.complaints).toBeNull();
    expect((await browser.get(`${queue}/counts`)).json()).toEqual(kalsel.requests);

    // Taking one moves it from "unassigned" to "mine".
    const taken = await browser.get(`${queue}?view=unassigned&q=${encodeURIComponent('Sinar Borneo')}`);
    const number = numbersOf(taken)[0]!;
    const view = (await browser.get(`/api/requests/agencies/kalsel-prov/requests/${number}`)).json();
    expect((await browser.post(`/api/requests/agencies/kalsel-prov/requests/${number}/claim`, { version: view.version })).statusCode).toBe(200);
    const after = (await browser.get('/api/me/work')).json().agencies.find((a: { code: string }) => a.code === 'kalsel-prov');
    expect(after.requests).toMatchObject({ all: 120, unassigned: 119, mine: 1 });
    expect(numbersOf(await browser.get(`${queue}?view=mine`))).toEqual([number]);
  });

  it('shows the head of the bureau, who holds complaints.handle, the new complaint', async () => {
    const res = await (await browserOf('head')).get('/api/me/work');
    const kalsel = res.json().agencies.find((a: { code: string }) => a.code === 'kalsel-prov');
    expect(kalsel.complaints).toEqual({ received: 1, reopened: 0, mine: 0 });
    expect(kalsel.requests.all).toBe(120);
    // The head acts in none of these tickets' steps: nothing waits for the head's role.
    expect(kalsel.requests.role).toBe(0);
  });

  it('finds a request by the company, the requester, the NPWP however typed, the number, and words of its text', async () => {
    const browser = await browserOf('helpdesk');
    const find = async (q: string) => numbersOf(await browser.get(`${queue}?view=all&q=${encodeURIComponent(q)}`));
    expect(await find('Sinar Borneo')).toEqual([company]);
    expect(await find('sinar borneo konstruksi')).toEqual([company]);
    expect(await find('borneo')).toEqual([company]);
    expect(await find('Budi Santoso')).toEqual([company]);
    expect(await find('01.312.166.0-091.000')).toEqual([company]);
    expect(await find('013121660091000')).toEqual([company]);
    expect(await find(company)).toEqual([company]);
    expect(await find(company.slice(-5))).toContain(company);
    expect(await find('terkunci kata sandi')).toEqual([company]);
    // A misspelt company name still finds it (trigram word similarity).
    expect(await find('Sinar Bornoe')).toEqual([company]);
    // Wildcards are taken literally.
    expect(await find('%')).toEqual([]);
    // The counts follow the search.
    expect((await browser.get(`${queue}/counts?q=${encodeURIComponent('Sinar Borneo')}`)).json()).toMatchObject({ all: 1, mine: 1, unassigned: 0 });
  });

  it('filters by channel, service, status, clock state and officer', async () => {
    const browser = await browserOf('helpdesk');
    const count = async (filter: string) => (await browser.get(`${queue}?view=all&limit=200&${filter}`)).json().items.length;
    expect(await count('channel=walk-in')).toBe(1);
    expect(await count('channel=lpse-support')).toBe(119);
    expect(await count('service=dukungan-spse')).toBe(120);
    expect(await count('service=advokasi-kontrak')).toBe(0);
    expect(await count('status=open')).toBe(120);
    expect(await count('status=confirming')).toBe(0);
    expect(await count('clock=ok')).toBe(120);
    expect(await count('clock=breached')).toBe(0);
    expect(await count(`officer=${helpdesk.id}`)).toBe(1);
    expect((await browser.get(`${queue}/counts?channel=walk-in`)).json().all).toBe(1);
  });

  it('refuses an unknown clock state or a cursor it did not give, naming the field', async () => {
    const browser = await browserOf('helpdesk');
    const badClock = await browser.get(`${queue}?clock=late`);
    expect(badClock.statusCode).toBe(400);
    expect(badClock.body).toContain('clock');
    const badCursor = await browser.get(`${queue}?after=${Buffer.from('{"x":1}').toString('base64url')}`);
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.body).toContain('after');
    expect((await browser.get(`${queue}/counts?officer=someone`)).statusCode).toBe(400);
  });

  it('is for signed-in people only', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/me/work' })).statusCode).toBe(401);
  });
});
