import { sql, type Kysely } from 'kysely';
import { AppError, assertNoFieldErrors } from '~/domain/app-error';
import { validField } from '~/schemas/bulk-rows';
import { IarrEntrySchema, type IarrEntryInput } from '~/schemas/metrics';
import type { DB } from '../../db/schema';
import { recordAudit, type Audited } from './audit.server';
import { findCustomersBySlugs, unknownCustomer, withCustomerIds } from './customer-access.server';
import type { Executor } from './db.server';
import { watchingPortfolio } from './events.server';

const sameEntry = (
  stored: { customer_id: number; booked_on: string; amount_usd: number; kind: string; note: string },
  incoming: IarrEntryInput & { customerId: number },
) =>
  stored.customer_id === incoming.customerId && stored.booked_on === incoming.bookedOn && stored.amount_usd === incoming.amountUsd &&
  stored.kind === incoming.kind && stored.note === (incoming.note ?? '');

/**
 * What the database says of iARR entries, by field path: unknown customers, an external id twice. Rows are read
 * loosely, so that these problems come in one pass with the schema's own.
 */
export async function iarrProblems(db: Executor, rows: Record<string, unknown>[]) {
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  const keys = rows.map((row) => ({
    customer: validField(row, 'customer', IarrEntrySchema.shape.customer),
    externalId: validField(row, 'externalId', IarrEntrySchema.shape.externalId),
  }));
  const customers = await findCustomersBySlugs(db, keys.flatMap((key) => (key.customer === undefined ? [] : [key.customer])));
  keys.forEach(({ customer, externalId }, index) => {
    if (customer !== undefined && !customers.has(customer)) fields[`entries[${index}].customer`] = unknownCustomer(customer);
    if (!externalId) return;
    if (seen.has(externalId)) fields[`entries[${index}].externalId`] = `The external id "${externalId}" appears twice.`;
    seen.add(externalId);
  });
  return { fields, customers };
}

/**
 * iARR entries checked against the database: the problems of iarrProblems (422), an external id already booked with
 * other values (409). Returns the entries to insert and how many repeat stored ones.
 */
export async function prepareIarrEntries(db: Executor, entries: IarrEntryInput[]) {
  const { fields, customers } = await iarrProblems(db, entries);
  assertNoFieldErrors(fields, 'Some entries are invalid: see error.fields.');
  const rows = withCustomerIds(entries, customers);
  const fresh = await withoutRepeats(db, rows, rows);
  return { rows, fresh, skipped: rows.length - fresh.length };
}

type IarrRow = IarrEntryInput & { customerId: number };

/**
 * The rows whose external id is not booked yet; a 409 naming each row (by its place in `all`, the request's rows)
 * whose id is booked with other values.
 */
async function withoutRepeats<Row extends IarrRow>(db: Executor, rows: Row[], all: Row[]): Promise<Row[]> {
  const externalIds = rows.flatMap((row) => (row.externalId ? [row.externalId] : []));
  const stored = externalIds.length
    ? await db
        .selectFrom('iarr_entries')
        .select(['external_id', 'customer_id', 'booked_on', 'amount_usd', 'kind', 'note'])
        .where('external_id', 'in', externalIds)
        .execute()
    : [];
  const storedById = new Map(stored.map((entry) => [entry.external_id, entry]));
  const conflicts: Record<string, string> = {};
  const fresh = rows.filter((row) => {
    const existing = row.externalId ? storedById.get(row.externalId) : undefined;
    if (!existing) return true;
    if (!sameEntry(existing, row)) {
      conflicts[`entries[${all.indexOf(row)}].externalId`] = `The external id "${row.externalId}" is already booked with other values.`;
    }
    return false;
  });
  if (Object.keys(conflicts).length > 0) {
    throw new AppError({ status: 409, code: 'external_id_conflict', message: 'Some external ids are already booked with other values.', fields: conflicts });
  }
  return fresh;
}

/**
 * Adds iARR entries, all or nothing. An external id makes a write idempotent: the same id with the same
 * content is skipped, with other content it is a 409 naming the row. Writes of the same id at once are settled by
 * the unique key: the insert skips what another write booked meanwhile, and those rows are compared again.
 */
export async function recordIarrEntries(
  db: Kysely<DB>,
  input: { entries: IarrEntryInput[]; today: string } & Audited,
): Promise<{ inserted: number; skipped: number }> {
  return db.transaction().execute((trx) => watchingPortfolio(trx, input, async () => {
    const { rows, fresh } = await prepareIarrEntries(trx, input.entries);
    const booked = fresh.length === 0 ? [] : (await sql<{ external_id: string | null }>`
      insert into iarr_entries (customer_id, booked_on, amount_usd, kind, note, external_id, recorded_by, recorded_at)
      select t.*, ${input.actor.id}::bigint, ${input.now}::timestamptz
      from unnest(${fresh.map((row) => row.customerId)}::bigint[], ${fresh.map((row) => row.bookedOn)}::date[],
                  ${fresh.map((row) => row.amountUsd)}::bigint[], ${fresh.map((row) => row.kind)}::text[],
                  ${fresh.map((row) => row.note ?? '')}::text[], ${fresh.map((row) => row.externalId ?? null)}::text[]) as t
      on conflict (external_id) do nothing
      returning external_id`.execute(trx)).rows;
    const bookedIds = new Set(booked.map((row) => row.external_id));
    const written = fresh.filter((row) => !row.externalId || bookedIds.has(row.externalId));
    // Booked by a write that committed meanwhile: the same content is a repeat, other content a conflict.
    if (written.length < fresh.length) await withoutRepeats(trx, fresh.filter((row) => !written.includes(row)), rows);
    const result = { inserted: written.length, skipped: input.entries.length - written.length };
    await recordAudit(trx, {
      actor: input.actor, action: 'iarr.recorded', entityType: 'iarr_entries',
      after: { ...result, entries: written.map(({ customerId: _id, ...entry }) => entry) }, ip: input.ip,
    });
    return result;
  }));
}

/** A customer's iARR ledger in booking order, with the running total. */
export async function listIarrLedger(db: Executor, customerId: number) {
  return db
    .selectFrom('iarr_entries')
    .select([
      'id', 'booked_on', 'amount_usd', 'kind', 'note', 'external_id',
      sql<string>`sum(amount_usd) over (order by booked_on, id)`.as('running_total'),
    ])
    .where('customer_id', '=', customerId)
    .orderBy('booked_on')
    .orderBy('id')
    .execute()
    .then((rows) => rows.map((row) => ({ ...row, running_total: Number(row.running_total) })));
}
