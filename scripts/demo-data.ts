import type { Kysely } from 'kysely';
import { hashPassword } from '~/auth/password.server';
import { addDays, weekStartOf } from '~/domain/dates';
import { blockerOpenedEvent, updateSubmittedEvent } from '~/domain/events';
import { assessFramework, type FrameworkAnswers } from '~/domain/framework';
import type { Role } from '~/domain/roles';
import { weeklyUpdateMarkdown } from '~/domain/weekly-update';
import { recordAudit } from '~/models/audit.server';
import { raiseEvent } from '~/models/events.server';
import type { DB, Stage } from '../db/schema';

/** The demo users' password: demo data only, never created outside demo seeding. */
export const DEMO_PASSWORD = 'cody-strategic-demo';

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'exec@demo.test', name: 'Avery Exec', role: 'exec' },
  { email: 'em@demo.test', name: 'Morgan Manager', role: 'em' },
  { email: 'lead@demo.test', name: 'Lee Lead', role: 'engineer' },
  { email: 'viewer@demo.test', name: 'Vic Viewer', role: 'viewer' },
  { email: 'riley@demo.test', name: 'Riley Engineer', role: 'engineer' },
];

type Trend = { acceptance: [number, number]; dauShare: [number, number]; developers: number };

type DemoCustomer = {
  slug: string;
  name: string;
  stage: Stage;
  lead?: string;
  notes: string;
  answers: FrameworkAnswers;
  /** Snapshot weeks, as weeks before the current one: [newest, oldest]. */
  weeks?: [number, number];
  trend?: Trend;
  iarr?: { weeksAgo: number; amountUsd: number; kind: 'expansion' | 'net_new'; note: string }[];
};

const CUSTOMERS: DemoCustomer[] = [
  {
    slug: 'northwind-logistics', name: 'Northwind Logistics', stage: 'active', lead: 'lead@demo.test',
    notes: 'Global freight forwarder; 1,200 developers across four hubs.',
    answers: { strategicSegment: true, coMarket: 'high', newIndustry: true, relatedMarket: 'Logistics', visionAlignment: 'high' },
    weeks: [1, 26], trend: { acceptance: [0.27, 0.38], dauShare: [0.2, 0.71], developers: 1200 },
    iarr: [
      { weeksAgo: 12, amountUsd: 150_000, kind: 'expansion', note: 'Cody Enterprise for the platform group' },
      { weeksAgo: 5, amountUsd: 120_000, kind: 'net_new', note: 'Data science org signs on' },
      { weeksAgo: -3, amountUsd: 50_000, kind: 'expansion', note: 'Booked for next quarter' },
    ],
  },
  {
    slug: 'halcyon-bank', name: 'Halcyon Bank', stage: 'active', lead: 'lead@demo.test',
    notes: 'Retail and investment bank; strict data residency.',
    answers: { strategicSegment: true, coMarket: 'medium', newIndustry: true, relatedMarket: 'Banking', visionAlignment: 'high' },
    weeks: [1, 26], trend: { acceptance: [0.31, 0.274], dauShare: [0.15, 0.41], developers: 3400 },
    iarr: [{ weeksAgo: 9, amountUsd: 90_000, kind: 'expansion', note: 'Pilot expanded to payments' }],
  },
  {
    slug: 'meridian-health', name: 'Meridian Health Systems', stage: 'active', lead: 'riley@demo.test',
    notes: 'Hospital network; metrics export paused during their audit.',
    answers: { strategicSegment: true, coMarket: 'low', newIndustry: true, relatedMarket: 'Healthcare', visionAlignment: 'medium' },
    weeks: [3, 28], trend: { acceptance: [0.25, 0.33], dauShare: [0.3, 0.55], developers: 800 },
    iarr: [{ weeksAgo: 15, amountUsd: 260_000, kind: 'net_new', note: 'Enterprise agreement' }],
  },
  {
    slug: 'fjordline-shipping', name: 'Fjordline Shipping', stage: 'handed_off', lead: 'lead@demo.test',
    notes: 'Succeeded and handed to Enterprise Success.',
    answers: { strategicSegment: true, coMarket: 'high', newIndustry: false, relatedMarket: null, visionAlignment: 'medium' },
    weeks: [8, 30], trend: { acceptance: [0.3, 0.41], dauShare: [0.3, 0.66], developers: 500 },
    iarr: [{ weeksAgo: 20, amountUsd: 310_000, kind: 'expansion', note: 'Company-wide rollout' }],
  },
  {
    slug: 'granite-insurance', name: 'Granite Insurance', stage: 'ended', lead: 'riley@demo.test',
    notes: 'Paused all AI tooling after a reorganisation.',
    answers: { strategicSegment: true, coMarket: 'medium', newIndustry: true, relatedMarket: 'Insurance', visionAlignment: 'medium' },
    weeks: [6, 18], trend: { acceptance: [0.22, 0.26], dauShare: [0.12, 0.2], developers: 650 },
  },
  {
    slug: 'aurora-aerospace', name: 'Aurora Aerospace', stage: 'candidate', notes: 'Asked for an air-gapped deployment.',
    answers: { strategicSegment: true, coMarket: 'high', newIndustry: true, relatedMarket: 'Aerospace & defense', visionAlignment: 'high' },
  },
  {
    slug: 'bellwether-retail', name: 'Bellwether Retail Group', stage: 'candidate', notes: 'Existing code search customer.',
    answers: { strategicSegment: true, coMarket: 'medium', newIndustry: false, relatedMarket: null, visionAlignment: 'medium' },
  },
  {
    slug: 'cobalt-energy', name: 'Cobalt Energy', stage: 'candidate', notes: 'Large Java estate.',
    answers: { strategicSegment: true, coMarket: 'low', newIndustry: true, relatedMarket: 'Energy & utilities', visionAlignment: 'medium' },
  },
  {
    slug: 'driftwood-media', name: 'Driftwood Media', stage: 'candidate', notes: 'Mid-market: outside the Strategic segment.',
    answers: { strategicSegment: false, coMarket: 'high', newIndustry: false, relatedMarket: null, visionAlignment: 'low' },
  },
  {
    slug: 'eastgate-telecom', name: 'Eastgate Telecom', stage: 'rejected', notes: 'Wanted general support, not a partnership.',
    answers: { strategicSegment: true, coMarket: 'low', newIndustry: false, relatedMarket: null, visionAlignment: 'low' },
  },
];

