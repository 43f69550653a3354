import { describe, expect, it } from 'vitest';
import type { AccountStatus, DocumentKind, HistoryField, VendorEffect } from '../../../shared/contracts/vendors.js';
import { accountServiceVerdict, activationDocumentsVerdict, historyVisibility, legalFormDocumentsVerdict, type DocumentState } from './vendors.policy.js';

describe('accountServiceVerdict', () => {
  const cases: [VendorEffect, AccountStatus | null, boolean, string | null][] = [
    ['vendor.activate', null, true, null],
    ['vendor.activate', null, false, 'vendor.account_missing'],
    ['vendor.activate', 'awaiting_verification', false, null],
    ['vendor.activate', 'inactive', false, null],
    ['vendor.activate', 'active', false, 'vendor.account_already_active'],
    ['vendor.activate', 'awaiting_verification', true, 'vendor.account_exists'],
    ['vendor.deactivate', null, false, 'vendor.account_missing'],
    ['vendor.deactivate', 'active', false, null],
    ['vendor.deactivate', 'inactive', false, 'vendor.account_already_inactive'],
    ['vendor.deactivate', 'awaiting_verification', false, 'vendor.account_not_active'],
    ['vendor.changeEmail', 'active', false, null],
    ['vendor.changeEmail', 'awaiting_verification', false, null],
    ['vendor.changeEmail', 'inactive', false, 'vendor.account_inactive'],
    ['vendor.changeNpwp', 'inactive', false, 'vendor.account_inactive'],
    ['vendor.changeLegalForm', 'inactive', false, 'vendor.account_inactive'],
    ['vendor.changeLegalForm', null, false, 'vendor.account_missing'],
    ['vendor.requestAggregation', 'active', false, null],
    ['vendor.requestAggregation', 'awaiting_verification', false, 'vendor.account_not_active'],
    ['vendor.requestAggregation', 'inactive', false, 'vendor.account_inactive'],
  ];
  it.each(cases)('%s with an account %s (registering one: %s) → %s', (effect, status, registersAccount, rule) => {
    const verdict = accountServiceVerdict(effect, status ? { status } : undefined, { registersAccount });
    expect(verdict.ok ? null : verdict.rule).toBe(rule);
  });
});

describe('historyVisibility', () => {
  const here = 'agency-a';
  const cases: [string | null, HistoryField, 'staff' | 'vendor', string][] = [
    [null, 'address', 'staff', 'full'],
    [here, 'account.status', 'staff', 'full'],
    [here, 'npwp', 'staff', 'full'],
    ['agency-b', 'npwp', 'staff', 'without_request'],
    ['agency-b', 'document.verified', 'staff', 'without_request'],
    ['agency-b', 'account.status', 'staff', 'hidden'],
    ['agency-b', 'account.email', 'staff', 'hidden'],
    ['agency-b', 'account.status', 'vendor', 'full'],
  ];
  it.each(cases)('an entry of %s on %s, read by %s → %s', (agencyId, field, kind, expected) => {
    expect(historyVisibility({ agencyId, field }, kind === 'staff' ? { kind, agencyId: here } : { kind })).toBe(expected);
  });
});

describe('document verdicts', () => {
  const at = new Date('2026-03-10T01:00:00Z');
  const doc = (kind: DocumentKind, verified: boolean, superseded = false): DocumentState => ({
    id: `${kind}-${verified}-${superseded}`,
    kind,
    label: kind,
    verifiedAt: verified ? at : null,
    supersededAt: superseded ? at : null,
  });

  it('activates only when there are documents and every current one is verified; a replaced one does not count', () => {
    expect(activationDocumentsVerdict([])).toMatchObject({ ok: false, rule: 'vendor.documents_missing' });
    expect(activationDocumentsVerdict([doc('ktp', true), doc('npwp', false)])).toMatchObject({ ok: false, rule: 'vendor.documents_unverified', params: { documents: 'npwp' } });
    expect(activationDocumentsVerdict([doc('ktp', true), doc('npwp', false, true)])).toEqual({ ok: true });
    expect(activationDocumentsVerdict([doc('ktp', false, true)])).toMatchObject({ ok: false, rule: 'vendor.documents_missing' });
  });

  it('changes the legal form only with a verified current deed and NIB', () => {
    const refused = { ok: false, rule: 'vendor.legal_form_documents' };
    expect(legalFormDocumentsVerdict([doc('akta_perubahan', true), doc('nib', true)])).toEqual({ ok: true });
    expect(legalFormDocumentsVerdict([doc('akta_pendirian', true), doc('nib', true)])).toEqual({ ok: true });
    expect(legalFormDocumentsVerdict([doc('akta_perubahan', true)])).toMatchObject(refused);
    expect(legalFormDocumentsVerdict([doc('akta_perubahan', false), doc('nib', true)])).toMatchObject(refused);
    expect(legalFormDocumentsVerdict([doc('akta_perubahan', true, true), doc('nib', true)])).toMatchObject(refused);
    expect(legalFormDocumentsVerdict([doc('izin_usaha', true), doc('nib', true)])).toMatchObject(refused);
  });
});
