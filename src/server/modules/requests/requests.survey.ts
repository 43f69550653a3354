/**
 * The satisfaction survey of a closed request (PermenPANRB 14/2017): the invitation e-mailed when
 * it closes, and what the surveys module needs to take the requester's answer.
 */
import { safeEqual, signToken } from '../../lib/secrets.js';
import type { RequestRow } from './requests.repo.js';
import { requestNotFound, type RequestsContext } from './requests.context.js';

/** Marks a survey link's token, so it is never taken for a tracking secret (base64url, no dot). */
const surveyTokenPrefix = 's1.';

export function createSurvey(context: RequestsContext) {
  const { deps, loadByNumber, checkSecret } = context;

  /**
   * The survey link's token: the request signed with the deployment's survey key. It opens the
   * survey of this request only (not its tracking page), cannot be made without the key, and needs
   * nothing stored; the survey takes one response per request, so the link works once.
   */
  const surveyToken = (row: Pick<RequestRow, 'agencyId' | 'id'>) => `${surveyTokenPrefix}${signToken(deps.surveyLinkKey, `survey:${row.agencyId}:${row.id}`)}`;

  /**
   * Invites the requester to the satisfaction survey of a closed request (PermenPANRB 14/2017),
   * with the survey link (the tracking secret is never mailed: only its hash is stored, so a
   * requester who lost the tracking link can still answer). A mail failure is logged; the request
   * stays closed.
   */
  async function inviteToSurvey(row: RequestRow): Promise<void> {
    if (!deps.mailer || !row.requesterEmail) return;
    const link = `${deps.publicUrl}/lacak/${row.number}/survei#k=${encodeURIComponent(surveyToken(row))}`;
    try {
      await deps.mailer.send({
        to: row.requesterEmail,
        subject: `Survei kepuasan permohonan ${row.number} / Satisfaction survey of request ${row.number}`,
        text: [
          `Yth. ${row.requesterName},`,
          '',
          `Permohonan ${row.number} telah selesai. Mohon luangkan dua menit untuk mengisi survei kepuasan (sembilan pertanyaan, satu kali per permohonan):`,
          link,
          'Tautan ini hanya untuk survei permohonan ini dan berlaku untuk satu kali pengisian.',
          '',
          `Your request ${row.number} is closed. Please take two minutes to answer the satisfaction survey (nine questions, once per request):`,
          link,
          'This link is for the survey of this request only and takes one answer.',
        ].join('\n'),
      });
    } catch (error) {
      (deps.log ?? { error: (details: object, message: string) => console.error(message, details) }).error(
        { err: error instanceof Error ? error.message : String(error), number: row.number },
        'survey invitation not sent',
      );
    }
  }

  return {
    inviteToSurvey,

    /** How many requests of a service were received in [from, to): the SKM's population N. */
    serviceUsers(options: { agencyId: string; serviceCode: string; from: Date; to: Date }): Promise<number> {
      return deps.repo.countReceived(options);
    },

    /**
     * What the survey needs of a request, for the holder of its tracking link or of the survey
     * link mailed when it closed: which agency, service and channel its response counts for, and
     * whether it is closed. A wrong token answers as an unknown number.
     */
    async surveyTarget({ number, secret }: { number: string; secret: string }) {
      const row = await loadByNumber(number);
      if (!secret.startsWith(surveyTokenPrefix)) checkSecret(row, secret);
      else if (!safeEqual(surveyToken(row), secret)) throw requestNotFound(row.number);
      return { agencyId: row.agencyId, requestId: row.id, number: row.number, serviceCode: row.serviceCode, channel: row.channel, closed: row.status === 'closed' };
    },
  };
}

export type RequestSurvey = ReturnType<typeof createSurvey>;
