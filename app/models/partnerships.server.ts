import type { Kysely } from 'kysely';
import { invalidFields } from '~/domain/app-error';
import { nextStage } from '~/domain/lifecycle';
import type { DB } from '../../db/schema';
import { recordAudit, type Audited } from './audit.server';
import { getCustomerBySlug, updateCustomer } from './customers.server';
import type { Executor } from './db.server';
import { watchingPortfolio } from './events.server';

/** Users who may lead a customer: active engineers, EMs and execs. */
export async function listPossibleLeads(db: Executor) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role'])
    .where('role', 'in', ['engineer', 'em', 'exec'])
    .where('disabled_at', 'is', null)
    .orderBy('name')
    .execute();
}

/** Makes the user with that email the customer's lead engineer; 422 on `email` for anyone who may not lead. */
export async function assignLeadEngineer(
  db: Kysely<DB>,
  input: { slug: string; email: string; version?: number } & Audited,
) {
  return db.transaction().execute(async (trx) => {
    const customer = await getCustomerBySlug(trx, input.slug, { forUpdate: true });
    const lead = await trx
      .selectFrom('users')
      .select(['id', 'email', 'name', 'role'])
      .where('email', '=', input.email.trim().toLowerCase())
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (!lead || lead.role === 'viewer') {
      const message = lead ? `${lead.email} is a viewer: only an engineer, EM or exec can lead a customer.` : `No active user has the email ${input.email}.`;
      throw invalidFields({ email: message }, message);
    }
    await updateCustomer(trx, { id: customer.id, version: input.version, now: input.now, set: { lead_engineer_id: lead.id } });
    await recordAudit(trx, {
      actor: input.actor, action: 'customer.lead_assigned', entityType: 'customer', entityId: customer.slug,
      before: { leadEngineer: customer.lead_engineer?.email ?? null }, after: { leadEngineer: lead.email }, ip: input.ip,
    });
    return { customer: customer.slug, leadEngineer: { email: lead.email, name: lead.name } };
  });
}

/** Hands an active partner off to a receiving team, or ends the partnership, with exit notes and date. */
export async function closePartnership(
  db: Kysely<DB>,
  input: {
    slug: string; version?: number; outcome: 'handed_off' | 'ended'; receivingTeam?: string; exitNotes: string; exitedOn: string;
    today: string;
  } & Audited,
) {
  // DOMAIN.md: exit dates are not after D.
  if (input.exitedOn > input.today) throw invalidFields({ exitedOn: `The exit date cannot be after today (${input.today}).` });
  return db.transaction().execute((trx) => watchingPortfolio(trx, { today: input.today, now: input.now }, async () => {
    const customer = await getCustomerBySlug(trx, input.slug, { forUpdate: true });
    const stage = nextStage(customer.stage, input.outcome === 'handed_off' ? 'hand_off' : 'end', customer.name);
    await updateCustomer(trx, { id: customer.id, version: input.version, now: input.now, set: { stage } });
    const exit = {
      outcome: input.outcome,
      receiving_team: input.outcome === 'handed_off' ? input.receivingTeam?.trim() ?? null : null,
      exit_notes: input.exitNotes.trim(),
      exited_on: input.exitedOn,
    };
    await trx.insertInto('handoffs').values({ customer_id: customer.id, recorded_by: input.actor.id, ...exit }).execute();
    await recordAudit(trx, {
      actor: input.actor, action: input.outcome === 'handed_off' ? 'partnership.handed_off' : 'partnership.ended',
      entityType: 'customer', entityId: customer.slug, before: { stage: customer.stage }, after: { stage, ...exit }, ip: input.ip,
    });
  }));
}

/** How a partnership ended, if it has. */
export async function findPartnershipExit(db: Executor, customerId: number) {
  return (
    (await db
      .selectFrom('handoffs')
      .innerJoin('users', 'users.id', 'handoffs.recorded_by')
      .select(['handoffs.outcome', 'handoffs.receiving_team', 'handoffs.exit_notes', 'handoffs.exited_on', 'users.name as recorded_by_name'])
      .where('handoffs.customer_id', '=', customerId)
      .executeTakeFirst()) ?? null
  );
}
