import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { AppError } from '~/domain/app-error';
import { addDays } from '~/domain/dates';
import { blockerOpenedEvent } from '~/domain/events';
import { isResolvable, type ProgressKind } from '~/domain/progress';
import type { ProgressEntryInput } from '~/schemas/progress';
import { recordAudit, type Audited } from './audit.server';
import { isUniqueViolation, type Executor } from './db.server';
import { raiseEvent } from './events.server';

async function findThemeId(db: Executor, name: string): Promise<number | undefined> {
  return (await db.selectFrom('feedback_themes').select('id').where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst())?.id;
}

/** The theme a feedback entry names: an existing one (by name, any case), or a new one made with its team. */
async function themeIdFor(trx: Executor, theme: NonNullable<ProgressEntryInput['theme']>, audited: Pick<Audited, 'actor' | 'ip'>): Promise<number> {
  const name = typeof theme === 'string' ? theme : theme.name;
  const existing = await findThemeId(trx, name);
  if (existing) return existing;
  if (typeof theme === 'string') {
    throw new AppError({
      status: 422, code: 'invalid', message: 'Unknown theme.',
      fields: { theme: `No theme is named “${name}”: pick one from the list, or give a new one with its owning team.` },
    });
  }
  // Two people naming the same new theme at once: the second finds the first's.
  const created = await trx
    .insertInto('feedback_themes')
    .values({ name: theme.name, owning_team: theme.owningTeam })
    .onConflict((conflict) => conflict.expression(sql`lower(name)`).doNothing())
    .returning(['id', 'name', 'owning_team'])
    .executeTakeFirst();
  if (!created) return (await findThemeId(trx, name))!;
  await recordAudit(trx, { ...audited, action: 'theme.created', entityType: 'feedback_themes', entityId: created.id, after: created });
  return created.id;
}

/**
 * Logs an entry in a customer's progress log, making a new feedback theme on the way. A form carries a
 * one-time submission key: submitted twice, it logs one entry and both submissions see it.
 */
export async function logProgress(
  db: Kysely<DB>,
  input: { customerId: number; entry: ProgressEntryInput; submissionKey?: string; today: string } & Audited,
): Promise<{ id: number }> {
  const { entry } = input;
  if (entry.occurredOn > input.today) {
    throw new AppError({ status: 422, code: 'invalid', message: 'The date is in the future.', fields: { occurredOn: `Give a date no later than today (${input.today}).` } });
  }
  const audited = { actor: input.actor, ip: input.ip };
  try {
    return await db.transaction().execute(async (trx) => {
      const themeId = entry.theme === undefined ? null : await themeIdFor(trx, entry.theme, audited);
      const row = await trx
        .insertInto('progress_entries')
        .values({
          customer_id: input.customerId, kind: entry.kind, occurred_on: entry.occurredOn, body: entry.body, theme_id: themeId,
          routed_to: entry.routedTo ?? null, author_id: input.actor.id, created_at: input.now, submission_key: input.submissionKey ?? null,
        })
        .returning(['id', 'customer_id', 'kind', 'occurred_on', 'body', 'theme_id', 'routed_to'])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { ...audited, action: 'progress.logged', entityType: 'progress_entries', entityId: row.id, after: row });
      if (row.kind === 'blocker') {
        const customer = await trx.selectFrom('customers').select(['id', 'slug', 'name']).where('id', '=', row.customer_id).executeTakeFirstOrThrow();
        await raiseEvent(trx, blockerOpenedEvent(customer, row), input.now);
      }
      return { id: row.id };
    });
  } catch (error) {
    if (!input.submissionKey || !isUniqueViolation(error, 'progress_entries_submission_key_key')) throw error;
    const logged = await db.selectFrom('progress_entries').select('id').where('submission_key', '=', input.submissionKey).executeTakeFirstOrThrow();
    return { id: logged.id };
  }
}

/** Resolves an open blocker or request of the customer with a note; `version` guards against a lost update. */
export async function resolveProgressEntry(
  db: Kysely<DB>,
  input: { customerId: number; entryId: number; version: number; resolutionNote: string } & Audited,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const entry = await trx
      .selectFrom('progress_entries')
      .select(['id', 'kind', 'version', 'resolved_at', 'resolution_note'])
      .where('id', '=', input.entryId)
      .where('customer_id', '=', input.customerId)
      .forUpdate()
      .executeTakeFirst();
    if (!entry) throw new AppError({ status: 404, code: 'not_found', message: 'This customer has no such log entry.' });
    if (!isResolvable(entry.kind)) {
      throw new AppError({ status: 409, code: 'not_resolvable', message: `A ${entry.kind} entry is a record, not something to resolve: only blockers and requests are.` });
    }
    if (entry.resolved_at) throw new AppError({ status: 409, code: 'already_resolved', message: `This ${entry.kind} is already resolved: “${entry.resolution_note}”.` });
    if (entry.version !== input.version) {
      throw new AppError({ status: 409, code: 'version_conflict', message: `This ${entry.kind} was changed by someone else meanwhile: reload the page and try again.` });
    }
    await trx
      .updateTable('progress_entries')
      .set({ resolved_at: input.now, resolved_by: input.actor.id, resolution_note: input.resolutionNote, version: entry.version + 1 })
      .where('id', '=', entry.id)
      .execute();
    await recordAudit(trx, {
      actor: input.actor, ip: input.ip, action: 'progress.resolved', entityType: 'progress_entries', entityId: entry.id,
      before: { resolved_at: null, version: entry.version },
      after: { resolved_at: input.now, resolution_note: input.resolutionNote, version: entry.version + 1 },
    });
  });
}

