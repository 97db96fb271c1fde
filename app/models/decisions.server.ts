import { sql, type Kysely } from 'kysely';
import { AppError } from '~/domain/app-error';
import { nextStage, type Decision } from '~/domain/lifecycle';
import { recordAudit, type Audited } from './audit.server';
import { getCustomerBySlug, updateCustomer } from './customers.server';
import type { DB } from '../../db/schema';
import type { Executor } from './db.server';
import { decisionEvent } from '~/domain/events';
import { raiseEvent, watchingPortfolio } from './events.server';
import { currentEvaluation } from './framework-evaluations.server';

export type DecisionCommand = Audited & {
  slug: string;
  decision: Decision;
  rationale: string;
  overrideJustification?: string;
  /** The customer version the decider saw; a double submit or a stale form is then a 409. */
  version?: number;
  today: string;
};

/**
 * An exec's decision on a candidate (DOMAIN.md "Customer lifecycle" and "Intake gate"), in one transaction:
 * the stage is checked first, then the gate for an approval; the decision is kept with the framework answers,
 * the score and the gate as they were, and the customer moves on. Decisions are judged one after the other (see
 * watchingPortfolio): of two execs approving at once, the second sees the first's new partner in the gate.
 */
export async function decideOnCandidate(db: Kysely<DB>, command: DecisionCommand) {
  return db.transaction().execute((trx) => watchingPortfolio(trx, command, async ({ gate }) => {
    const customer = await getCustomerBySlug(trx, command.slug, { forUpdate: true });
    const stageAfter = nextStage(customer.stage, command.decision, customer.name);
    const evaluation = await currentEvaluation(trx, customer.id);
    if (!evaluation) {
      throw new AppError({ status: 409, code: 'no_evaluation', message: `${customer.name} has no framework answers yet: add them first.` });
    }
    const override = command.decision === 'approve' && !gate.open ? command.overrideJustification?.trim() : undefined;
    if (command.decision === 'approve' && !gate.open && !override) {
      throw new AppError({
        status: 409,
        code: 'intake_gate_closed',
        message: 'The intake gate is closed: existing partners must show results first, or give an override justification.',
        details: { reasons: gate.reasons },
      });
    }
    await updateCustomer(trx, {
      id: customer.id,
      version: command.version,
      now: command.now,
      set: { stage: stageAfter, ...(stageAfter === 'active' ? { approved_at: command.now } : {}) },
    });
    const decision = await trx
      .insertInto('decisions')
      .values({
        customer_id: customer.id,
        decided_by: command.actor.id,
        decided_at: command.now,
        decision: command.decision,
        rationale: command.rationale.trim(),
        stage_before: customer.stage,
        stage_after: stageAfter,
        framework: JSON.stringify({ answers: evaluation.answers, assessment: evaluation.assessment }),
        score: evaluation.assessment.score,
        gate_open: gate.open,
        gate_reasons: JSON.stringify(gate.reasons),
        override_justification: override ?? null,
      })
      .returning(['id', 'decision', 'decided_at', 'stage_before', 'stage_after', 'gate_open', 'gate_reasons', 'override_justification'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: command.actor,
      action: `decision.${command.decision}`,
      entityType: 'customer',
      entityId: customer.slug,
      before: { stage: customer.stage },
      after: { stage: stageAfter, decisionId: decision.id, gateOpen: gate.open, override: override ?? null },
      ip: command.ip,
    });
    const decider = await trx.selectFrom('users').select('name').where('id', '=', command.actor.id).executeTakeFirstOrThrow();
    await raiseEvent(trx, decisionEvent(customer, { id: decision.id, decision: command.decision, override: override ?? null, decidedBy: decider.name }), command.now);
    return { ...decision, customer: customer.slug };
  }));
}

/** A customer's decisions, oldest first, with who took them. */
export async function listDecisions(db: Executor, customerId: number) {
  return db
    .selectFrom('decisions')
    .innerJoin('users', 'users.id', 'decisions.decided_by')
    .select([
      'decisions.id', 'decisions.decided_at', 'decisions.decision', 'decisions.rationale', 'decisions.stage_before',
      'decisions.stage_after', 'decisions.score', 'decisions.gate_open', 'decisions.gate_reasons',
      'decisions.override_justification', 'users.name as decided_by_name',
      sql<boolean>`(decisions.framework -> 'assessment' ->> 'eligible')::boolean`.as('eligible'),
      // The names of the customers its gate reasons name (by slug), as they are called now.
      sql<Record<string, string>>`(
        select coalesce(jsonb_object_agg(named.slug, named.name), '{}'::jsonb) from customers named
        where named.slug in (select reason ->> 'customer' from jsonb_array_elements(decisions.gate_reasons) reason)
      )`.as('reason_names'),
    ])
    .where('decisions.customer_id', '=', customerId)
    .orderBy('decisions.decided_at')
    .orderBy('decisions.id')
    .execute();
}
