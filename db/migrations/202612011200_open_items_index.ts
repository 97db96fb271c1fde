import { sql, type Kysely } from 'kysely';

// /requests and the EM's home read the oldest open blockers and requests across customers: from this index, the
// first few without sorting every open entry.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index progress_entries_open_by_date_idx on progress_entries (occurred_on, id)
    where kind in ('blocker', 'request') and resolved_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index progress_entries_open_by_date_idx`.execute(db);
}