export type ProgressFilter = { kind?: ProgressKind; state?: 'open' | 'resolved'; shown: number };

/**
 * A customer's log, newest first: the latest `shown` entries that match, with theme, author and resolver, and
 * whether there are more.
 */
export async function listProgress(db: Executor, customerId: number, filter: ProgressFilter) {
  let query = db
    .selectFrom('progress_entries as entry')
    .innerJoin('users as author', 'author.id', 'entry.author_id')
    .leftJoin('users as resolver', 'resolver.id', 'entry.resolved_by')
    .leftJoin('feedback_themes as theme', 'theme.id', 'entry.theme_id')
    .select([
      'entry.id', 'entry.kind', 'entry.occurred_on', 'entry.body', 'entry.routed_to', 'entry.resolved_at', 'entry.resolution_note',
      'entry.version', 'author.name as author', 'resolver.name as resolver', 'theme.name as theme', 'theme.owning_team as theme_team',
    ])
    .where('entry.customer_id', '=', customerId);
  if (filter.kind) query = query.where('entry.kind', '=', filter.kind);
  if (filter.state === 'open') query = query.where('entry.kind', 'in', ['blocker', 'request']).where('entry.resolved_at', 'is', null);
  if (filter.state === 'resolved') query = query.where('entry.resolved_at', 'is not', null);
  const rows = await query.orderBy('entry.occurred_on', 'desc').orderBy('entry.id', 'desc').limit(filter.shown + 1).execute();
  return { entries: rows.slice(0, filter.shown), more: rows.length > filter.shown };
}

/** Every feedback theme with its owning team, by name: what a feedback entry picks from. */
export async function listThemeNames(db: Executor) {
  return db.selectFrom('feedback_themes').select(['name', 'owning_team']).orderBy('name').execute();
}

export type OpenItemsFilter = { customer?: string; kind?: 'blocker' | 'request'; routedTo?: string; olderThanDays?: number };

// Counted without their customers: a join there would read every customer to count the entries.
const openItems = (db: Executor) =>
  db
    .selectFrom('progress_entries as entry')
    .where('entry.kind', 'in', ['blocker', 'request'])
    .where('entry.resolved_at', 'is', null);

function matchingOpenItems(db: Executor, filter: OpenItemsFilter, today: string) {
  let query = openItems(db);
  if (filter.customer) query = query.where('entry.customer_id', '=', db.selectFrom('customers').select('id').where('slug', '=', filter.customer));
  if (filter.kind) query = query.where('entry.kind', '=', filter.kind);
  if (filter.routedTo === 'none') query = query.where('entry.routed_to', 'is', null);
  else if (filter.routedTo) query = query.where('entry.routed_to', '=', filter.routedTo);
  if (filter.olderThanDays) query = query.where('entry.occurred_on', '<=', addDays(today, -filter.olderThanDays));
  return query;
}

/**
 * The open blockers and requests across customers that match the filter, oldest first, the first `limit` of them
 * with how many match in all. Two queries, whatever the number of customers.
 */
export async function listOpenItems(db: Executor, filter: OpenItemsFilter, today: string, limit: number) {
  const [items, count] = await Promise.all([
    matchingOpenItems(db, filter, today)
      .innerJoin('customers', 'customers.id', 'entry.customer_id')
      .innerJoin('users as author', 'author.id', 'entry.author_id')
      .select([
        'entry.id', 'entry.kind', 'entry.occurred_on', 'entry.body', 'entry.routed_to', 'entry.version',
        'customers.slug as customer', 'customers.name as customer_name', 'customers.lead_engineer_id', 'author.name as author',
      ])
      .orderBy('entry.occurred_on')
      .orderBy('entry.id')
      .limit(limit)
      .execute(),
    matchingOpenItems(db, filter, today).select((eb) => eb.fn.countAll<number>().as('matching')).executeTakeFirstOrThrow(),
  ]);
  return { items, matching: Number(count.matching) };
}

/** The open requests counted by where they were routed (null: kept by the team), most first. */
export function countOpenRequestsByDestination(db: Executor) {
  return openItems(db)
    .select((eb) => ['entry.routed_to', eb.fn.countAll<number>().as('requests')])
    .where('entry.kind', '=', 'request')
    .groupBy('entry.routed_to')
    .orderBy('requests', 'desc')
    .orderBy('entry.routed_to')
    .execute();
}

/** The customers with anything open, by name: the choices of the /requests customer filter. */
export function listCustomersWithOpenItems(db: Executor) {
  return db
    .selectFrom('customers')
    .select(['slug', 'name'])
    .where('id', 'in', openItems(db).select('entry.customer_id'))
    .orderBy('name')
    .execute();
}

/** The customer of a log entry (its id and lead engineer), for the permission check; a 404 when there is none. */
export async function findProgressEntryCustomer(db: Executor, entryId: number) {
  const customer = await db
    .selectFrom('progress_entries as entry')
    .innerJoin('customers', 'customers.id', 'entry.customer_id')
    .select(['customers.id', 'customers.lead_engineer_id'])
    .where('entry.id', '=', entryId)
    .executeTakeFirst();
  if (!customer) throw new AppError({ status: 404, code: 'not_found', message: 'There is no such log entry.' });
  return customer;
}
