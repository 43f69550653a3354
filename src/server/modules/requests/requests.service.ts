/**
 * The requests service: one factory composing the use cases, each in the file named after what a
 * reader wants to change —
 *   requests.intake.ts       filing: the standard's checks, lead time, number, tracking secret
 *   requests.transitions.ts  the workflow engine and what officers and requesters do to a request
 *   requests.views.ts        one request for staff or its requester, my requests
 *   requests.queue.ts        the officers' queues: search, filters, cursor, counts per queue
 *   requests.attachments.ts  files: content-addressed storage, encryption, upload and download
 *   requests.sweep.ts        the clock sweeper's pass: warnings, breaches, auto-close
 *   requests.settings.ts     canned replies and the auto-close setting of an agency
 *   requests.survey.ts       the satisfaction survey of a closed request
 * over requests.context.ts (dependencies, cached lookups, refusals) and the pure
 * requests.workflow.ts, requests.clock.ts and requests.policy.ts.
 */
import { createAttachments } from './requests.attachments.js';
import { createRequestsContext, type RequestsServiceDeps } from './requests.context.js';
import { createIntake } from './requests.intake.js';
import { createQueues } from './requests.queue.js';
import { createSettings } from './requests.settings.js';
import { createSurvey } from './requests.survey.js';
import { createSweep } from './requests.sweep.js';
import { createTransitionEngine, createTransitions } from './requests.transitions.js';
import { createViews } from './requests.views.js';

export type { AgencyInfo, CallContext, RequestsServiceDeps } from './requests.context.js';
export { formatNumber, parseNumber } from './requests.context.js';
export type { SweepOutcome } from './requests.sweep.js';

export function createRequestsService(deps: RequestsServiceDeps) {
  const context = createRequestsContext(deps);
  const views = createViews(context);
  const survey = createSurvey(context);
  const engine = createTransitionEngine(context);
  return {
    ...createIntake(context),
    loadByNumber: context.loadByNumber,
    ...views,
    ...createQueues(context),
    ...createTransitions(context, { engine, views, survey }),
    ...createAttachments(context),
    ...createSettings(context),
    ...createSweep(context, { engine, survey }),
    surveyTarget: survey.surveyTarget,
    serviceUsers: survey.serviceUsers,
  };
}

export type RequestsService = ReturnType<typeof createRequestsService>;
