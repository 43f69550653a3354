/**
 * The composition root: every service of Sigap, built once per process with its dependencies
 * named. `serve` hands the result to `buildApp` (routes) and the clock sweeper; every `sigap`
 * subcommand takes the service it needs from it. A module reaches another module through that
 * module's service, never its repo: the repos are made here and handed only to their own service.
 *
 * Importing this file loads the service modules but none of the HTTP stack (fastify, the routes)
 * and none of the heavy libraries a service uses only for some calls (PDF fonts, spreadsheets,
 * SMTP): those are loaded when first used, so a short command starts quickly.
 */
import type { Database } from './db/client.js';
import type { Mailer } from './lib/mailer.js';
import { deriveKey } from './lib/secrets.js';
import { createAgenciesRepo } from './modules/agencies/agencies.repo.js';
import { createAgenciesService } from './modules/agencies/agencies.service.js';
import { deriveAuditKey } from './modules/audit/audit.hash.js';
import { createAuditRepo } from './modules/audit/audit.repo.js';
import { createAuditService } from './modules/audit/audit.service.js';
import { createCalendarRepo } from './modules/calendar/calendar.repo.js';
import { createCalendarService } from './modules/calendar/calendar.service.js';
import { createComplaintsRepo } from './modules/complaints/complaints.repo.js';
import { createComplaintsService } from './modules/complaints/complaints.service.js';
import { createAccessService } from './modules/identity/identity.access.js';
import { identitySettings, type IdentityOptions } from './modules/identity/identity.config.js';
import { createIdentityRepo } from './modules/identity/identity.repo.js';
import { createIdentityService } from './modules/identity/identity.service.js';
import { createSetupService } from './modules/identity/identity.setup.js';
import { createStaffService } from './modules/identity/identity.staff.service.js';
import { createLocalFileStorage, deriveFileKey, type FileStorage } from './modules/requests/requests.attachments.js';
import { builtInEffects, createEffectsRegistry, type EffectHandlers } from './modules/requests/requests.effects.js';
import { createRequestsRepo } from './modules/requests/requests.repo.js';
import { createRequestsService } from './modules/requests/requests.service.js';
import { createStandardsRepo } from './modules/standards/standards.repo.js';
import { createStandardsService } from './modules/standards/standards.service.js';
import { createSurveysRepo } from './modules/surveys/surveys.repo.js';
import { catalogueFromStandards, createSurveysService } from './modules/surveys/surveys.service.js';
import { createVendorsRepo } from './modules/vendors/vendors.repo.js';
import { createVendorEffects, createVendorsService } from './modules/vendors/vendors.service.js';
import { createWorkService } from './modules/work/work.service.js';

/** Where services report what they cannot return to a caller (a mail that failed after its commit). pino fits. */
export interface ServicesLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** What the deployment chooses about requests: where attachments live, and effects beyond the built-in ones. */
export type RequestsOptions = ({ filesDir: string } | { storage: FileStorage }) & {
  /** Effect handlers beyond the built-in ones (tests, and modules that implement `vendor.*`). */
  effects?: EffectHandlers | undefined;
};

export interface ServicesOptions {
  /** Where people reach Sigap, for the links in e-mails. */
  publicUrl: string;
  /** The deployment's 32-byte key: encrypts TOTP secrets; the key of confidential files is derived from it. */
  secretKey: Buffer;
  identity?: IdentityOptions | undefined;
  requests: RequestsOptions;
}

export interface ServicesDeps {
  database: Database;
  /** Every service reads the time here; tests pass a fixed one. */
  clock?: (() => Date) | undefined;
  mailer: Mailer;
  log: ServicesLog;
  options: ServicesOptions;
}

/** Builds every service once. Adding a module: build its service here, after the services it uses. */
export function createServices({ database, clock = () => new Date(), mailer, log, options }: ServicesDeps) {
  const db = database.db;
  const { publicUrl, secretKey } = options;

  const agencies = createAgenciesService({ repo: createAgenciesRepo(db) });
  const audit = createAuditService({ repo: createAuditRepo(db), db, chainKey: deriveAuditKey(secretKey), clock });
  const identityRepo = createIdentityRepo(db);
  const access = createAccessService({ repo: identityRepo });
  const identity = createIdentityService({
    db,
    repo: identityRepo,
    audit,
    access,
    agencies,
    mailer,
    clock,
    settings: identitySettings({ ...options.identity, publicUrl, secretKey }),
    // Read when a password is checked, by then the standards service below exists.
    securityPolicies: (agencyIds) => standards.getSecurityPolicies(agencyIds),
  });
  const staff = createStaffService({ db, repo: identityRepo, identity, access, audit, clock });
  const setup = createSetupService({ repo: identityRepo, staff, agencies, secretKey, publicUrl });
  const standards = createStandardsService({ db, repo: createStandardsRepo(db), agencies, roles: identity, audit, clock });
  const calendar = createCalendarService({
    db,
    repo: createCalendarRepo(db),
    agencies,
    audit,
    standardHours: (agencyId) => standards.getServiceHours(agencyId),
    // `calendar due --service --channel`: the service as the standard in force at the start gives it.
    serviceInForce: async ({ agencyId, at, service }) => (await standards.getStandardInForce({ agencyId, at })).services.find((s) => s.code === service),
  });
  const files = options.requests;
  // One store for request attachments and vendor documents: content-addressed, one file key.
  const fileStore = { storage: 'storage' in files ? files.storage : createLocalFileStorage(files.filesDir), key: deriveFileKey(secretKey) };
  const vendorsRepo = createVendorsRepo(db);
  // The vendor.* effects run inside a request's action, so they are built before the requests service.
  const vendorEffects = createVendorEffects({ repo: vendorsRepo, agencies, standards, audit, mailer, log, publicUrl, clock });
  const requests = createRequestsService({
    db,
    repo: createRequestsRepo(db),
    agencies,
    standards,
    calendar,
    access,
    audit,
    clock,
    effects: createEffectsRegistry({ ...builtInEffects, ...vendorEffects.handlers, ...files.effects }),
    files: fileStore,
    surveyLinkKey: deriveKey(secretKey, 'sigap survey link v1'),
    publicUrl,
    // The survey invitation when a request closes; a failure is logged, the closing stands.
    mailer,
    log,
  });
  const surveys = createSurveysService({
    db,
    repo: createSurveysRepo(db),
    agencies,
    audit,
    clock,
    catalogue: catalogueFromStandards(standards),
    // The survey of a closed request is authorised by the request's tracking secret.
    requests,
  });
  const complaints = createComplaintsService({
    db,
    repo: createComplaintsRepo(db),
    agencies,
    standards,
    calendar,
    staff,
    audit,
    clock,
    // Tells a complainant their answered complaint closed without reply; a failure is logged.
    mailer,
    log,
    publicUrl,
  });

  // The registry files account services through the requests service.
  const vendors = createVendorsService({ db, repo: vendorsRepo, agencies, standards, requests, audit, files: fileStore, mailer, log, publicUrl, clock });

  // The staff home counts what waits through the requests' and complaints' services.
  const work = createWorkService({ access, requests, complaints });

  return { database, clock, agencies, audit, access, identity, staff, setup, standards, calendar, requests, surveys, complaints, vendors, work };
}

export type Services = ReturnType<typeof createServices>;
