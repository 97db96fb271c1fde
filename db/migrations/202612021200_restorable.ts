import { sql, type Kysely } from 'kysely';

// A restore (DOMAIN.md "Export and restore") brings users back without passwords and webhooks without secrets: an
// export holds neither. A user without a password cannot sign in with one until it is set; a webhook without a
// secret is paused until it is given a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users alter column password_hash drop not null`.execute(db);
  await sql`alter table webhooks alter column secret drop not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from webhooks where secret is null`.execute(db);
  await sql`alter table webhooks alter column secret set not null`.execute(db);
  await sql`update users set password_hash = '!' where password_hash is null`.execute(db);
  await sql`alter table users alter column password_hash set not null`.execute(db);
}
