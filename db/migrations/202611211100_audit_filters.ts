import { sql, type Kysely } from 'kysely';

// The audit page filters by entity and by actor, newest first, a page at a time.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index audit_log_entity_idx on audit_log (entity_type, id desc)`.execute(db);
  await sql`create index audit_log_actor_idx on audit_log (actor_id, id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index audit_log_actor_idx`.execute(db);
  await sql`drop index audit_log_entity_idx`.execute(db);
}
