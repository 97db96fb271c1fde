import { sql, type Kysely } from 'kysely';

// Indexes that pages read from without touching the table (measured at 10× the bench's data, EXPLAIN ANALYZE):
// - /themes counts each theme's entries and customers and shows its latest entries: 440 ms → 8 ms. It covers what
//   the index on theme_id alone did.
// - Open blockers and requests counted by kind and by destination (/requests, the EM's home, the weekly draft),
//   and per customer as before.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index progress_entries_theme_recent_idx on progress_entries (theme_id, occurred_on desc, id desc)
    include (customer_id) where theme_id is not null`.execute(db);
  await sql`drop index progress_entries_theme_idx`.execute(db);
  await sql`create index progress_entries_open_kind_idx on progress_entries (customer_id, kind) include (routed_to)
    where kind in ('blocker', 'request') and resolved_at is null`.execute(db);
  await sql`drop index progress_entries_open_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index progress_entries_open_idx on progress_entries (customer_id) where kind in ('blocker', 'request') and resolved_at is null`.execute(db);
  await sql`drop index progress_entries_open_kind_idx`.execute(db);
  await sql`create index progress_entries_theme_idx on progress_entries (theme_id) where theme_id is not null`.execute(db);
  await sql`drop index progress_entries_theme_recent_idx`.execute(db);
}
