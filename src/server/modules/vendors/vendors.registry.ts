/**
 * The registry itself: registering a vendor (at the counter, or by one of its people), one NPWP
 * or NIB being one vendor; its contact data and persons; search by NPWP, NIB, name (typo-
 * tolerant), user ID and e-mail; the vendor's page for an agency's officers and for its people.
 */
import type {
  PersonInput,
  RegisterOwnVendorInput,
  RegisterVendorInput,
  SearchQuery,
  UpdateVendorInput,
  VendorPage,
  VendorSummary,
  VendorView,
} from '../../../shared/contracts/vendors.js';
import { isValidNib, normalizeNpwp } from '../../../shared/identifiers.js';
import type { Executor } from '../../db/client.js';
import type { AuditActor } from '../audit/audit.service.js';
import { refuse, staleVendor, vendorNotFound, type Change, type VendorCall, type VendorsContext, type Workspace } from './vendors.context.js';
import type { VendorRow, VendorWithAccount } from './vendors.repo.js';
import { buildVendorView, displayNpwp, summaryView } from './vendors.views.js';

/** The normalised key of an NPWP already checked by the contract. */
export function npwpKeyOf(written: string): string {
  const result = normalizeNpwp(written);
  if (!result.ok) throw new Error(`unchecked NPWP ${written}`);
  return result.value;
}

type Cursor = { o: number } | { n: string; i: string };
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
    if (parsed && typeof parsed === 'object') {
      if ('o' in parsed && Number.isInteger(parsed.o) && (parsed.o as number) >= 0) return { o: parsed.o as number };
      if ('n' in parsed && 'i' in parsed && typeof parsed.n === 'string' && typeof parsed.i === 'string') return { n: parsed.n, i: parsed.i };
    }
  } catch {
    // An unreadable cursor starts from the beginning, as an absent one does.
  }
  return null;
}

/** What a search string is, when the caller did not say: by its shape. */
export function guessSearchKind(q: string): 'npwp' | 'nib' | 'email' | 'text' {
  const digits = q.replace(/[\s.\-/]/g, '');
  if (/^\d{15,16}$/.test(digits)) return 'npwp';
  if (/^\d{13}$/.test(digits)) return 'nib';
  if (q.includes('@')) return 'email';
  return 'text';
}

/** A name as people type it: without the legal form in front ("PT. Maju Jaya" → "Maju Jaya"). */
export function searchableName(q: string): string {
  return q
    .replace(/^\s*(pt|cv|ud|fa|firma|koperasi|kop)\.?\s+/i, '')
    .trim();
}

