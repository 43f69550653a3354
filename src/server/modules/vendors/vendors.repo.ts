import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import {
  vendorAccounts,
  vendorNameWords,
  vendorAggregations,
  vendorDocuments,
  vendorEmailChanges,
  vendorHistory,
  vendorPersons,
  vendorReceipts,
  vendorRequests,
  vendors,
} from '../../db/tables/index.js';

export type VendorRow = typeof vendors.$inferSelect;
export type VendorInsert = typeof vendors.$inferInsert;
export type VendorPatch = Partial<Omit<VendorInsert, 'id' | 'version' | 'historySeq' | 'createdAt'>>;
export type PersonRow = typeof vendorPersons.$inferSelect;
export type PersonInsert = typeof vendorPersons.$inferInsert;
export type DocumentRow = typeof vendorDocuments.$inferSelect;
export type DocumentInsert = typeof vendorDocuments.$inferInsert;
export type AccountRow = typeof vendorAccounts.$inferSelect;
export type AccountInsert = typeof vendorAccounts.$inferInsert;
export type AccountPatch = Partial<Omit<AccountInsert, 'agencyId' | 'id' | 'vendorId' | 'version'>>;
export type HistoryRow = typeof vendorHistory.$inferSelect;
export type HistoryInsert = Omit<typeof vendorHistory.$inferInsert, 'seq' | 'vendorId'>;
export type VendorRequestRow = typeof vendorRequests.$inferSelect;
export type VendorRequestInsert = typeof vendorRequests.$inferInsert;
export type EmailChangeRow = typeof vendorEmailChanges.$inferSelect;
export type AggregationRow = typeof vendorAggregations.$inferSelect;
export type ReceiptRow = typeof vendorReceipts.$inferSelect;

/** A vendor with its account at the agency that asks (null when it has none there). */
export type VendorWithAccount = VendorRow & { account: Pick<AccountRow, 'userLogin' | 'email' | 'status'> | null };

/**
 * The only SQL of the vendor module. The vendor, its persons, documents and history are the
 * deployment's (shared by its agencies); accounts, vendor requests, e-mail changes, aggregations
 * and receipts are agency-owned and always filtered by agency.
 */
/** Both drivers (node-postgres and PGlite) return raw query results as `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The words of a name as the search matches them: lower-cased runs of letters and digits. */
export function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Adds a name's words to the vocabulary the search corrects typos against. */
async function addNameWords(name: string, tx: Executor): Promise<void> {
  const words = [...new Set(nameWords(name))];
  if (words.length > 0) await tx.insert(vendorNameWords).values(words.map((word) => ({ word }))).onConflictDoNothing();
}

