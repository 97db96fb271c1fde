import { sql, type Kysely } from 'kysely';

// Blockers and requests are resolved with a note (DOMAIN.md, "Progress log"), and a form submitted twice
// must log one entry: the form carries a one-time key, unique across the log.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table progress_entries
    add column resolution_note text check (resolution_note is null or length(btrim(resolution_note)) > 0),
    add column submission_key text unique,
    add constraint progress_entries_resolved_with_note check ((resolved_at is null) = (resolution_note is null))`.execute(db);
  await sql`create index progress_entries_theme_idx on progress_entries (theme_id) where theme_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index progress_entries_theme_idx`.execute(db);
  await sql`alter table progress_entries
    drop constraint progress_entries_resolved_with_note,
    drop column submission_key,
    drop column resolution_note`.execute(db);
}
