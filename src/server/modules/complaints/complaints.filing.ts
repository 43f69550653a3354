/**
 * Filing a complaint, from any source: the public form, an officer's intake (walk-in, letter,
 * e-mail, call, chat) or a report forwarded from SP4N-LAPOR!. Judged by the standard in force at
 * receipt: channel, service, required contents, filing window; numbered without gaps; its clocks
 * counted from receipt.
 */
import {
  readRequiredContents,
  webChannel,
  type FileComplaintInput,
  type FiledComplaint,
  type IntakeComplaintInput,
} from '../../../shared/contracts/complaints.js';
import type { FieldProblem } from '../../../shared/validation.js';
import { AppError } from '../../lib/app-error.js';
import { localDateOf } from '../calendar/time-zone.js';
import { dueTimes, filingDeadline, rulesFor, toStored } from './complaints.clock.js';
import { invalid, iso, problem, type ActionContext, type ComplaintAgency, type ComplaintsContext } from './complaints.context.js';
import { checkRequiredContents } from './complaints.forms.js';
import { hashTrackingSecret, newTrackingSecret } from './complaints.tracking.js';

type Source =
  | { kind: 'public' }
  | { kind: 'staff'; channel: string; receivedAt?: string | undefined; laporTrackingId?: string | undefined }
  | { kind: 'lapor'; channelCode: string; receivedAt: Date; laporTrackingId: string };

export function formatComplaintNumber(agencyCode: string, year: number, seq: number): string {
  return `${agencyCode.toUpperCase()}-ADU-${year}-${String(seq).padStart(5, '0')}`;
}

