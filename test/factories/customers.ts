import type { Kysely } from 'kysely';
import type { FrameworkAnswers } from '~/domain/framework';
import type { DB, Stage } from '../../db/schema';

let sequence = 0;

export const STRONG_ANSWERS: FrameworkAnswers = {
  strategicSegment: true, coMarket: 'high', newIndustry: true, relatedMarket: 'Logistics', visionAlignment: 'high',
};

/** A customer in the given stage with framework answers (strong by default). */
export async function createTestCustomer(
  db: Kysely<DB>,
  options: { stage?: Stage; name?: string; answers?: FrameworkAnswers; leadEngineerId?: number } = {},
) {
  sequence += 1;
  const name = options.name ?? `Customer ${sequence}`;
  const stage = options.stage ?? 'candidate';
  const partner = stage === 'active' || stage === 'handed_off' || stage === 'ended';
  const customer = await db
    .insertInto('customers')
    .values({
      name,
      slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      stage,
      lead_engineer_id: options.leadEngineerId ?? null,
      approved_at: partner ? new Date('2026-06-01T12:00:00Z') : null,
      updated_at: new Date(),
    })
    .returning(['id', 'slug', 'name', 'stage', 'version'])
    .executeTakeFirstOrThrow();
  const answers = options.answers ?? STRONG_ANSWERS;
  await db
    .insertInto('framework_evaluations')
    .values({
      customer_id: customer.id, strategic_segment: answers.strategicSegment, co_market: answers.coMarket,
      new_industry: answers.newIndustry, related_market: answers.relatedMarket, vision_alignment: answers.visionAlignment,
    })
    .execute();
  return customer;
}

/**
 * An active partner whose latest snapshot is the week of `weekStart` with the given acceptance and DAU
 * (percent of 1,000 shown and of 100 developers), and `iarrUsd` realized.
 */
export async function createTestPartner(
  db: Kysely<DB>,
  metrics: { weekStart?: string; acceptancePct?: number; dauPct?: number; iarrUsd?: number; name?: string } = {},
) {
  const customer = await createTestCustomer(db, { stage: 'active', name: metrics.name });
  await db
    .insertInto('metric_snapshots')
    .values({
      customer_id: customer.id, week_start: metrics.weekStart ?? '2026-11-09', completions_shown: 1000,
      completions_accepted: (metrics.acceptancePct ?? 40) * 10, dau: metrics.dauPct ?? 60, available_developers: 100,
    })
    .execute();
  await db
    .insertInto('iarr_entries')
    .values({ customer_id: customer.id, booked_on: '2026-10-01', amount_usd: metrics.iarrUsd ?? 300_000, kind: 'expansion' })
    .execute();
  return customer;
}
