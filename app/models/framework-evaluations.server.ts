import type { ExpressionBuilder } from 'kysely';
import { assessFramework, type FrameworkAnswers } from '~/domain/framework';
import type { DB } from '../../db/schema';
import type { Executor } from './db.server';

const answerColumns = ['strategic_segment', 'co_market', 'new_industry', 'related_market', 'vision_alignment'] as const;

type AnswerRow = {
  strategic_segment: boolean;
  co_market: FrameworkAnswers['coMarket'];
  new_industry: boolean;
  related_market: string | null;
  vision_alignment: FrameworkAnswers['visionAlignment'];
};

export function toAnswers(row: AnswerRow): FrameworkAnswers {
  return {
    strategicSegment: row.strategic_segment,
    coMarket: row.co_market,
    newIndustry: row.new_industry,
    relatedMarket: row.related_market,
    visionAlignment: row.vision_alignment,
  };
}

/** A customer's current (latest) framework answers, as a subquery to join laterally from `customers`. */
export function currentEvaluationOf(eb: ExpressionBuilder<DB, 'customers'>) {
  return eb
    .selectFrom('framework_evaluations')
    .select(answerColumns)
    .whereRef('framework_evaluations.customer_id', '=', 'customers.id')
    .orderBy('framework_evaluations.id', 'desc')
    .limit(1);
}

/** Records a customer's framework answers; the latest row is the current one, the rest its history. */
export async function recordEvaluation(db: Executor, customerId: number, answers: FrameworkAnswers, actorId: number | null) {
  await db
    .insertInto('framework_evaluations')
    .values({
      customer_id: customerId,
      strategic_segment: answers.strategicSegment,
      co_market: answers.coMarket,
      new_industry: answers.newIndustry,
      related_market: answers.newIndustry ? answers.relatedMarket : answers.relatedMarket || null,
      vision_alignment: answers.visionAlignment,
      evaluated_by: actorId,
    })
    .execute();
}

/** A customer's current framework answers with their assessment; null when it has none. */
export async function currentEvaluation(db: Executor, customerId: number) {
  const row = await db
    .selectFrom('framework_evaluations')
    .select(answerColumns)
    .where('customer_id', '=', customerId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const answers = toAnswers(row);
  return { answers, assessment: assessFramework(answers) };
}

/** Every evaluation of a customer, newest first, with who made it. */
export async function listEvaluations(db: Executor, customerId: number) {
  const rows = await db
    .selectFrom('framework_evaluations')
    .leftJoin('users', 'users.id', 'framework_evaluations.evaluated_by')
    .select([...answerColumns.map((column) => `framework_evaluations.${column}` as const), 'framework_evaluations.id', 'framework_evaluations.evaluated_at', 'users.name as evaluated_by_name'])
    .where('framework_evaluations.customer_id', '=', customerId)
    .orderBy('framework_evaluations.id', 'desc')
    .execute();
  return rows.map((row) => {
    const answers = toAnswers(row);
    return { id: row.id, evaluatedAt: row.evaluated_at, evaluatedBy: row.evaluated_by_name, answers, assessment: assessFramework(answers) };
  });
}
