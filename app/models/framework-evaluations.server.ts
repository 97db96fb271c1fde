import { sql } from 'kysely';
import { assessFramework, LEVELS, type FrameworkAnswers } from '~/domain/framework';
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

/**
 * Every customer's current (latest) framework answers, one row per customer, to join on `customer_id`: read in
 * index order, whatever the number of customers, where a lateral lookup per customer costs one index probe each.
 */
export function currentEvaluations(db: Executor) {
  return db
    .selectFrom('framework_evaluations')
    .distinctOn('customer_id')
    .select(['customer_id', ...answerColumns])
    .orderBy('customer_id')
    .orderBy('id', 'desc');
}

// The framework's score of every combination of the answers it weighs, keyed as `scoreOf` keys a row: the score
// stays assessFramework's, this table lets the database sort and page candidates by it. (The related market is
// not weighed; it is free text.)
const SCORES = Object.fromEntries(
  [true, false].flatMap((strategicSegment) => [true, false].flatMap((newIndustry) => LEVELS.flatMap((coMarket) => LEVELS.map((visionAlignment) => [
    [strategicSegment, coMarket, newIndustry, visionAlignment].join(' '),
    assessFramework({ strategicSegment, coMarket, newIndustry, relatedMarket: null, visionAlignment }).score,
  ])))),
);

/** The score of the answers of the evaluation aliased `evaluation`, in SQL; null without answers. */
export const scoreOf = sql<number | null>`(${JSON.stringify(SCORES)}::jsonb ->> concat_ws(' ', evaluation.strategic_segment::text, evaluation.co_market, evaluation.new_industry::text, evaluation.vision_alignment))::int`;

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
