import { sql, type Kysely } from 'kysely';

// Log entries are found by their words: PostgreSQL full-text search over a stored vector, with a GIN index.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table progress_entries
    add column search_vector tsvector generated always as (to_tsvector('english'::regconfig, body)) stored`.execute(db);
  await sql`create index progress_entries_search_idx on progress_entries using gin (search_vector)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table progress_entries drop column search_vector`.execute(db);
}
