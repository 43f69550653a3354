import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaintInput } from '../../../shared/contracts/complaints.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createFactories, recordingMailer } from '../../test/factories.js';
import { systemActor } from '../audit/audit.service.js';
import { loadStandards } from '../standards/standards.loader.js';
import type { ActionContext } from './complaints.context.js';

/** WITA is UTC+8. */
const wita = (local: string) => new Date(`${local}+08:00`);

/**
 * Complaints left answered, and complaints reopened, follow the agency's own rules. No shipped
 * standard says after how long an answered complaint closes without reply; here Kalimantan
 * Utara's is imported as an administrator who adopts SP4N-LAPOR!'s rule would write it
 * (`closeAfterNoReply: 10 working days`), Klungkung's as shipped (silent: nothing closes by itself).
 */
describe('complaints closed without reply, and reopened, by the agency rules', () => {
  let t: TestApp;
  let now = wita('2026-04-06T09:00:00');
  const mailer = recordingMailer();
  const staff: ActionContext = { actor: { type: 'system', id: null, label: 'test officer' }, ip: null, requestId: null, lang: 'en' };
  const complainant: ActionContext = { actor: { type: 'anonymous', id: null, label: null }, ip: null, requestId: null, lang: 'en' };
  let officerId: string;
  let klungkungOfficerId: string;

  beforeAll(async () => {
    t = await createTestApp({ identity: { clock: () => now, mailer } });
    const loaded = await loadStandards(path.resolve('standards'));
    expect(loaded.problems).toEqual([]);
    const kaltara = loaded.agencies.find((a) => a.agency.code === 'kaltara-prov')!;
    const adopted = { ...kaltara, agency: { ...kaltara.agency, complaints: { ...kaltara.agency.complaints, closeAfterNoReply: { amount: 10, unit: 'working_days' as const } } } };
    const klungkung = loaded.agencies.find((a) => a.agency.code === 'klungkung-kab')!;
    await t.services.standards.importLoaded({ agencies: [adopted, klungkung], actor: systemActor('test') });
    const make = createFactories({ ...t, mails: mailer.sent });
    officerId = (await make.officer({ agency: 'kaltara-prov', roles: ['kepala-biro'] })).id;
    klungkungOfficerId = (await make.officer({ agency: 'klungkung-kab', roles: (await t.services.staff.listRoles({ agency: await t.services.agencies.getAgency({ code: 'klungkung-kab' }) })).map((r) => r.code) })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const complaints = () => t.services.complaints;
  const view = (agencyCode: string, number: string) => complaints().detail({ agencyCode, number, permissions: new Set(['complaints.view', 'complaints.handle']) });

  /** Filed on the public form, found complete, classed (Kaltara: "Pengaduan bersifat normatif", 5 hari kerja), assigned and answered at `answerAt`. */
  async function answered(agencyCode: string, email: string, answerAt: Date) {
    now = wita('2026-04-06T09:00:00');
    const input = fileComplaintInput.parse({ subject: 'Jawaban helpdesk tidak sesuai', description: 'Pertanyaan saya dijawab tidak sesuai standar pelayanan.', complainant: { name: 'Pengadu Uji', email } });
    const filed = await complaints().fileOnline({ agencyCode, input, context: complainant });
    const number = filed.number;
    await complaints().verify({ agencyCode, number, complete: true, context: staff });
    await complaints().classify({ agencyCode, number, ...(agencyCode === 'kaltara-prov' ? { classCode: 'normatif' } : {}), context: staff });
    await complaints().assign({ agencyCode, number, assigneeId: agencyCode === 'kaltara-prov' ? officerId : klungkungOfficerId, context: staff });
    now = answerAt;
    await complaints().answer({ agencyCode, number, answer: 'Jawaban telah diperbaiki.', outcome: 'substantiated', context: staff });
    return { number, secret: filed.trackingSecret };
  }

  it('closes an answered complaint after the 10 working days the standard states without reply, and tells the complainant by e-mail', async () => {
    // Answered Tuesday 7 April 10:00; 10 working days: 8-10, 13-17, 20-21 April → the close of Tuesday 21 April (16:00 WITA).
    const c = await answered('kaltara-prov', 'pengadu.diam@example.id', wita('2026-04-07T10:00:00'));
    const shown = await view('kaltara-prov', c.number);
    expect(shown).toMatchObject({ status: 'answered', autoCloseAt: '2026-04-21T08:00:00.000Z', closeAfterNoReply: { text: { id: '10 hari kerja' } } });
    const tracked = await complaints().track({ agencyCode: 'kaltara-prov', credentials: { number: c.number, secret: c.secret, email: undefined }, lang: 'id' });
    expect(tracked.autoCloseAt).toBe('2026-04-21T08:00:00.000Z');
    // Told when answered: what to do, by when (WITA), where.
    const told = mailer.sent.find((m) => m.to === 'pengadu.diam@example.id' && m.subject === `Pengaduan ${c.number} telah dijawab / Complaint ${c.number} answered`);
    expect(told?.text).toContain('Batas waktu: 21 April 2026 pukul 16:00 WITA. Tanpa tanggapan sampai saat itu, pengaduan ditutup');
    expect(told?.text).toContain('Deadline: 21 April 2026 at 16:00 WITA.');
    expect(told?.text).toContain('http://localhost:3000/instansi/kaltara-prov/pengaduan/lacak');
    expect(told?.text).not.toContain(c.secret);

    // A minute early: nothing.
    expect(await complaints().autoCloseUnanswered({ at: wita('2026-04-21T15:59:00') })).toMatchObject({ closed: 0 });
    now = wita('2026-04-21T16:05:00');
    const swept = await complaints().autoCloseUnanswered();
    expect(swept).toMatchObject({ closed: 1, failed: [] });
    const closed = await view('kaltara-prov', c.number);
    expect(closed).toMatchObject({ status: 'closed', closedAt: now.toISOString(), autoCloseAt: null });
    expect(closed.reopenUntil).not.toBeNull();
    expect(closed.timeline.at(-1)).toMatchObject({ type: 'auto_closed', actorType: 'system', note: expect.stringContaining('tidak ada tanggapan pengadu dalam 10 hari kerja') });
    const mail = mailer.sent.find((m) => m.to === 'pengadu.diam@example.id' && m.subject.includes('ditutup'));
    expect(mail).toMatchObject({ subject: `Pengaduan ${c.number} ditutup / Complaint ${c.number} closed` });
    expect(mail!.text).toContain('dalam 10 hari kerja setelah jawaban');
    expect(mail!.text).toContain('/instansi/kaltara-prov/pengaduan/lacak');
    // Once only.
    expect(await complaints().autoCloseUnanswered({ at: wita('2026-05-30T10:00:00') })).toMatchObject({ claimed: 0, closed: 0 });
  });

  it('leaves one the complainant accepted alone', async () => {
    const c = await answered('kaltara-prov', 'pengadu.puas@example.id', wita('2026-04-07T10:00:00'));
    now = wita('2026-04-08T10:00:00');
    await complaints().complainantConfirm({ agencyCode: 'kaltara-prov', number: c.number, secret: c.secret, context: complainant });
    await complaints().autoCloseUnanswered({ at: wita('2026-05-30T10:00:00') });
    expect((await view('kaltara-prov', c.number)).timeline.at(-1)).toMatchObject({ type: 'confirmed' });
  });

  it('closes nothing by itself where the standard states no time (Klungkung), and the pages say so', async () => {
    const c = await answered('klungkung-kab', 'pengadu.klungkung@example.id', wita('2026-04-07T10:00:00'));
    expect(await complaints().autoCloseUnanswered({ at: wita('2026-12-30T10:00:00') })).toMatchObject({ closed: 0 });
    expect(await view('klungkung-kab', c.number)).toMatchObject({ status: 'answered', autoCloseAt: null, closeAfterNoReply: null });
    const tracked = await complaints().track({ agencyCode: 'klungkung-kab', credentials: { number: c.number, secret: c.secret, email: undefined }, lang: 'id' });
    expect(tracked).toMatchObject({ status: 'answered', autoCloseAt: null, closeAfterNoReply: null });
    const told = mailer.sent.find((m) => m.to === 'pengadu.klungkung@example.id' && m.subject.includes('telah dijawab'));
    expect(told?.text).toContain('Batas waktu: tidak dinyatakan dalam standar pelayanan.');
  });

  it('never closes without reply a complainant who was not told of the answer by e-mail (a phone number only), and says so to the officers', async () => {
    now = wita('2026-04-06T09:00:00');
    const input = fileComplaintInput.parse({ subject: 'Jawaban helpdesk tidak sesuai', description: 'Pertanyaan saya dijawab tidak sesuai standar pelayanan.', complainant: { name: 'Pengadu Telepon', phone: '081234567890' } });
    const { number } = await complaints().fileOnline({ agencyCode: 'kaltara-prov', input, context: complainant });
    await complaints().verify({ agencyCode: 'kaltara-prov', number, complete: true, context: staff });
    await complaints().classify({ agencyCode: 'kaltara-prov', number, classCode: 'normatif', context: staff });
    await complaints().assign({ agencyCode: 'kaltara-prov', number, assigneeId: officerId, context: staff });
    now = wita('2026-04-07T10:00:00');
    await complaints().answer({ agencyCode: 'kaltara-prov', number, answer: 'Jawaban telah diperbaiki.', outcome: 'substantiated', context: staff });
    const shown = await view('kaltara-prov', number);
    expect(shown).toMatchObject({ status: 'answered', autoCloseAt: null });
    expect(shown.timeline.at(-1)).toMatchObject({ type: 'not_told', note: expect.stringContaining('Pengadu tidak diberi tahu melalui e-mail: tidak ada alamat e-mail') });
    expect(await complaints().autoCloseUnanswered({ at: wita('2026-05-30T10:00:00') })).toMatchObject({ closed: 0 });
    expect(await view('kaltara-prov', number)).toMatchObject({ status: 'answered' });
  });

  it('gives a reopened complaint new due times by its class ("Pengaduan bersifat normatif": 5 hari kerja) from the reopening, not its first ones', async () => {
    const c = await answered('kaltara-prov', 'pengadu.kembali@example.id', wita('2026-04-07T10:00:00'));
    const first = await view('kaltara-prov', c.number);
    await complaints().close({ agencyCode: 'kaltara-prov', number: c.number, context: staff });
    // Reopened Monday 13 April 09:00: 5 working days (14-17, 20 April) → the close of Monday 20 April; the national 60 days from then (12 June).
    now = wita('2026-04-13T09:00:00');
    await complaints().complainantReopen({ agencyCode: 'kaltara-prov', number: c.number, secret: c.secret, reason: 'Masalah belum selesai.', context: complainant });
    const reopened = await view('kaltara-prov', c.number);
    expect(first.clocks.resolution.dueAt).toBe('2026-04-13T08:00:00.000Z');
    expect(reopened.clocks.resolution).toMatchObject({ dueAt: '2026-04-20T08:00:00.000Z', state: 'ok' });
    expect(reopened.clocks.hard.dueAt?.slice(0, 10)).toBe('2026-06-12');
    expect(reopened.timeline.at(-1)).toMatchObject({ type: 'reopened', data: { resolutionDueAt: '2026-04-20T08:00:00.000Z' } });
    // Answered within the new round: on time.
    now = wita('2026-04-17T09:00:00');
    await complaints().answer({ agencyCode: 'kaltara-prov', number: c.number, answer: 'Sudah diperbaiki.', outcome: 'substantiated', context: staff });
    expect((await view('kaltara-prov', c.number)).timeline.at(-1)).toMatchObject({ type: 'answered', data: { onTime: true } });
  });
});