export function createFiling(ctx: ComplaintsContext) {
  const { deps, repo, clock } = ctx;

  /** Files a complaint from any source; validates it by the standard in force at receipt. */
  async function fileComplaint(options: {
    agency: ComplaintAgency;
    input: FileComplaintInput & { laporTrackingId?: string | undefined };
    source: Source;
    context: ActionContext;
  }): Promise<FiledComplaint> {
    const { agency, input, source, context } = options;
    const lang = context.lang;
    const now = clock();
    let receivedAt = now;
    if (source.kind === 'staff' && source.receivedAt) receivedAt = new Date(source.receivedAt);
    if (source.kind === 'lapor') receivedAt = source.receivedAt;
    if (receivedAt.getTime() > now.getTime() + 60_000) throw invalid([problem('receivedAt', 'complaint.received_future', lang)]);

    const standard = await ctx.standardAt(agency, receivedAt);
    const rules = standard.agency.complaints;
    const problems: FieldProblem[] = [];

    let channel: { code: string; kind: string };
    if (source.kind === 'public') channel = webChannel;
    else if (source.kind === 'lapor') channel = { code: source.channelCode, kind: 'sp4n_lapor' };
    else {
      const found = source.channel === webChannel.code ? webChannel : rules.channels.find((c) => c.code === source.channel);
      if (!found) problems.push(problem('channel', 'complaint.channel_unknown', lang));
      channel = found ?? webChannel;
    }

    const service = input.serviceCode ? standard.services.find((s) => s.code === input.serviceCode) : undefined;
    if (input.serviceCode && !service) problems.push(problem('serviceCode', 'complaint.service_unknown', lang));

    // A report forwarded from LAPOR! has already been accepted there: it is taken as it comes.
    if (source.kind !== 'lapor') problems.push(...checkRequiredContents(readRequiredContents(rules.requiredContents), input, lang));

    const receivedLocal = localDateOf(agency.timeZone, receivedAt.getTime());
    if (input.serviceDate && input.serviceDate > receivedLocal) problems.push(problem('serviceDate', 'complaint.service_date_future', lang));
    if (problems.length > 0) throw invalid(problems);

    const calendar = await ctx.calendarOf(agency);
    const applied = rulesFor(standard.agency, service);
    let late = false;
    let fileBy: string | null = null;
    if (input.serviceDate && applied.fileWithin) {
      // A late complaint is still taken: UU 25/2009 gives no ground to refuse it. It is flagged.
      ({ late, fileBy } = filingDeadline({
        calendar,
        serviceDate: input.serviceDate,
        timeZone: agency.timeZone,
        fileWithin: applied.fileWithin,
        receivedLocalDate: receivedLocal,
      }));
    }
    const due = dueTimes(calendar, { receivedAt, responseLimit: applied.responseLimit, resolutionLimit: applied.resolutionLimit, pauses: [] }, receivedAt.getTime());
    const secret = newTrackingSecret();
    const year = Number(receivedLocal.slice(0, 4));
    const { complainant } = input;
    const hasIdentity = !!(complainant.name || complainant.address || complainant.email || complainant.phone);

    try {
      const complaint = await deps.db.transaction(async (tx) => {
        const seq = await repo.nextSeq(agency.id, year, tx);
        const number = formatComplaintNumber(agency.code, year, seq);
        const row = await repo.insertComplaint(
          {
            agencyId: agency.id,
            number,
            year,
            seq,
            trackingSecretHash: hashTrackingSecret(secret),
            standardVersion: standard.version,
            channel: channel.code,
            channelKind: channel.kind,
            serviceCode: input.serviceCode ?? null,
            requestNumber: input.requestNumber ?? null,
            requestId: null,
            laporTrackingId: input.laporTrackingId ?? (source.kind === 'staff' || source.kind === 'lapor' ? (source.laporTrackingId ?? null) : null),
            anonymous: input.anonymous,
            confidential: input.confidential,
            subject: input.subject,
            description: input.description,
            loss: input.loss ?? null,
            requestedResolution: input.requestedResolution ?? null,
            place: input.place ?? null,
            signed: input.signed,
            otherContents: input.otherContents,
            receivedAt,
            serviceDate: input.serviceDate ?? null,
            fileBy,
            late,
            status: 'received',
            responseLimit: applied.responseLimit ? toStored(applied.responseLimit) : null,
            responseDueAt: due.responseDueAt,
            resolutionLimit: applied.resolutionLimit ? toStored(applied.resolutionLimit) : null,
            resolutionDueAt: due.resolutionDueAt,
            hardDueAt: due.hardDueAt,
          },
          tx,
        );
        if (hasIdentity) {
          await repo.insertComplainant(
            { agencyId: agency.id, complaintId: row.id, name: complainant.name ?? null, address: complainant.address ?? null, email: complainant.email ?? null, phone: complainant.phone ?? null },
            tx,
          );
        }
        await repo.appendEvent(
          agency.id,
          row.id,
          ctx.eventOf(context, 'filed', {
            toStatus: 'received',
            actorType: source.kind === 'public' ? 'complainant' : source.kind === 'lapor' ? 'lapor' : undefined,
            data: { channel: channel.code, late, ...(row.laporTrackingId ? { laporTrackingId: row.laporTrackingId } : {}) },
          }),
          tx,
        );
        await ctx.audit(tx, agency, context, 'complaints.filed', number, null, {
          channel: channel.code,
          serviceCode: row.serviceCode,
          anonymous: row.anonymous,
          confidential: row.confidential,
          late,
          receivedAt: receivedAt.toISOString(),
          laporTrackingId: row.laporTrackingId,
          standardVersion: standard.version,
        });
        return row;
      });
      return {
        number: complaint.number,
        trackingSecret: secret,
        receivedAt: receivedAt.toISOString(),
        status: 'received',
        late,
        fileBy,
        responseDueAt: iso(due.responseDueAt),
        resolutionDueAt: iso(due.resolutionDueAt),
        hardDueAt: due.hardDueAt.toISOString(),
      };
    } catch (error) {
      const laporId = input.laporTrackingId ?? (source.kind !== 'public' ? source.laporTrackingId : undefined);
      if (laporId && (await repo.findByLaporId(agency.id, laporId))) {
        throw new AppError('conflict', { id: `Laporan SP4N-LAPOR! ${laporId} sudah tercatat`, en: `SP4N-LAPOR! report ${laporId} is already recorded` }, [
          problem('laporTrackingId', 'complaint.lapor_duplicate', lang),
        ]);
      }
      throw error;
    }
  }

  return {
    /** A complaint from the public web form. */
    async fileOnline({ agencyCode, input, context }: { agencyCode: string; input: FileComplaintInput; context: ActionContext }): Promise<FiledComplaint> {
      const agency = await ctx.agencyOf(agencyCode);
      return fileComplaint({ agency, input, source: { kind: 'public' }, context });
    },

    /** A complaint an officer records from a walk-in, letter, e-mail, call, chat or a LAPOR! forwarding. */
    async intake({ agencyCode, input, context }: { agencyCode: string; input: IntakeComplaintInput; context: ActionContext }): Promise<FiledComplaint> {
      const agency = await ctx.agencyOf(agencyCode);
      const { channel, receivedAt, laporTrackingId, ...fields } = input;
      return fileComplaint({ agency, input: fields, source: { kind: 'staff', channel, receivedAt, laporTrackingId }, context });
    },

    /** A report pulled from SP4N-LAPOR!: once per tracking ID. Returns null when already recorded. */
    async fileFromLapor(options: {
      agencyCode: string;
      laporTrackingId: string;
      receivedAt: Date;
      input: FileComplaintInput;
      context: ActionContext;
    }): Promise<FiledComplaint | null> {
      const agency = await ctx.agencyOf(options.agencyCode);
      if (await repo.findByLaporId(agency.id, options.laporTrackingId)) return null;
      const standard = await ctx.standardAt(agency, options.receivedAt);
      const channelCode = standard.agency.complaints.channels.find((c) => c.kind === 'sp4n_lapor')?.code ?? 'sp4n-lapor';
      return fileComplaint({
        agency,
        input: options.input,
        source: { kind: 'lapor', channelCode, receivedAt: options.receivedAt, laporTrackingId: options.laporTrackingId },
        context: options.context,
      });
    },
  };
}
