import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database, Db } from '../../db/client.js';
import type { Mailer } from '../../lib/mailer.js';
import { createAgenciesRepo } from '../agencies/agencies.repo.js';
import { createAuditRepo } from '../audit/audit.repo.js';
import { createAuditService } from '../audit/audit.service.js';
import { createCalendarRepo } from '../calendar/calendar.repo.js';
import { createCalendarService } from '../calendar/calendar.service.js';
import { createAccessService } from '../identity/identity.access.js';
import { createIdentityRepo } from '../identity/identity.repo.js';
import { standardsServiceFor } from '../standards/standards.cli.js';
import { createLocalFileStorage, deriveFileKey, type FileStorage } from './requests.attachments.js';
import { builtInEffects, createEffectsRegistry, type EffectHandlers } from './requests.effects.js';
import { createRequestsRepo } from './requests.repo.js';
import { createRequestsService, type RequestsService, type RequestsServiceDeps } from './requests.service.js';

/** What main.ts (from the Config) and tests choose about requests. */
export interface RequestsOptions {
  /** Where attachment contents live (`<SIGAP_DATA_DIR>/files`); absent: a temporary folder (tests). */
  filesDir?: string;
  storage?: FileStorage;
  /** The deployment's secret key; the file key is derived from it. Absent: random (tests). */
  secretKey?: Buffer;
  /** Effect handlers beyond the built-in ones (tests, and modules that implement `vendor.*`). */
  effects?: EffectHandlers;
  maxFileBytes?: number;
}

export function createRequestsModule(
  deps: Omit<RequestsServiceDeps, 'repo' | 'effects' | 'files' | 'agencies'> & { db: Db; options?: RequestsOptions | undefined },
): RequestsService {
  const options = deps.options ?? {};
  const storage = options.storage ?? createLocalFileStorage(options.filesDir ?? mkdtempSync(path.join(os.tmpdir(), 'sigap-files-')));
  const agenciesRepo = createAgenciesRepo(deps.db);
  return createRequestsService({
    ...deps,
    repo: createRequestsRepo(deps.db),
    agencies: { findByCode: (code) => agenciesRepo.findByCode(code), findById: (id) => agenciesRepo.findById(id) },
    effects: createEffectsRegistry({ ...builtInEffects, ...options.effects }),
    files: { storage, key: deriveFileKey(options.secretKey ?? randomBytes(32)) },
  });
}

/** The requests service outside the web app (the `sigap requests sweep` command, the sweeper of `serve`). */
export function requestsServiceFor(
  database: Database,
  options: { publicUrl: string; requests?: RequestsOptions; clock?: () => Date; mailer?: Mailer; log?: RequestsServiceDeps['log'] },
): RequestsService {
  const db = database.db;
  const audit = createAuditService({ repo: createAuditRepo(db), db, ...(options.clock ? { clock: options.clock } : {}) });
  const standards = standardsServiceFor(database, options.clock ? { clock: options.clock } : {});
  const calendar = createCalendarService({
    db,
    repo: createCalendarRepo(db),
    agencies: { findByCode: (code) => createAgenciesRepo(db).findByCode(code) },
    audit,
    standardHours: (agencyId) => standards.getServiceHours(agencyId),
  });
  return createRequestsModule({
    db,
    standards,
    calendar,
    access: createAccessService({ repo: createIdentityRepo(db) }),
    audit,
    publicUrl: options.publicUrl,
    options: options.requests,
    mailer: options.mailer,
    log: options.log,
    ...(options.clock ? { clock: options.clock } : {}),
  });
}
