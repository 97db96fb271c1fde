import { sql, type Kysely } from 'kysely';
import { jsonObjectFrom } from 'kysely/helpers/postgres';
import { AppError, invalidFields } from '~/domain/app-error';
import { doneOnAfter, isObjectiveOverdue, PLAN_STAGES, type ObjectiveStatus } from '~/domain/success-plan';
import type { DB } from '../../db/schema';
import { recordAudit, type Audited } from './audit.server';
import type { Executor } from './db.server';

/** What an objective is made of, as forms and the API give it. */
export type ObjectiveInput = { title: string; ownerEmail?: string | null; dueOn: string; status: ObjectiveStatus; links: string[]; notes: string };

const objectiveColumns = (db: Executor) =>
  db
    .selectFrom('objectives')
    .select((eb) => [
      'objectives.id', 'objectives.customer_id', 'objectives.version', 'objectives.title', 'objectives.due_on', 'objectives.status',
      'objectives.links', 'objectives.notes', 'objectives.done_on',
      jsonObjectFrom(eb.selectFrom('users').select(['users.email', 'users.name']).whereRef('users.id', '=', 'objectives.owner_id')).as('owner'),
    ]);

type ObjectiveRow = Awaited<ReturnType<ReturnType<typeof objectiveColumns>['executeTakeFirstOrThrow']>>;

/** An objective as the API gives it, with whether it is overdue at `today`. */
export function objectiveReply(row: ObjectiveRow, today: string) {
  const objective = {
    id: row.id, version: row.version, title: row.title, owner: row.owner, dueOn: row.due_on, status: row.status, links: row.links,
    notes: row.notes, doneOn: row.done_on,
  };
  return { ...objective, overdue: isObjectiveOverdue(objective, today) };
}

/** A customer's plan, by due date. */
export async function listObjectives(db: Executor, customerId: number, today: string) {
  const rows = await objectiveColumns(db).where('objectives.customer_id', '=', customerId).orderBy('objectives.due_on').orderBy('objectives.id').execute();
  return rows.map((row) => objectiveReply(row, today));
}

/** The customer an objective belongs to (for the permission check), or a 404. */
export async function findObjectiveCustomer(db: Executor, objectiveId: number) {
  const customer = await db
    .selectFrom('objectives')
    .innerJoin('customers', 'customers.id', 'objectives.customer_id')
    .select(['customers.id', 'customers.slug', 'customers.lead_engineer_id'])
    .where('objectives.id', '=', objectiveId)
    .executeTakeFirst();
  if (!customer) throw new AppError({ status: 404, code: 'not_found', message: `No objective has the id ${objectiveId}.` });
  return customer;
}

/** The owner's user id from an email (an active user), null for none; a 422 on `ownerEmail` for anyone else. */
async function ownerId(db: Executor, email: string | null | undefined): Promise<number | null> {
  if (!email) return null;
  const owner = await db.selectFrom('users').select('id').where('email', '=', email).where('disabled_at', 'is', null).executeTakeFirst();
  if (!owner) throw invalidFields({ ownerEmail: `No active user has the email ${email}.` });
  return owner.id;
}

async function assertHasPlan(db: Executor, customerId: number) {
  const customer = await db.selectFrom('customers').select(['name', 'stage']).where('id', '=', customerId).forUpdate().executeTakeFirstOrThrow();
  if (!(PLAN_STAGES as readonly string[]).includes(customer.stage)) {
    throw new AppError({ status: 409, code: 'stage', message: `${customer.name} is ${customer.stage.replace('_', ' ')}: only active and handed-off partners have a success plan.` });
  }
}

/** Adds an objective to an active or handed-off partner's plan (another stage is a 409). */
export async function createObjective(db: Kysely<DB>, input: { customerId: number; objective: ObjectiveInput; today: string } & Audited) {
  const { objective } = input;
  return db.transaction().execute(async (trx) => {
    await assertHasPlan(trx, input.customerId);
    const created = await trx
      .insertInto('objectives')
      .values({
        customer_id: input.customerId, title: objective.title, owner_id: await ownerId(trx, objective.ownerEmail), due_on: objective.dueOn,
        status: objective.status, links: objective.links, notes: objective.notes, done_on: doneOnAfter(null, objective.status, input.today),
        created_at: input.now, updated_at: input.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await objectiveColumns(trx).where('objectives.id', '=', created.id).executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: input.actor, action: 'objective.created', entityType: 'objectives', entityId: row.id, after: objectiveReply(row, input.today), ip: input.ip });
    return objectiveReply(row, input.today);
  });
}

/** Changes an objective if it is still at `version` (409 `version_conflict` otherwise). */
export async function updateObjective(
  db: Kysely<DB>,
  input: { id: number; version: number; changes: Partial<ObjectiveInput>; today: string } & Audited,
) {
  return db.transaction().execute(async (trx) => {
    const before = await objectiveColumns(trx).where('objectives.id', '=', input.id).forUpdate().executeTakeFirst();
    if (!before) throw new AppError({ status: 404, code: 'not_found', message: `No objective has the id ${input.id}.` });
    await assertHasPlan(trx, before.customer_id);
    if (before.version !== input.version) {
      throw new AppError({ status: 409, code: 'version_conflict', message: `“${before.title}” was changed by someone else meanwhile: reload to see it, then try again.` });
    }
    const { changes } = input;
    const status = changes.status ?? before.status;
    await trx
      .updateTable('objectives')
      .set({
        ...(changes.title === undefined ? {} : { title: changes.title }),
        ...(changes.ownerEmail === undefined ? {} : { owner_id: await ownerId(trx, changes.ownerEmail) }),
        ...(changes.dueOn === undefined ? {} : { due_on: changes.dueOn }),
        ...(changes.links === undefined ? {} : { links: changes.links }),
        ...(changes.notes === undefined ? {} : { notes: changes.notes }),
        status,
        done_on: doneOnAfter({ status: before.status, doneOn: before.done_on }, status, input.today),
        updated_at: input.now,
        version: sql`version + 1`,
      })
      .where('id', '=', input.id)
      .execute();
    const after = await objectiveColumns(trx).where('objectives.id', '=', input.id).executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: input.actor, action: 'objective.updated', entityType: 'objectives', entityId: input.id,
      before: objectiveReply(before, input.today), after: objectiveReply(after, input.today), ip: input.ip,
    });
    return objectiveReply(after, input.today);
  });
}