/** A small deterministic generator (mulberry32), so the same day always seeds the same data. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function snapshotsFor(customerId: number, customer: DemoCustomer, thisWeek: string, next: () => number) {
  if (!customer.weeks || !customer.trend) return [];
  const [newest, oldest] = customer.weeks;
  const { acceptance, dauShare, developers } = customer.trend;
  return Array.from({ length: oldest - newest + 1 }, (_, index) => {
    const progress = index / (oldest - newest);
    const wobble = (next() - 0.5) * 0.01;
    const shown = 20_000 + Math.round(next() * 8_000) + Math.round(progress * developers * 40);
    const accepted = Math.round(shown * (acceptance[0] + (acceptance[1] - acceptance[0]) * progress + (index === oldest - newest ? 0 : wobble)));
    const dau = Math.round(developers * (dauShare[0] + (dauShare[1] - dauShare[0]) * progress));
    return {
      customer_id: customerId,
      week_start: addDays(thisWeek, -7 * (oldest - index)),
      completions_shown: shown,
      completions_accepted: Math.min(accepted, shown),
      dau: Math.min(dau, developers),
      available_developers: developers,
    };
  });
}

/**
 * Fictional demo data relative to `today`: three active partners (succeeding, at risk, gone stale) with
 * 26 weeks of metrics, candidates, a rejection, a hand-off, an ended partnership, progress of every kind and weekly
 * updates in every state.
 */
