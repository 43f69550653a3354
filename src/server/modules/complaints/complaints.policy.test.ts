import { describe, expect, it } from 'vitest';
import { complaintStatuses, readRequiredContents } from '../../../shared/contracts/complaints.js';
import type { Permission } from '../../../shared/permissions.js';
import { complainantMay, maySeeIdentity, staffActionsFor } from './complaints.policy.js';
import { formatComplaintNumber } from './complaints.filing.js';
import { hashTrackingSecret, newTrackingSecret } from './complaints.tracking.js';

const perms = (...p: Permission[]) => new Set<Permission>(p);

describe('who sees the complainant', () => {
  it.each([
    { anonymous: false, permissions: perms('complaints.view'), sees: true },
    { anonymous: false, permissions: perms('complaints.handle'), sees: true },
    { anonymous: true, permissions: perms('complaints.view'), sees: false },
    { anonymous: true, permissions: perms('complaints.view', 'complaints.handle'), sees: false },
    { anonymous: true, permissions: perms('complaints.view', 'complaints.identity'), sees: true },
    // complaints.identity alone opens no complaint: the route needs complaints.view first.
    { anonymous: false, permissions: perms('complaints.identity'), sees: false },
    { anonymous: false, permissions: perms('audit.view', 'reports.view'), sees: false },
  ])('anonymous=$anonymous with $permissions → $sees', ({ anonymous, permissions, sees }) => {
    expect(maySeeIdentity({ anonymous, permissions })).toBe(sees);
  });
});

describe('steps per status', () => {
  it('allows each officer step only from its statuses', () => {
    expect(Object.fromEntries(complaintStatuses.map((s) => [s, staffActionsFor(s)]))).toEqual({
      received: ['verify'],
      incomplete: ['record_completion'],
      verified: ['classify'],
      classified: ['classify', 'assign'],
      assigned: ['assign', 'follow_up', 'answer'],
      followed_up: ['assign', 'follow_up', 'answer'],
      answered: ['close'],
      closed: [],
      reopened: ['assign', 'follow_up', 'answer'],
    });
  });

  it("lets the complainant complete an incomplete file, accept an answer and reopen a closed complaint, nothing else", () => {
    const allowed = complaintStatuses.flatMap((s) => (['complete', 'confirm', 'reopen'] as const).filter((a) => complainantMay(a, s)).map((a) => `${s}:${a}`));
    expect(allowed).toEqual(['incomplete:complete', 'answered:confirm', 'closed:reopen']);
  });
});

describe('required contents', () => {
  it("reads Banjarmasin's four sentences (Perwali 67/2018 art. 8(4)) as fields; the time of filing is Sigap's own", () => {
    const read = readRequiredContents([
      'nama dan alamat lengkap pengadu',
      'uraian pelayanan yang tidak sesuai dengan Standar Pelayanan dan uraian kerugian materiil dan immateriil yang diderita',
      'permintaan penyelesaian yang diajukan',
      'tempat, waktu penyampaian, dan tanda tangan pengadu',
    ]);
    expect(read.fields.map((f) => f.field)).toEqual(['complainant.name', 'complainant.address', 'description', 'loss', 'requestedResolution', 'place', 'signed']);
    expect(read.fields.find((f) => f.field === 'signed')?.requirement).toBe('tempat, waktu penyampaian, dan tanda tangan pengadu');
    expect(read.others).toEqual([]);
  });

  it('keeps a sentence naming no known field as its own question', () => {
    expect(readRequiredContents(['bukti pendukung berupa tangkapan layar', 'nomor telepon yang dapat dihubungi'])).toEqual({
      fields: [{ field: 'complainant.contact', requirement: 'nomor telepon yang dapat dihubungi' }],
      others: ['bukti pendukung berupa tangkapan layar'],
    });
  });
});

describe('numbers and tracking codes', () => {
  it('numbers complaints <AGENCY>-ADU-<YEAR>-<SEQ>', () => {
    expect(formatComplaintNumber('kaltara-prov', 2026, 7)).toBe('KALTARA-PROV-ADU-2026-00007');
    expect(formatComplaintNumber('ntt-prov', 2026, 123456)).toBe('NTT-PROV-ADU-2026-123456');
  });

  it('makes codes without look-alike characters, matched whatever the case and dashes', () => {
    const codes = new Set(Array.from({ length: 200 }, newTrackingSecret));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(hashTrackingSecret('abcd efgh-jkmn')).toBe(hashTrackingSecret('ABCD-EFGH-JKMN'));
    expect(hashTrackingSecret('ABCD-EFGH-JKMN')).not.toBe(hashTrackingSecret('ABCD-EFGH-JKMP'));
  });
});
