import { sql, type Kysely } from 'kysely';

// A token's requests are counted per minute in its own row, by the same update that marks it used: exact under
// concurrent requests (the row lock orders them) and shared by every server instance.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table api_tokens
    add column rate_window_start timestamptz,
    add column rate_window_requests integer not null default 0 check (rate_window_requests >= 0)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table api_tokens drop column rate_window_requests, drop column rate_window_start`.execute(db);
}