export async function seedDemoData(db: Kysely<DB>, today: string): Promise<void> {
  const next = random(20_261_121);
  const thisWeek = weekStartOf(today);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const users = await trx
      .insertInto('users')
      .values(DEMO_USERS.map((user) => ({ ...user, password_hash: passwordHash })))
      .returning(['id', 'email'])
      .execute();
    const userId = (email: string) => users.find((user) => user.email === email)!.id;
    const exec = userId('exec@demo.test');
    const em = userId('em@demo.test');

    for (const customer of CUSTOMERS) {
      const partner = customer.stage === 'active' || customer.stage === 'handed_off' || customer.stage === 'ended';
      const approvedAt = partner ? `${addDays(thisWeek, -7 * ((customer.weeks?.[1] ?? 0) + 1))}T15:00:00Z` : null;
      const { id } = await trx
        .insertInto('customers')
        .values({
          slug: customer.slug, name: customer.name, stage: customer.stage, notes: customer.notes,
          lead_engineer_id: customer.lead ? userId(customer.lead) : null, approved_at: approvedAt,
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { answers } = customer;
      await trx
        .insertInto('framework_evaluations')
        .values({
          customer_id: id, strategic_segment: answers.strategicSegment, co_market: answers.coMarket,
          new_industry: answers.newIndustry, related_market: answers.relatedMarket,
          vision_alignment: answers.visionAlignment, evaluated_by: em,
        })
        .execute();
      if (partner || customer.stage === 'rejected') {
        await trx
          .insertInto('decisions')
          .values({
            customer_id: id, decided_by: exec, decision: partner ? 'approve' : 'reject',
            decided_at: approvedAt ?? `${addDays(thisWeek, -10)}T15:00:00Z`,
            rationale: partner ? 'Strong fit and an executive sponsor committed to rollout.' : 'Their needs are general support.',
            stage_before: 'candidate', stage_after: partner ? 'active' : 'rejected',
            framework: JSON.stringify({ answers, assessment: assessFramework(answers) }), score: assessFramework(answers).score,
            gate_open: true, gate_reasons: '[]',
          })
          .execute();
      }
      const snapshots = snapshotsFor(id, customer, thisWeek, next);
      if (snapshots.length) await trx.insertInto('metric_snapshots').values(snapshots).execute();
      for (const entry of customer.iarr ?? []) {
        await trx
          .insertInto('iarr_entries')
          .values({
            customer_id: id, booked_on: addDays(thisWeek, -7 * entry.weeksAgo + 2), amount_usd: entry.amountUsd,
            kind: entry.kind, note: entry.note, recorded_by: em,
          })
          .execute();
      }
      if (customer.stage === 'handed_off' || customer.stage === 'ended') {
        const handedOff = customer.stage === 'handed_off';
        await trx
          .insertInto('handoffs')
          .values({
            customer_id: id, outcome: customer.stage, receiving_team: handedOff ? 'Enterprise Success' : null,
            exit_notes: handedOff
              ? 'All three metrics above threshold for eight weeks; runbook shared.'
              : 'Their AI tooling budget was frozen; we may reconsider next year.',
            exited_on: addDays(thisWeek, -7 * (customer.weeks?.[0] ?? 0) + 4), recorded_by: em,
          })
          .execute();
      }
    }

    const themes = await trx
      .insertInto('feedback_themes')
      .values([
        { name: 'Multi-repo context quality', owning_team: 'Cody Context' },
        { name: 'Latency in large monorepos', owning_team: 'Cody Platform' },
      ])
      .returning('id')
      .execute();
    const customerId = async (slug: string) =>
      (await trx.selectFrom('customers').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
    const northwind = await customerId('northwind-logistics');
    const halcyon = await customerId('halcyon-bank');
    const meridian = await customerId('meridian-health');
    const lead = userId('lead@demo.test');
    const riley = userId('riley@demo.test');
    const entries = await trx
      .insertInto('progress_entries')
      .values([
        { customer_id: northwind, kind: 'progress', occurred_on: addDays(thisWeek, -5), body: 'Rolled Cody out to the second hub (300 developers).', author_id: lead },
        { customer_id: northwind, kind: 'win', occurred_on: addDays(thisWeek, -3), body: 'CTO shared Cody adoption numbers in their all-hands.', author_id: lead },
        { customer_id: halcyon, kind: 'risk', occurred_on: addDays(thisWeek, -4), body: 'Acceptance dropping in the COBOL services; suggestions lack context.', author_id: lead },
        { customer_id: halcyon, kind: 'blocker', occurred_on: addDays(thisWeek, -6), body: 'Proxy strips streaming responses: completions time out.', author_id: lead },
        { customer_id: halcyon, kind: 'feedback', occurred_on: addDays(thisWeek, -2), body: 'Context from sibling repos is missing in chat answers.', theme_id: themes[0]!.id, author_id: lead },
        { customer_id: northwind, kind: 'feedback', occurred_on: addDays(thisWeek, -9), body: 'Autocomplete slow in the 40 GB monorepo.', theme_id: themes[1]!.id, author_id: lead },
        { customer_id: meridian, kind: 'request', occurred_on: addDays(thisWeek, -8), body: 'SSO group sync for new hires.', routed_to: 'Source (platform)', author_id: riley },
        { customer_id: meridian, kind: 'request', occurred_on: addDays(thisWeek, -12), body: 'Password reset for a developer.', routed_to: 'support', author_id: riley },
      ])
      .returning(['id', 'customer_id', 'kind', 'occurred_on', 'body'])
      .execute();

    // Each state a week's update can be in: on time for the weeks before, missing five weeks ago, a draft never
    // submitted four weeks ago, then submitted late (a Saturday), amended, on time; this week's not started yet.
    const updates = [
      ...[11, 10, 9, 8, 7, 6].map((weeksAgo) => ({ weeksAgo, submitted: 4, amended: null })),
      { weeksAgo: 4, submitted: null, amended: null },
      { weeksAgo: 3, submitted: 5, amended: null },
      { weeksAgo: 2, submitted: 4, amended: 6 },
      { weeksAgo: 1, submitted: 4, amended: null },
    ];
    for (const { weeksAgo, submitted, amended } of updates) {
      const weekStart = addDays(thisWeek, -7 * weeksAgo);
      const at = (days: number | null) => (days === null ? null : `${addDays(weekStart, days)}T16:00:00Z`);
      const writtenAt = at(amended ?? submitted ?? 2)!;
      await trx
        .insertInto('weekly_updates')
        .values({
          week_start: weekStart, status: amended ? 'amended' : submitted ? 'submitted' : 'draft',
          progress: 'Northwind rollout continues; Halcyon pilot expanded to payments.',
          blockers: 'Halcyon proxy strips streaming responses.',
          upcoming: 'Meridian metrics export resumes after their audit.',
          created_by: em, created_at: at(submitted ?? 2)!, updated_by: em, updated_at: writtenAt,
          submitted_by: submitted ? em : null, submitted_at: at(submitted), amended_at: at(amended),
        })
        .execute();
    }
    // A success plan for two partners: one objective done last week, one in progress due soon, one overdue.
    await trx
      .insertInto('objectives')
      .values([
        { customer_id: northwind, title: 'Cody in the second hub’s IDE images', owner_id: lead, due_on: addDays(thisWeek, -3), status: 'done', done_on: addDays(thisWeek, -4), links: ['https://github.com/northwind/dev-images/pull/418'], created_at: new Date(), updated_at: new Date() },
        { customer_id: northwind, title: 'Monorepo indexing under 10 minutes', owner_id: lead, due_on: addDays(thisWeek, 9), status: 'in_progress', links: [], notes: 'Waiting on the Cody Platform fix for 40 GB repositories.', created_at: new Date(), updated_at: new Date() },
        { customer_id: halcyon, title: 'Streaming through the bank’s proxy', owner_id: lead, due_on: addDays(thisWeek, -2), status: 'in_progress', links: ['https://github.com/halcyon/proxy-config/issues/77'], created_at: new Date(), updated_at: new Date() },
      ])
      .execute();
    // What the inboxes heard of lately: the open blocker, and last week's update when it went out.
    const blocker = entries.find((entry) => entry.kind === 'blocker')!;
    const halcyonBank = { id: halcyon, slug: 'halcyon-bank', name: CUSTOMERS.find((customer) => customer.slug === 'halcyon-bank')!.name };
    await raiseEvent(trx, blockerOpenedEvent(halcyonBank, blocker), new Date(`${blocker.occurred_on}T10:00:00Z`));
    const lastWeek = await trx.selectFrom('weekly_updates').select(['week_start', 'progress', 'blockers', 'upcoming', 'submitted_at']).where('week_start', '=', addDays(thisWeek, -7)).executeTakeFirstOrThrow();
    await raiseEvent(trx, updateSubmittedEvent(lastWeek.week_start, weeklyUpdateMarkdown(lastWeek.week_start, lastWeek)), lastWeek.submitted_at!);
    await recordAudit(trx, { actor: null, actorLabel: 'system', action: 'demo.seeded', after: { today } });
  });
}
