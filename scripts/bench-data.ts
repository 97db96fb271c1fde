import { sql, type Kysely } from 'kysely';
import { addDays, weekStartOf } from '~/domain/dates';
import type { DB } from '../db/schema';

export type BenchScale = { customers: number; progressEntries: number; iarrEntries: number };

/** The dataset at scale 1: 300 customers, 3 years of weekly snapshots, 20,000 progress and 5,000 iARR entries. */
export const BASE_SCALE: BenchScale = { customers: 300, progressEntries: 20_000, iarrEntries: 5_000 };

// The charter caps active partners (capacity ≤ 50): at any scale the portfolio has 30 active partners and
// 20 handed off; more data means more candidates, rejections, endings, history and entries.
const ACTIVE = 30;
const HANDED_OFF = 20;
const WEEKS = 156;
const RESOLVED_AFTER_DAYS = 91;

/**
 * Fills an empty, migrated database with a deterministic portfolio, in a handful of set-based statements.
 * Returns the slug of a busy active partner, for the customer page.
 */
// What log entries talk about, so that a search matches some entries and not all: each subject is 1 in 20 entries.
const SUBJECTS = [
  'proxy strips streaming responses', 'SSO group sync for new hires', 'autocomplete slow in the large monorepo',
  'context from sibling repos is missing', 'rollout reached the second hub', 'CTO praised adoption at the all-hands',
  'acceptance dropping in the COBOL services', 'password reset for a developer', 'security review of the deployment',
  'air-gapped install questions', 'training session for the platform group', 'license count above the contract',
  'chat answers cite the wrong file', 'latency spikes during the morning', 'embedding index rebuild finished',
  'data residency rules for Europe', 'pilot expanded to payments', 'budget approval for next quarter',
  'editor extension crashes on start', 'weekly sync moved to Thursdays',
];

export async function generateBenchData(db: Kysely<DB>, scale: BenchScale, today: string, passwordHash: string) {
  const lastWeek = addDays(weekStartOf(today), -7);
  const firstWeek = addDays(lastWeek, -7 * (WEEKS - 1));
  await sql`insert into users (email, name, role, password_hash)
    select 'lead' || i || '@bench.test', 'Lead ' || i, 'engineer', ${passwordHash} from generate_series(1, 20) i`.execute(db);
  await sql`insert into users (email, name, role, password_hash)
    values ('exec@bench.test', 'Bench Exec', 'exec', ${passwordHash}), ('em@bench.test', 'Bench EM', 'em', ${passwordHash})`.execute(db);
  await sql`
    insert into customers (slug, name, stage, lead_engineer_id, approved_at, updated_at)
    select 'customer-' || i, 'Customer ' || lpad(i::text, 5, '0'),
           case when i <= ${ACTIVE} then 'active' when i <= ${ACTIVE + HANDED_OFF} then 'handed_off'
                when i % 7 = 0 then 'rejected' when i % 11 = 0 then 'ended' else 'candidate' end,
           case when i <= ${ACTIVE + HANDED_OFF} or i % 11 = 0 then (select id from users where email = 'lead' || (1 + i % 20) || '@bench.test') end,
           case when i <= ${ACTIVE + HANDED_OFF} or (i % 11 = 0 and i % 7 <> 0) then now() - interval '3 years' end,
           now()
    from generate_series(1, ${scale.customers}) i`.execute(db);
  await sql`
    insert into framework_evaluations (customer_id, strategic_segment, co_market, new_industry, related_market, vision_alignment)
    select id, id % 5 <> 0, (array['low','medium','high'])[1 + id % 3], id % 2 = 0, case when id % 2 = 0 then 'Market ' || id % 9 end,
           (array['low','medium','high'])[1 + (id / 3) % 3]
    from customers`.execute(db);
  await sql`
    insert into metric_snapshots (customer_id, week_start, completions_shown, completions_accepted, dau, available_developers)
    select c.id, w::date, 20000 + (c.id * 37 + n * 11) % 5000, (20000 + (c.id * 37 + n * 11) % 5000) * (25 + (c.id + n) % 15) / 100,
           500 + (c.id * 13 + n * 7) % 400, 1000
    from customers c cross join generate_series(${firstWeek}::date, ${lastWeek}::date, interval '7 days') with ordinality as weeks(w, n)`.execute(db);
  await sql`
    insert into feedback_themes (name, owning_team) select 'Theme ' || i, 'Team ' || i from generate_series(1, 10) i`.execute(db);
  await sql`
    insert into progress_entries (customer_id, kind, occurred_on, body, theme_id, routed_to, author_id, resolved_at, resolved_by, resolution_note)
    select c.id, k.kind, ${lastWeek}::date - (i % 1000), 'Entry ' || i || ': ' || (array[${sql.join(SUBJECTS)}]::text[])[1 + i % ${SUBJECTS.length}],
           case when k.kind = 'feedback' then (select min(id) from feedback_themes) + i % 10 end,
           case when k.kind = 'request' and i % 2 = 0 then 'support' end,
           (select min(id) from users),
           r.resolved_on, case when r.resolved_on is not null then (select min(id) from users) end, case when r.resolved_on is not null then 'Resolved with the customer.' end
    from generate_series(1, ${scale.progressEntries}) i
    join customers c on c.id = 1 + i % ${scale.customers}
    cross join lateral (select (array['progress','win','risk','blocker','feedback','request'])[1 + i % 6] as kind) k
    -- Blockers and requests are worked through: those logged more than a quarter ago have been resolved.
    cross join lateral (select case when k.kind in ('blocker', 'request') and i % 1000 > ${RESOLVED_AFTER_DAYS}::int
                                    then (${lastWeek}::date - (i % 1000) + ${RESOLVED_AFTER_DAYS}::int)::timestamptz end as resolved_on) r`.execute(db);
  await sql`
    insert into iarr_entries (customer_id, booked_on, amount_usd, kind, note)
    select 1 + i % ${scale.customers}, ${lastWeek}::date - (i % 1000), 1000 + (i * 97) % 50000, (array['expansion','net_new'])[1 + i % 2], 'Booking ' || i
    from generate_series(1, ${scale.iarrEntries}) i`.execute(db);
  // As autovacuum leaves a settled database: statistics, and the visibility map that index-only scans read.
  await sql`vacuum analyze`.execute(db);
  return 'customer-1';
}
