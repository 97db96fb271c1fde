import type { Kysely } from 'kysely';
import type { FrameworkAnswers } from '~/domain/framework';
import { slugify } from '~/domain/lifecycle';
import { invalidFields } from '~/domain/app-error';
import type { DB } from '../../db/schema';
import { recordAudit, type Audited } from './audit.server';
import { getCustomerBySlug, insertCandidate, updateCustomer } from './customers.server';
import { currentEvaluation, recordEvaluation } from './framework-evaluations.server';

/** Adds a candidate with its framework answers, audited, in one transaction. */
export async function createCandidate(
  db: Kysely<DB>,
  input: { name: string; slug?: string; notes?: string; answers: FrameworkAnswers } & Audited,
) {
  const slug = input.slug || slugify(input.name);
  if (!slug) {
    throw invalidFields({ slug: 'The name has no letters or digits to make a slug from: give a slug.' });
  }
  return db.transaction().execute(async (trx) => {
    const customer = await insertCandidate(trx, { name: input.name.trim(), slug, notes: input.notes?.trim() ?? '', now: input.now });
    await recordEvaluation(trx, customer.id, input.answers, input.actor.id);
    await recordAudit(trx, {
      actor: input.actor, action: 'candidate.created', entityType: 'customer', entityId: customer.slug,
      after: { name: customer.name, notes: input.notes ?? '', answers: input.answers }, ip: input.ip,
    });
    return customer;
  });
}

/** Replaces a customer's framework answers (and notes) if it is still at `version`; 409 otherwise. */
export async function editFrameworkAnswers(
  db: Kysely<DB>,
  input: { slug: string; version: number; answers: FrameworkAnswers; notes: string } & Audited,
) {
  return db.transaction().execute(async (trx) => {
    const customer = await getCustomerBySlug(trx, input.slug);
    const before = await currentEvaluation(trx, customer.id);
    await updateCustomer(trx, { id: customer.id, version: input.version, now: input.now, set: { notes: input.notes.trim() } });
    await recordEvaluation(trx, customer.id, input.answers, input.actor.id);
    await recordAudit(trx, {
      actor: input.actor, action: 'candidate.answers_edited', entityType: 'customer', entityId: customer.slug,
      before: { answers: before?.answers ?? null, notes: customer.notes }, after: { answers: input.answers, notes: input.notes.trim() },
      ip: input.ip,
    });
  });
}
