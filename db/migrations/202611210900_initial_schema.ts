import { sql, type Kysely } from 'kysely';

// The whole schema of DOMAIN.md. Every rule that data must obey is also a constraint here, so a bug in the
// app cannot store what the charter forbids. Frozen: later changes go in new migrations.
const statements = [
  `create function forbid_change() returns trigger language plpgsql as $$
   begin
     raise exception '% is append-only', tg_table_name using errcode = 'restrict_violation';
   end $$`,

  `create table users (
     id bigint generated always as identity primary key,
     email text not null unique check (email = lower(email) and email ~ '^[^@\\s]+@[^@\\s]+$'),
     name text not null check (length(btrim(name)) > 0),
     role text not null check (role in ('exec', 'em', 'engineer', 'viewer')),
     password_hash text not null,
     disabled_at timestamptz,
     created_at timestamptz not null default now(),
     version integer not null default 1 check (version >= 1)
   )`,

  `create table sessions (
     id_hash text primary key,
     user_id bigint not null references users (id) on delete cascade,
     created_at timestamptz not null default now(),
     last_seen_at timestamptz not null default now(),
     check (last_seen_at >= created_at)
   )`,
  `create index sessions_user_id_idx on sessions (user_id)`,

  `create table api_tokens (
     id bigint generated always as identity primary key,
     user_id bigint not null references users (id) on delete cascade,
     name text not null check (length(btrim(name)) > 0),
     token_hash text not null unique,
     created_at timestamptz not null default now(),
     last_used_at timestamptz,
     revoked_at timestamptz
   )`,
  `create index api_tokens_user_id_idx on api_tokens (user_id)`,

  `create table login_attempts (
     id bigint generated always as identity primary key,
     email text not null,
     ip text not null,
     succeeded boolean not null,
     attempted_at timestamptz not null default now()
   )`,
  `create index login_attempts_email_failures_idx on login_attempts (email, attempted_at) where not succeeded`,
  `create index login_attempts_ip_failures_idx on login_attempts (ip, attempted_at) where not succeeded`,

  `create table customers (
     id bigint generated always as identity primary key,
     slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 60),
     name text not null check (length(btrim(name)) between 1 and 120),
     stage text not null default 'candidate'
       check (stage in ('candidate', 'active', 'rejected', 'handed_off', 'ended')),
     lead_engineer_id bigint references users (id),
     notes text not null default '',
     approved_at timestamptz,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     version integer not null default 1 check (version >= 1),
     check (stage not in ('active', 'handed_off', 'ended') or approved_at is not null)
   )`,
  `create unique index customers_name_key on customers (lower(name))`,
  `create index customers_stage_idx on customers (stage)`,

  // Append-only: each edit of the answers is a new row, the latest is current, the rest is history.
  `create table framework_evaluations (
     id bigint generated always as identity primary key,
     customer_id bigint not null references customers (id),
     strategic_segment boolean not null,
     co_market text not null check (co_market in ('low', 'medium', 'high')),
     new_industry boolean not null,
     related_market text,
     vision_alignment text not null check (vision_alignment in ('low', 'medium', 'high')),
     evaluated_by bigint references users (id),
     evaluated_at timestamptz not null default now(),
     check (not new_industry or length(btrim(coalesce(related_market, ''))) > 0)
   )`,
  `create index framework_evaluations_customer_idx on framework_evaluations (customer_id, id desc)`,
  `create trigger framework_evaluations_append_only before update or delete on framework_evaluations
     for each row execute function forbid_change()`,

  `create table decisions (
     id bigint generated always as identity primary key,
     customer_id bigint not null references customers (id),
     decided_by bigint not null references users (id),
     decided_at timestamptz not null default now(),
     decision text not null check (decision in ('approve', 'reject', 'defer', 'reconsider')),
     rationale text not null check (length(btrim(rationale)) > 0),
     stage_before text not null,
     stage_after text not null,
     framework jsonb not null,
     score smallint not null check (score between 0 and 5),
     gate_open boolean not null,
     gate_reasons jsonb not null default '[]',
     override_justification text
       check (override_justification is null or length(btrim(override_justification)) >= 20)
   )`,
  `create index decisions_customer_idx on decisions (customer_id, decided_at)`,
  `create trigger decisions_append_only before update or delete on decisions
     for each row execute function forbid_change()`,

  `create table metric_snapshots (
     customer_id bigint not null references customers (id),
     week_start date not null check (extract(isodow from week_start) = 1),
     completions_shown integer not null check (completions_shown >= 0),
     completions_accepted integer not null
       check (completions_accepted >= 0 and completions_accepted <= completions_shown),
     dau integer not null check (dau >= 0),
     available_developers integer not null check (available_developers >= 1),
     recorded_by bigint references users (id),
     recorded_at timestamptz not null default now(),
     primary key (customer_id, week_start),
     check (dau <= available_developers)
   )`,
  // The primary key serves "latest snapshot per customer" (backward scan); this one the per-week sums.
  `create index metric_snapshots_week_idx on metric_snapshots (week_start) include (dau)`,

  `create table iarr_entries (
     id bigint generated always as identity primary key,
     customer_id bigint not null references customers (id),
     booked_on date not null,
     amount_usd bigint not null check (amount_usd > 0),
     kind text not null check (kind in ('expansion', 'net_new')),
     note text not null default '',
     external_id text unique check (external_id is null or length(btrim(external_id)) > 0),
     recorded_by bigint references users (id),
     recorded_at timestamptz not null default now()
   )`,
  `create index iarr_entries_customer_idx on iarr_entries (customer_id, booked_on)`,

  // Settings are their history: the current value of a key is its latest change, the default before any.
  `create table setting_changes (
     id bigint generated always as identity primary key,
     key text not null
       check (key in ('acceptance_pct', 'dau_pct', 'iarr_usd', 'capacity', 'stale_window_days')),
     value numeric not null,
     changed_by bigint references users (id),
     changed_at timestamptz not null default now(),
     check (case key
       when 'acceptance_pct' then value between 0 and 100
       when 'dau_pct' then value between 0 and 100
       when 'iarr_usd' then value >= 0 and value = trunc(value)
       when 'capacity' then value between 1 and 50 and value = trunc(value)
       when 'stale_window_days' then value between 7 and 90 and value = trunc(value)
     end)
   )`,
  `create index setting_changes_key_idx on setting_changes (key, changed_at desc, id desc)`,
  `create trigger setting_changes_append_only before update or delete on setting_changes
     for each row execute function forbid_change()`,

  `create table feedback_themes (
     id bigint generated always as identity primary key,
     name text not null check (length(btrim(name)) > 0),
     owning_team text not null check (length(btrim(owning_team)) > 0),
     created_at timestamptz not null default now()
   )`,
  `create unique index feedback_themes_name_key on feedback_themes (lower(name))`,

  `create table progress_entries (
     id bigint generated always as identity primary key,
     customer_id bigint not null references customers (id),
     kind text not null check (kind in ('progress', 'win', 'risk', 'blocker', 'feedback', 'request')),
     occurred_on date not null,
     body text not null check (length(btrim(body)) > 0),
     theme_id bigint references feedback_themes (id),
     routed_to text check (routed_to is null or length(btrim(routed_to)) > 0),
     resolved_at timestamptz,
     resolved_by bigint references users (id),
     author_id bigint not null references users (id),
     created_at timestamptz not null default now(),
     version integer not null default 1 check (version >= 1),
     check ((kind = 'feedback') = (theme_id is not null)),
     check (routed_to is null or kind = 'request'),
     check (resolved_at is null or kind in ('blocker', 'request')),
     check ((resolved_at is null) = (resolved_by is null))
   )`,
  `create index progress_entries_customer_idx on progress_entries (customer_id, occurred_on desc)`,
  `create index progress_entries_occurred_idx on progress_entries (occurred_on)`,
  `create index progress_entries_open_idx on progress_entries (customer_id)
     where kind in ('blocker', 'request') and resolved_at is null`,

  `create table weekly_updates (
     id bigint generated always as identity primary key,
     week_start date not null unique check (extract(isodow from week_start) = 1),
     status text not null default 'draft' check (status in ('draft', 'submitted', 'amended')),
     progress text not null default '',
     blockers text not null default '',
     upcoming text not null default '',
     created_by bigint not null references users (id),
     created_at timestamptz not null default now(),
     updated_by bigint not null references users (id),
     updated_at timestamptz not null default now(),
     submitted_by bigint references users (id),
     submitted_at timestamptz,
     amended_at timestamptz,
     version integer not null default 1 check (version >= 1),
     check ((status = 'draft') = (submitted_at is null)),
     check ((submitted_at is null) = (submitted_by is null)),
     check ((status = 'amended') = (amended_at is not null))
   )`,

  // A partnership ends once: handed off to a receiving team, or ended.
  `create table handoffs (
     customer_id bigint primary key references customers (id),
     outcome text not null check (outcome in ('handed_off', 'ended')),
     receiving_team text,
     exit_notes text not null default '',
     exited_on date not null,
     recorded_by bigint not null references users (id),
     recorded_at timestamptz not null default now(),
     check ((outcome = 'handed_off') = (length(btrim(coalesce(receiving_team, ''))) > 0))
   )`,

  `create table audit_log (
     id bigint generated always as identity primary key,
     at timestamptz not null default now(),
     actor_id bigint references users (id),
     actor_label text not null,
     action text not null check (length(action) > 0),
     entity_type text,
     entity_id text,
     before jsonb,
     after jsonb,
     ip text
   )`,
  `create index audit_log_at_idx on audit_log (at desc, id desc)`,
  `create trigger audit_log_append_only before update or delete on audit_log
     for each row execute function forbid_change()`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log', 'handoffs', 'weekly_updates', 'progress_entries', 'feedback_themes', 'setting_changes',
    'iarr_entries', 'metric_snapshots', 'decisions', 'framework_evaluations', 'customers', 'login_attempts',
    'api_tokens', 'sessions', 'users',
  ]) {
    await sql.raw(`drop table ${table}`).execute(db);
  }
  await sql`drop function forbid_change()`.execute(db);
}
