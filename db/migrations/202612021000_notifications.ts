import { sql, type Kysely } from 'kysely';

// The outbox of events (DOMAIN.md "Notifications and webhooks"): each event with the inbox rows of the people it
// concerns and one delivery per webhook that wants it, all written in the transaction of the change that raised it.
const KINDS = `'gate.opened', 'gate.closed', 'partner.status_changed', 'metrics.stale', 'weekly_update.overdue',
  'weekly_update.submitted', 'decision.recorded', 'blocker.opened'`;

const statements = [
  `create table events (
     id bigint generated always as identity primary key,
     kind text not null check (kind in (${KINDS}, 'webhook.test')),
     occurred_at timestamptz not null,
     customer_id bigint references customers (id),
     data jsonb not null,
     text text not null,
     link text not null,
     -- one fact, one event: the checks that run again and again name the fact they raise
     dedupe_key text unique
   )`,

  `create table notifications (
     id bigint generated always as identity primary key,
     user_id bigint not null references users (id) on delete cascade,
     event_id bigint not null references events (id) on delete cascade,
     read_at timestamptz,
     unique (user_id, event_id)
   )`,
  `create index notifications_user_idx on notifications (user_id, id desc)`,
  `create index notifications_unread_idx on notifications (user_id) where read_at is null`,

  `create table notification_mutes (
     user_id bigint not null references users (id) on delete cascade,
     kind text not null check (kind in (${KINDS})),
     primary key (user_id, kind)
   )`,

  `create table webhooks (
     id bigint generated always as identity primary key,
     url text not null check (url ~ '^https?://' and length(url) <= 2000),
     events text[] not null check (cardinality(events) > 0 and events <@ array[${KINDS}]),
     secret text not null,
     created_by bigint not null references users (id),
     created_at timestamptz not null
   )`,

  `create table webhook_deliveries (
     id bigint generated always as identity primary key,
     webhook_id bigint not null references webhooks (id) on delete cascade,
     event_id bigint not null references events (id) on delete cascade,
     status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
     attempts integer not null default 0 check (attempts >= 0),
     -- when a pending delivery is due; while one instance sends it, when that instance's claim runs out
     next_attempt_at timestamptz not null,
     last_attempt_at timestamptz,
     last_status_code integer,
     last_error text,
     unique (webhook_id, event_id)
   )`,
  `create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending'`,
  `create index webhook_deliveries_recent_idx on webhook_deliveries (webhook_id, id desc)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['webhook_deliveries', 'webhooks', 'notification_mutes', 'notifications', 'events']) {
    await sql.raw(`drop table ${table}`).execute(db);
  }
}