export function createRegistry(context: VendorsContext) {
  const { deps, repo, now, recordChange } = context;
  const { db } = deps;

  /** One NPWP or NIB is one vendor: a second registration finds the first and says so. */
  async function assertUnique(tx: Executor, lang: VendorCall['lang'], fields: { npwpKey?: string; nib?: string | null }, exceptId: string | null, prefix = '') {
    if (fields.npwpKey) {
      await repo.lockIdentifier('npwp', fields.npwpKey, tx);
      const found = await repo.findVendorByNpwpKey(fields.npwpKey, tx);
      if (found && found.id !== exceptId) throw refuse('conflict', lang, `${prefix}npwp`, 'vendor.duplicate', { name: found.name });
    }
    if (fields.nib) {
      await repo.lockIdentifier('nib', fields.nib, tx);
      const found = await repo.findVendorByNib(fields.nib, tx);
      if (found && found.id !== exceptId) throw refuse('conflict', lang, `${prefix}nib`, 'vendor.duplicate', { name: found.name });
    }
  }

  function assertDistinctPersons(lang: VendorCall['lang'], persons: { nik: string }[], prefix = 'persons') {
    const seen = new Set<string>();
    persons.forEach((p, i) => {
      if (seen.has(p.nik)) throw refuse('validation', lang, `${prefix}.${i}.nik`, 'vendor.person_duplicate');
      seen.add(p.nik);
    });
  }

  async function insertVendor(
    tx: Executor,
    options: { ctx: VendorCall; agencyId: string | null; actor: AuditActor; company: Omit<RegisterVendorInput, 'persons'>; persons: (PersonInput & { userId?: string })[] },
  ): Promise<VendorRow> {
    const { company, ctx } = options;
    const at = now();
    const npwpKey = npwpKeyOf(company.npwp);
    await assertUnique(tx, ctx.lang, { npwpKey, nib: company.nib ?? null }, null);
    const vendor = await repo.insertVendor(
      {
        name: company.name,
        legalForm: company.legalForm,
        npwp: company.npwp,
        npwpKey,
        nib: company.nib ?? null,
        address: company.address,
        email: company.email,
        phone: company.phone ?? null,
        createdAt: at,
        updatedAt: at,
      },
      tx,
    );
    await repo.insertPersons(
      options.persons.map((p) => ({
        vendorId: vendor.id,
        role: p.role,
        name: p.name,
        nik: p.nik,
        position: p.position ?? null,
        email: p.email ?? null,
        phone: p.phone ?? null,
        userId: p.userId ?? null,
        createdAt: at,
      })),
      tx,
    );
    await recordChange(tx, {
      vendorId: vendor.id,
      changes: [
        { field: 'registered', oldValue: null, newValue: `${company.legalForm} ${company.name}, NPWP ${displayNpwp(company.npwp)}` },
        ...options.persons.map((p): Change => ({ field: 'person.added', oldValue: null, newValue: `${p.role}: ${p.name}` })),
      ],
      meta: { agencyId: options.agencyId, actor: options.actor, at },
      action: 'vendors.registered',
      ip: ctx.ip,
      requestId: ctx.requestId,
    });
    return vendor;
  }

  async function search(workspace: Pick<Workspace, 'id'>, query: SearchQuery): Promise<VendorPage> {
    const limit = query.limit;
    const withAccount = query.withAccount === 'true';
    const q = query.q?.trim() ?? '';
    const cursor = decodeCursor(query.after);
    const page = (items: VendorWithAccount[], next: Cursor | null): VendorPage => ({ items: items.slice(0, limit).map(summaryView), next: items.length > limit && next ? encodeCursor(next) : null });
    const only = (rows: VendorWithAccount[]) => (withAccount ? rows.filter((r) => r.account !== null) : rows);

    if (q === '') {
      const after = cursor && 'n' in cursor ? { name: cursor.n, id: cursor.i } : null;
      const rows = await repo.listByName(workspace.id, { limit: limit + 1, after, withAccount });
      const last = rows[limit - 1];
      return page(rows, last ? { n: last.name, i: last.id } : null);
    }
    const kind = query.by === 'any' ? guessSearchKind(q) : query.by;
    switch (kind) {
      case 'npwp': {
        const key = normalizeNpwp(q);
        return page(key.ok ? only(await repo.searchByIdentifier(workspace.id, { npwpKey: key.value })) : [], null);
      }
      case 'nib': {
        const nib = q.replace(/[\s.\-/]/g, '');
        return page(isValidNib(nib) ? only(await repo.searchByIdentifier(workspace.id, { nib })) : [], null);
      }
      case 'email':
        return page(only(await repo.searchByEmail(workspace.id, q.toLowerCase(), limit)), null);
      case 'user_id':
        return page(only(await repo.searchByUserId(workspace.id, q, limit)), null);
      case 'name':
      case 'text': {
        const offset = cursor && 'o' in cursor ? cursor.o : 0;
        // A user ID typed in the one search box comes first, then names that look like it.
        const exact = kind === 'text' && offset === 0 ? only(await repo.searchByUserId(workspace.id, q, 1)) : [];
        const name = searchableName(q);
        const rows = name.length >= 2 ? await repo.searchByName(workspace.id, name, { limit: limit + 1, offset, withAccount }) : [];
        const merged = [...exact, ...rows.filter((r) => !exact.some((e) => e.id === r.id))];
        return { items: merged.slice(0, limit).map(summaryView), next: rows.length > limit ? encodeCursor({ o: offset + limit }) : null };
      }
    }
  }

  return {
    insertVendor,
    assertUnique,

    /** An officer registers a vendor (at the counter, from its papers). */
    async registerVendor({ ctx, workspace, input }: { ctx: VendorCall; workspace: Workspace; input: RegisterVendorInput }): Promise<VendorView> {
      assertDistinctPersons(ctx.lang, input.persons);
      const { persons, ...company } = input;
      const vendor = await db.transaction((tx) => insertVendor(tx, { ctx, agencyId: workspace.id, actor: context.auditActor(ctx), company, persons }));
      return buildVendorView(context, vendor, { kind: 'staff', agencyId: workspace.id });
    },

    /** A signed-in person registers their company and becomes one of its persons. */
    async registerOwnVendor({ ctx, input }: { ctx: VendorCall; input: RegisterOwnVendorInput }): Promise<VendorView> {
      const me = await context.vendorsOfUser(ctx.actor);
      const { self, persons, ...company } = input;
      const all = [{ ...self, name: me.name, email: self.email ?? me.email, userId: me.userId }, ...persons];
      assertDistinctPersons(ctx.lang, all);
      const vendor = await db.transaction((tx) => insertVendor(tx, { ctx, agencyId: null, actor: context.auditActor(ctx), company, persons: all }));
      return buildVendorView(context, vendor, { kind: 'vendor' });
    },

    /** Contact data, with history; a NIB only when none is recorded (it otherwise changes with the legal form). */
    async updateVendor({ ctx, agencyId, vendorId, input }: { ctx: VendorCall; agencyId: string | null; vendorId: string; input: UpdateVendorInput }): Promise<VendorRow> {
      return db.transaction(async (tx) => {
        const vendor = await repo.lockVendor(vendorId, tx);
        if (!vendor) throw vendorNotFound();
        if (vendor.version !== input.version) throw staleVendor(vendor.version, input.version);
        const changes: Change[] = [];
        const patch: Partial<VendorRow> = {};
        if (input.address !== undefined && input.address !== vendor.address) {
          changes.push({ field: 'address', oldValue: vendor.address, newValue: input.address });
          patch.address = input.address;
        }
        if (input.email !== undefined && input.email !== vendor.email) {
          changes.push({ field: 'email', oldValue: vendor.email, newValue: input.email });
          patch.email = input.email;
        }
        if (input.phone !== undefined && input.phone !== vendor.phone) {
          changes.push({ field: 'phone', oldValue: vendor.phone, newValue: input.phone });
          patch.phone = input.phone;
        }
        if (input.nib !== undefined && input.nib !== vendor.nib) {
          if (vendor.nib !== null) throw refuse('conflict', ctx.lang, 'nib', 'vendor.nib_set');
          await assertUnique(tx, ctx.lang, { nib: input.nib }, vendor.id);
          changes.push({ field: 'nib', oldValue: null, newValue: input.nib });
          patch.nib = input.nib;
        }
        if (changes.length === 0) return vendor;
        const at = now();
        const updated = await repo.updateVendor(vendor.id, patch, input.version, at, tx);
        if (!updated) throw staleVendor(vendor.version + 1, input.version);
        await recordChange(tx, { vendorId, changes, meta: { agencyId, actor: context.auditActor(ctx), at }, action: 'vendors.updated', ip: ctx.ip, requestId: ctx.requestId });
        return updated;
      });
    },

    async addPerson({ ctx, agencyId, vendorId, input }: { ctx: VendorCall; agencyId: string | null; vendorId: string; input: PersonInput }): Promise<void> {
      await db.transaction(async (tx) => {
        const vendor = await repo.lockVendor(vendorId, tx);
        if (!vendor) throw vendorNotFound();
        const persons = await repo.listPersons(vendorId, tx);
        if (persons.some((p) => p.nik === input.nik)) throw refuse('conflict', ctx.lang, 'nik', 'vendor.person_duplicate');
        const at = now();
        await repo.insertPersons(
          [{ vendorId, role: input.role, name: input.name, nik: input.nik, position: input.position ?? null, email: input.email ?? null, phone: input.phone ?? null, createdAt: at }],
          tx,
        );
        await recordChange(tx, {
          vendorId,
          changes: [{ field: 'person.added', oldValue: null, newValue: `${input.role}: ${input.name}` }],
          meta: { agencyId, actor: context.auditActor(ctx), at },
          action: 'vendors.person_added',
          ip: ctx.ip,
          requestId: ctx.requestId,
        });
      });
    },

    search,

    async getForStaff({ workspace, vendorId }: { workspace: Pick<Workspace, 'id'>; vendorId: string }): Promise<VendorView> {
      const vendor = await repo.findVendor(vendorId);
      if (!vendor) throw vendorNotFound();
      return buildVendorView(context, vendor, { kind: 'staff', agencyId: workspace.id });
    },

    async getOwn({ ctx, vendorId }: { ctx: VendorCall; vendorId: string }): Promise<VendorView> {
      await context.assertActsFor(ctx.actor, vendorId);
      const vendor = await repo.findVendor(vendorId);
      if (!vendor) throw vendorNotFound();
      return buildVendorView(context, vendor, { kind: 'vendor' });
    },

    async listOwn({ ctx }: { ctx: VendorCall }): Promise<{ items: Omit<VendorSummary, 'account'>[] }> {
      const me = await context.vendorsOfUser(ctx.actor);
      const items: Omit<VendorSummary, 'account'>[] = [];
      for (const id of me.vendorIds) {
        const v = await repo.findVendor(id);
        if (v) {
          const { account: _none, ...rest } = summaryView({ ...v, account: null });
          items.push(rest);
        }
      }
      return { items: items.sort((a, b) => a.name.localeCompare(b.name)) };
    },
  };
}

export type Registry = ReturnType<typeof createRegistry>;