export function createVendorsRepo(db: Db) {
  /** The summary columns of a search: the vendor and its account at `agencyId`. */
  const summarySelect = (agencyId: string) =>
    db
      .select({
        vendor: vendors,
        userLogin: vendorAccounts.userLogin,
        accountEmail: vendorAccounts.email,
        status: vendorAccounts.status,
      })
      .from(vendors)
      .leftJoin(vendorAccounts, and(eq(vendorAccounts.agencyId, agencyId), eq(vendorAccounts.vendorId, vendors.id)));

  type SummaryRow = { vendor: VendorRow; userLogin: string | null; accountEmail: string | null; status: AccountRow['status'] | null };
  const toSummary = (r: SummaryRow): VendorWithAccount => ({
    ...r.vendor,
    account: r.userLogin !== null && r.accountEmail !== null && r.status !== null ? { userLogin: r.userLogin, email: r.accountEmail, status: r.status } : null,
  });

  return {
    // ── Vendors ──
    async insertVendor(values: VendorInsert, tx: Executor = db): Promise<VendorRow> {
      const row = (await tx.insert(vendors).values(values).returning())[0]!;
      await addNameWords(row.name, tx);
      return row;
    },

    async findVendor(id: string, tx: Executor = db): Promise<VendorRow | undefined> {
      return (await tx.select().from(vendors).where(eq(vendors.id, id)))[0];
    },

    /** The vendor, locked to the end of the transaction: every change of a vendor is serialised here. */
    async lockVendor(id: string, tx: Executor): Promise<VendorRow | undefined> {
      return (await tx.select().from(vendors).where(eq(vendors.id, id)).for('update'))[0];
    },

    async findVendorByNpwpKey(npwpKey: string, tx: Executor = db): Promise<VendorRow | undefined> {
      return (await tx.select().from(vendors).where(eq(vendors.npwpKey, npwpKey)))[0];
    },

    async findVendorByNib(nib: string, tx: Executor = db): Promise<VendorRow | undefined> {
      return (await tx.select().from(vendors).where(eq(vendors.nib, nib)))[0];
    },

    async findVendorsByNpwpKeys(keys: string[], tx: Executor = db): Promise<VendorRow[]> {
      if (keys.length === 0) return [];
      return tx.select().from(vendors).where(inArray(vendors.npwpKey, keys));
    },

    /** Writes the vendor's own fields and raises its version; `expectedVersion` guards an officer's or vendor's edit. */
    async updateVendor(id: string, patch: VendorPatch, expectedVersion: number | null, at: Date, tx: Executor): Promise<VendorRow | undefined> {
      const where = expectedVersion === null ? eq(vendors.id, id) : and(eq(vendors.id, id), eq(vendors.version, expectedVersion));
      const rows = await tx
        .update(vendors)
        .set({ ...patch, version: sql`${vendors.version} + 1`, updatedAt: at })
        .where(where)
        .returning();
      if (rows[0] && patch.name !== undefined) await addNameWords(rows[0].name, tx);
      return rows[0];
    },

    // ── History ──
    /** Appends entries after the vendor's last one; the vendor row is locked by the bump. */
    async appendHistory(vendorId: string, entries: HistoryInsert[], tx: Executor): Promise<void> {
      if (entries.length === 0) return;
      const bumped = await tx
        .update(vendors)
        .set({ historySeq: sql`${vendors.historySeq} + ${entries.length}` })
        .where(eq(vendors.id, vendorId))
        .returning({ last: vendors.historySeq });
      const last = bumped[0]!.last;
      const first = last - entries.length + 1;
      await tx.insert(vendorHistory).values(entries.map((e, i) => ({ ...e, vendorId, seq: first + i })));
    },

    listHistory(vendorId: string, tx: Executor = db): Promise<HistoryRow[]> {
      return tx.select().from(vendorHistory).where(eq(vendorHistory.vendorId, vendorId)).orderBy(desc(vendorHistory.seq));
    },

    // ── Search ──
    /** The vendor of an NPWP (its normalised key) or a NIB: both are unique. */
    async searchByIdentifier(agencyId: string, by: { npwpKey: string } | { nib: string }): Promise<VendorWithAccount[]> {
      const where = 'npwpKey' in by ? eq(vendors.npwpKey, by.npwpKey) : eq(vendors.nib, by.nib);
      return (await summarySelect(agencyId).where(where).limit(1)).map(toSummary);
    },

    /**
     * Vendors by the e-mail of the company or of its account at the agency: two index lookups, then
     * the vendors (one OR over both would make the planner scan the table).
     */
    async searchByEmail(agencyId: string, email: string, limit: number): Promise<VendorWithAccount[]> {
      const [byVendor, byAccount] = await Promise.all([
        db.select({ id: vendors.id }).from(vendors).where(eq(vendors.email, email)).limit(limit),
        db
          .select({ id: vendorAccounts.vendorId })
          .from(vendorAccounts)
          .where(and(eq(vendorAccounts.agencyId, agencyId), eq(vendorAccounts.email, email)))
          .limit(limit),
      ]);
      const ids = [...new Set([...byVendor, ...byAccount].map((r) => r.id))];
      if (ids.length === 0) return [];
      const rows = await summarySelect(agencyId).where(inArray(vendors.id, ids)).orderBy(asc(vendors.name), asc(vendors.id)).limit(limit);
      return rows.map(toSummary);
    },

    /** The vendor holding a user ID at the agency (user IDs are the LPSE's own). */
    async searchByUserId(agencyId: string, userId: string, limit: number): Promise<VendorWithAccount[]> {
      const rows = await summarySelect(agencyId)
        .where(
          inArray(
            vendors.id,
            db
              .select({ id: vendorAccounts.vendorId })
              .from(vendorAccounts)
              .where(and(eq(vendorAccounts.agencyId, agencyId), eq(vendorAccounts.userLoginKey, userId.toLowerCase()))),
          ),
        )
        .limit(limit);
      return rows.map(toSummary);
    },

    /**
     * Typo-tolerant search by name. Each word of the query is matched against the vocabulary of
     * name words by trigram similarity (the few nearest, the word itself, and for the last word
     * those it begins), then the names holding a match for every word are found by full text and
     * ranked by trigram word similarity to the whole query: first names holding them in the order
     * typed, else in any order, else names holding any of them. Up to `candidates` names are
     * ranked; paged by offset (a ranked list has no stable key to continue from).
     */
    async searchByName(agencyId: string, query: string, options: { limit: number; offset: number; withAccount: boolean; candidates?: number }): Promise<VendorWithAccount[]> {
      const words = nameWords(query).slice(0, 6);
      const groups: { words: string[]; best: number }[] = [];
      for (const [i, word] of words.entries()) {
        const prefix = i === words.length - 1 && word.length >= 3;
        const found = rowsOf<{ word: string; s: number }>(
          await db.execute(sql`
            select word, similarity(word, ${word}) as s from (
              (select word from vendor_name_words where word = ${word})
              union (select word from (select word from vendor_name_words where word % ${word} order by word <-> ${word} limit 4) near)
              ${prefix ? sql`union (select word from (select word from vendor_name_words where word like ${`${word}%`} order by word limit 4) starting)` : sql``}
            ) candidates`),
        );
        // Vocabulary words are letters and digits only, so they are safe as tsquery lexemes.
        const usable = found.filter((r) => /^[\p{L}\p{N}]+$/u.test(r.word));
        if (usable.length > 0) groups.push({ words: usable.map((r) => r.word), best: Math.max(...usable.map((r) => (r.word.startsWith(word) ? 1 : Number(r.s)))) });
      }
      if (groups.length === 0) return [];
      const term = (group: { words: string[] }) => `(${group.words.join(' | ')})`;
      const run = async (tsquery: string) => {
        const matched = db
          .select({ id: vendors.id })
          .from(vendors)
          .where(sql`to_tsvector('simple', ${vendors.name}) @@ to_tsquery('simple', ${tsquery})`);
        const limited = (
          options.withAccount
            ? matched.innerJoin(vendorAccounts, and(eq(vendorAccounts.agencyId, agencyId), eq(vendorAccounts.vendorId, vendors.id)))
            : matched
        )
          .limit(options.candidates ?? 500)
          .as('matched');
        const rows = await db
          .select({ vendor: vendors, userLogin: vendorAccounts.userLogin, accountEmail: vendorAccounts.email, status: vendorAccounts.status })
          .from(limited)
          .innerJoin(vendors, eq(vendors.id, limited.id))
          .leftJoin(vendorAccounts, and(eq(vendorAccounts.agencyId, agencyId), eq(vendorAccounts.vendorId, vendors.id)))
          .orderBy(desc(sql`word_similarity(${query}, ${vendors.name})`), asc(vendors.name), asc(vendors.id))
          .limit(options.limit)
          .offset(options.offset);
        return rows.map(toSummary);
      };
      // A word only loosely like any name word (a word typed that no name holds) does not have to match.
      const required = groups.filter((g) => g.best >= 0.4);
      const strict = required.length > 0 ? required : groups;
      // The words in the order typed, then all of them anywhere, then any of them.
      const tiers = [...new Set([strict.map(term).join(' <-> '), strict.map(term).join(' & '), groups.map(term).join(' | ')])];
      for (const tsquery of tiers) {
        const rows = await run(tsquery);
        if (rows.length > 0) return rows;
      }
      return [];
    },

    /** The registry (or the agency's vendors) by name, a page at a time after (name, id). */
    async listByName(agencyId: string, options: { limit: number; after: { name: string; id: string } | null; withAccount: boolean }): Promise<VendorWithAccount[]> {
      const after = options.after ? or(gt(vendors.name, options.after.name), and(eq(vendors.name, options.after.name), gt(vendors.id, options.after.id))) : undefined;
      const base = db
        .select({
          vendor: vendors,
          userLogin: vendorAccounts.userLogin,
          accountEmail: vendorAccounts.email,
          status: vendorAccounts.status,
        })
        .from(vendors);
      const joined = options.withAccount
        ? base.innerJoin(vendorAccounts, and(eq(vendorAccounts.agencyId, agencyId), eq(vendorAccounts.vendorId, vendors.id)))
        : base.leftJoin(vendorAccounts, and(eq(vendorAccounts.agencyId, agencyId), eq(vendorAccounts.vendorId, vendors.id)));
      const rows = await joined.where(after).orderBy(asc(vendors.name), asc(vendors.id)).limit(options.limit);
      return rows.map(toSummary);
    },

    // ── Persons ──
    async insertPersons(values: PersonInsert[], tx: Executor): Promise<PersonRow[]> {
      if (values.length === 0) return [];
      return tx.insert(vendorPersons).values(values).returning();
    },

    listPersons(vendorId: string, tx: Executor = db): Promise<PersonRow[]> {
      return tx
        .select()
        .from(vendorPersons)
        .where(and(eq(vendorPersons.vendorId, vendorId), isNull(vendorPersons.removedAt)))
        .orderBy(asc(vendorPersons.createdAt), asc(vendorPersons.id));
    },

    /** The persons a signed-in user is: linked to their account, or recorded with their (verified) e-mail and not linked yet. */
    listPersonsOfUser(userId: string, email: string, tx: Executor = db): Promise<PersonRow[]> {
      return tx
        .select()
        .from(vendorPersons)
        .where(and(isNull(vendorPersons.removedAt), or(eq(vendorPersons.userId, userId), and(isNull(vendorPersons.userId), eq(vendorPersons.email, email)))));
    },

    async linkPersons(ids: string[], userId: string, tx: Executor = db): Promise<void> {
      if (ids.length === 0) return;
      await tx.update(vendorPersons).set({ userId }).where(and(inArray(vendorPersons.id, ids), isNull(vendorPersons.userId)));
    },

    async removePerson(vendorId: string, id: string, at: Date, tx: Executor): Promise<PersonRow | undefined> {
      const rows = await tx
        .update(vendorPersons)
        .set({ removedAt: at })
        .where(and(eq(vendorPersons.vendorId, vendorId), eq(vendorPersons.id, id), isNull(vendorPersons.removedAt)))
        .returning();
      return rows[0];
    },

    // ── Documents ──
    async insertDocument(values: DocumentInsert, tx: Executor): Promise<DocumentRow> {
      return (await tx.insert(vendorDocuments).values(values).returning())[0]!;
    },

    async findDocument(vendorId: string, id: string, tx: Executor = db): Promise<DocumentRow | undefined> {
      return (await tx.select().from(vendorDocuments).where(and(eq(vendorDocuments.vendorId, vendorId), eq(vendorDocuments.id, id))))[0];
    },

    listDocuments(vendorId: string, tx: Executor = db): Promise<DocumentRow[]> {
      return tx.select().from(vendorDocuments).where(eq(vendorDocuments.vendorId, vendorId)).orderBy(asc(vendorDocuments.uploadedAt), asc(vendorDocuments.id));
    },

    async updateDocument(vendorId: string, id: string, patch: Partial<DocumentInsert>, tx: Executor): Promise<DocumentRow | undefined> {
      const rows = await tx.update(vendorDocuments).set(patch).where(and(eq(vendorDocuments.vendorId, vendorId), eq(vendorDocuments.id, id))).returning();
      return rows[0];
    },

    // ── Accounts ──
    async insertAccount(values: AccountInsert, tx: Executor): Promise<AccountRow> {
      return (await tx.insert(vendorAccounts).values(values).returning())[0]!;
    },

    /** The vendor's account at the agency; `lock` holds it to the end of the transaction. */
    async findAccount(agencyId: string, vendorId: string, tx: Executor = db, lock = false): Promise<AccountRow | undefined> {
      const query = tx.select().from(vendorAccounts).where(and(eq(vendorAccounts.agencyId, agencyId), eq(vendorAccounts.vendorId, vendorId)));
      return (await (lock ? query.for('update') : query))[0];
    },

    async findAccountById(agencyId: string, id: string, tx: Executor = db, lock = false): Promise<AccountRow | undefined> {
      const query = tx.select().from(vendorAccounts).where(and(eq(vendorAccounts.agencyId, agencyId), eq(vendorAccounts.id, id)));
      return (await (lock ? query.for('update') : query))[0];
    },

    async findAccountByLogin(agencyId: string, userLoginKey: string, tx: Executor = db): Promise<AccountRow | undefined> {
      return (await tx.select().from(vendorAccounts).where(and(eq(vendorAccounts.agencyId, agencyId), eq(vendorAccounts.userLoginKey, userLoginKey))))[0];
    },

    /** Accounts of other vendors holding an e-mail, at any agency (the rule is deployment-wide). */
    async findAccountsWithEmailOfOthers(email: string, vendorId: string, tx: Executor = db): Promise<AccountRow[]> {
      return tx.select().from(vendorAccounts).where(and(eq(vendorAccounts.email, email), ne(vendorAccounts.vendorId, vendorId))).limit(1);
    },

    listAccountsOfVendor(vendorId: string, tx: Executor = db): Promise<AccountRow[]> {
      return tx.select().from(vendorAccounts).where(eq(vendorAccounts.vendorId, vendorId)).orderBy(asc(vendorAccounts.registeredAt));
    },

    async updateAccount(agencyId: string, id: string, patch: AccountPatch, at: Date, tx: Executor): Promise<AccountRow> {
      const rows = await tx
        .update(vendorAccounts)
        .set({ ...patch, version: sql`${vendorAccounts.version} + 1`, updatedAt: at })
        .where(and(eq(vendorAccounts.agencyId, agencyId), eq(vendorAccounts.id, id)))
        .returning();
      return rows[0]!;
    },

    /**
     * Serialises the transactions that may give an e-mail to an account, deployment-wide, until
     * commit: two at once cannot both see it free.
     */
    async lockEmail(email: string, tx: Executor): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`vendor-account-email:${email}`}))`);
    },

    /** The same for an NPWP key or a NIB: a vendor registered twice at once is one vendor. */
    async lockIdentifier(kind: 'npwp' | 'nib', value: string, tx: Executor): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`vendor-${kind}:${value}`}))`);
    },

    // ── Vendor requests ──
    async insertVendorRequest(values: VendorRequestInsert, tx: Executor): Promise<VendorRequestRow> {
      return (await tx.insert(vendorRequests).values(values).returning())[0]!;
    },

    async findVendorRequest(agencyId: string, id: string, tx: Executor = db, lock = false): Promise<VendorRequestRow | undefined> {
      const query = tx.select().from(vendorRequests).where(and(eq(vendorRequests.agencyId, agencyId), eq(vendorRequests.id, id)));
      return (await (lock ? query.for('update') : query))[0];
    },

    async findVendorRequestByReference(agencyId: string, reference: string, tx: Executor = db): Promise<VendorRequestRow | undefined> {
      return (await tx.select().from(vendorRequests).where(and(eq(vendorRequests.agencyId, agencyId), eq(vendorRequests.reference, reference))))[0];
    },

    /** The vendor request a request was filed from or linked to, locked for its effect. */
    async findVendorRequestOfRequest(agencyId: string, requestId: string, tx: Executor = db, lock = false): Promise<VendorRequestRow | undefined> {
      const query = tx.select().from(vendorRequests).where(and(eq(vendorRequests.agencyId, agencyId), eq(vendorRequests.requestId, requestId)));
      return (await (lock ? query.for('update') : query))[0];
    },

    /** A vendor's requests: at one agency (its officers) or everywhere (its people). */
    listVendorRequests(vendorId: string, agencyId: string | null, tx: Executor = db): Promise<VendorRequestRow[]> {
      const where = agencyId ? and(eq(vendorRequests.vendorId, vendorId), eq(vendorRequests.agencyId, agencyId)) : eq(vendorRequests.vendorId, vendorId);
      return tx.select().from(vendorRequests).where(where).orderBy(desc(vendorRequests.createdAt), desc(vendorRequests.id));
    },

    listVendorRequestsInState(agencyId: string, state: VendorRequestRow['state'], limit: number, tx: Executor = db): Promise<VendorRequestRow[]> {
      return tx
        .select()
        .from(vendorRequests)
        .where(and(eq(vendorRequests.agencyId, agencyId), eq(vendorRequests.state, state)))
        .orderBy(asc(vendorRequests.createdAt), asc(vendorRequests.id))
        .limit(limit);
    },

    /** Moves a vendor request on if it is still in `fromState`; undefined when someone else moved it first. */
    async updateVendorRequest(
      agencyId: string,
      id: string,
      fromState: VendorRequestRow['state'] | null,
      patch: Partial<VendorRequestInsert>,
      tx: Executor = db,
    ): Promise<VendorRequestRow | undefined> {
      const where = fromState
        ? and(eq(vendorRequests.agencyId, agencyId), eq(vendorRequests.id, id), eq(vendorRequests.state, fromState))
        : and(eq(vendorRequests.agencyId, agencyId), eq(vendorRequests.id, id));
      return (await tx.update(vendorRequests).set(patch).where(where).returning())[0];
    },

    /**
     * Claims a prepared service for filing, so two officers at two desks cannot file it twice: it
     * moves to `filed` with no request yet. A claim whose filing never finished (the process
     * stopped) may be taken again after `staleBefore`.
     */
    async claimForFiling(agencyId: string, id: string, at: Date, staleBefore: Date, tx: Executor = db): Promise<VendorRequestRow | undefined> {
      const rows = await tx
        .update(vendorRequests)
        .set({ state: 'filed', filedAt: at })
        .where(
          and(
            eq(vendorRequests.agencyId, agencyId),
            eq(vendorRequests.id, id),
            or(eq(vendorRequests.state, 'prepared'), and(eq(vendorRequests.state, 'filed'), isNull(vendorRequests.requestId), lt(vendorRequests.filedAt, staleBefore))),
          ),
        )
        .returning();
      return rows[0];
    },

    /** Gives a claim back when its filing failed. */
    async releaseClaim(agencyId: string, id: string, tx: Executor = db): Promise<void> {
      await tx
        .update(vendorRequests)
        .set({ state: 'prepared', filedAt: null })
        .where(and(eq(vendorRequests.agencyId, agencyId), eq(vendorRequests.id, id), isNull(vendorRequests.requestId)));
    },

    /** A request that could not be filed after all leaves no trace (it was never prepared). */
    async deleteVendorRequest(agencyId: string, id: string, tx: Executor = db): Promise<void> {
      await tx.delete(vendorRequests).where(and(eq(vendorRequests.agencyId, agencyId), eq(vendorRequests.id, id), isNull(vendorRequests.requestId)));
    },

    /**
     * The documents this vendor last gave for each requirement code, newest first, so a new
     * request can offer the same ones again.
     */
    async lastDocumentChoices(vendorId: string, tx: Executor = db): Promise<{ requirementCode: string; documentId: string }[]> {
      const rows = await tx
        .select({ documents: vendorRequests.documents })
        .from(vendorRequests)
        .where(and(eq(vendorRequests.vendorId, vendorId), ne(vendorRequests.state, 'withdrawn')))
        .orderBy(desc(vendorRequests.createdAt))
        .limit(50);
      return rows.flatMap((r) => r.documents);
    },

    // ── E-mail changes ──
    async insertEmailChange(values: typeof vendorEmailChanges.$inferInsert, tx: Executor): Promise<EmailChangeRow> {
      return (await tx.insert(vendorEmailChanges).values(values).returning())[0]!;
    },

    async supersedeEmailChanges(agencyId: string, accountId: string, at: Date, tx: Executor): Promise<void> {
      await tx
        .update(vendorEmailChanges)
        .set({ supersededAt: at })
        .where(
          and(
            eq(vendorEmailChanges.agencyId, agencyId),
            eq(vendorEmailChanges.accountId, accountId),
            isNull(vendorEmailChanges.confirmedAt),
            isNull(vendorEmailChanges.supersededAt),
          ),
        );
    },

    async findEmailChangeByToken(tokenHash: string, tx: Executor = db, lock = false): Promise<EmailChangeRow | undefined> {
      const query = tx.select().from(vendorEmailChanges).where(eq(vendorEmailChanges.tokenHash, tokenHash));
      return (await (lock ? query.for('update') : query))[0];
    },

    async findEmailChange(agencyId: string, id: string, tx: Executor = db): Promise<EmailChangeRow | undefined> {
      return (await tx.select().from(vendorEmailChanges).where(and(eq(vendorEmailChanges.agencyId, agencyId), eq(vendorEmailChanges.id, id))))[0];
    },

    async updateEmailChange(agencyId: string, id: string, patch: Partial<typeof vendorEmailChanges.$inferInsert>, tx: Executor): Promise<void> {
      await tx.update(vendorEmailChanges).set(patch).where(and(eq(vendorEmailChanges.agencyId, agencyId), eq(vendorEmailChanges.id, id)));
    },

    /** The open e-mail changes of a vendor's accounts. */
    listPendingEmailChanges(vendorId: string, tx: Executor = db): Promise<EmailChangeRow[]> {
      return tx
        .select()
        .from(vendorEmailChanges)
        .where(and(eq(vendorEmailChanges.vendorId, vendorId), isNull(vendorEmailChanges.confirmedAt), isNull(vendorEmailChanges.supersededAt)));
    },

    // ── Aggregations ──
    async insertAggregation(values: typeof vendorAggregations.$inferInsert, tx: Executor): Promise<AggregationRow> {
      return (await tx.insert(vendorAggregations).values(values).returning())[0]!;
    },

    async findAggregation(agencyId: string, id: string, tx: Executor = db, lock = false): Promise<AggregationRow | undefined> {
      const query = tx.select().from(vendorAggregations).where(and(eq(vendorAggregations.agencyId, agencyId), eq(vendorAggregations.id, id)));
      return (await (lock ? query.for('update') : query))[0];
    },

    async updateAggregation(agencyId: string, id: string, patch: Partial<typeof vendorAggregations.$inferInsert>, tx: Executor): Promise<AggregationRow> {
      return (await tx.update(vendorAggregations).set(patch).where(and(eq(vendorAggregations.agencyId, agencyId), eq(vendorAggregations.id, id))).returning())[0]!;
    },

    listAggregations(vendorId: string, agencyId: string | null, tx: Executor = db): Promise<AggregationRow[]> {
      const where = agencyId ? and(eq(vendorAggregations.vendorId, vendorId), eq(vendorAggregations.agencyId, agencyId)) : eq(vendorAggregations.vendorId, vendorId);
      return tx.select().from(vendorAggregations).where(where).orderBy(desc(vendorAggregations.submittedAt));
    },

    // ── Receipts ──
    async insertReceipt(values: typeof vendorReceipts.$inferInsert, tx: Executor): Promise<ReceiptRow> {
      return (await tx.insert(vendorReceipts).values(values).returning())[0]!;
    },

    async findReceipt(agencyId: string, id: string, tx: Executor = db): Promise<ReceiptRow | undefined> {
      return (await tx.select().from(vendorReceipts).where(and(eq(vendorReceipts.agencyId, agencyId), eq(vendorReceipts.id, id))))[0];
    },

    /** A receipt by id alone, for the vendor's people (who may hold receipts of several agencies). */
    async findReceiptAnywhere(id: string, tx: Executor = db): Promise<ReceiptRow | undefined> {
      return (await tx.select().from(vendorReceipts).where(eq(vendorReceipts.id, id)))[0];
    },

    listReceipts(vendorId: string, agencyId: string | null, tx: Executor = db): Promise<ReceiptRow[]> {
      const where = agencyId ? and(eq(vendorReceipts.vendorId, vendorId), eq(vendorReceipts.agencyId, agencyId)) : eq(vendorReceipts.vendorId, vendorId);
      return tx.select().from(vendorReceipts).where(where).orderBy(desc(vendorReceipts.createdAt));
    },

    // ── Export ──
    /** The agency's vendors with their account and first responsible person, by name, a batch at a time. */
    async exportBatch(agencyId: string, after: { name: string; id: string } | null, limit: number): Promise<{ vendor: VendorRow; account: AccountRow }[]> {
      const afterWhere = after ? or(gt(vendors.name, after.name), and(eq(vendors.name, after.name), gt(vendors.id, after.id))) : undefined;
      return db
        .select({ vendor: vendors, account: vendorAccounts })
        .from(vendorAccounts)
        .innerJoin(vendors, eq(vendors.id, vendorAccounts.vendorId))
        .where(and(eq(vendorAccounts.agencyId, agencyId), afterWhere))
        .orderBy(asc(vendors.name), asc(vendors.id))
        .limit(limit);
    },

    listPersonsOf(vendorIds: string[], tx: Executor = db): Promise<PersonRow[]> {
      if (vendorIds.length === 0) return Promise.resolve([]);
      return tx
        .select()
        .from(vendorPersons)
        .where(and(inArray(vendorPersons.vendorId, vendorIds), isNull(vendorPersons.removedAt)))
        .orderBy(asc(vendorPersons.createdAt), asc(vendorPersons.id));
    },

  };
}

export type VendorsRepo = ReturnType<typeof createVendorsRepo>;
