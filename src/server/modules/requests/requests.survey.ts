/**
 * The satisfaction survey of a closed request (PermenPANRB 14/2017): the invitation e-mailed when
 * it closes, and what the surveys module needs to take the requester's answer.
 */
import type { RequestRow } from './requests.repo.js';
import type { RequestsContext } from './requests.context.js';

export function createSurvey(context: RequestsContext) {
  const { deps, loadByNumber, checkSecret } = context;

  /**
   * Invites the requester to the satisfaction survey of a closed request (PermenPANRB 14/2017).
   * The link carries no secret: only its hash is stored, and the requester opens the survey
   * with the tracking link they were given. A mail failure is logged; the request stays closed.
   */
  async function inviteToSurvey(row: RequestRow): Promise<void> {
    if (!deps.mailer || !row.requesterEmail) return;
    const link = `${deps.publicUrl}/lacak/${row.number}/survei`;
    try {
      await deps.mailer.send({
        to: row.requesterEmail,
        subject: `Survei kepuasan permohonan ${row.number} / Satisfaction survey of request ${row.number}`,
        text: [
          `Yth. ${row.requesterName},`,
          '',
          `Permohonan ${row.number} telah selesai. Mohon luangkan dua menit untuk mengisi survei kepuasan (sembilan pertanyaan, satu kali per permohonan):`,
          link,
          'Buka halaman itu dari tautan lacak yang Anda terima saat mengajukan permohonan, atau tempelkan tautan lacak tersebut di halaman survei.',
          '',
          `Your request ${row.number} is closed. Please take two minutes to answer the satisfaction survey (nine questions, once per request):`,
          link,
          'Open it from the tracking link you were given when you filed the request, or paste that tracking link on the survey page.',
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

    /**
     * What the survey needs of a request, for the holder of its tracking link: which agency,
     * service and channel its response counts for, and whether it is closed.
     */
    async surveyTarget({ number, secret }: { number: string; secret: string }) {
      const row = await loadByNumber(number);
      checkSecret(row, secret);
      return { agencyId: row.agencyId, requestId: row.id, number: row.number, serviceCode: row.serviceCode, channel: row.channel, closed: row.status === 'closed' };
    },
  };
}

export type RequestSurvey = ReturnType<typeof createSurvey>;
