import { sql, type Kysely } from 'kysely';

// Single sign-on (DOMAIN.md "Single sign-on"): each sign-in begun with the identity provider, until its callback
// comes back. Kept here rather than in the browser alone so that a callback is taken once: the row is deleted as it
// is used. The browser holds the flow's id in a cookie; this table holds only its hash.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table sso_flows (
    id_hash text primary key,
    state text not null,
    nonce text not null,
    code_verifier text not null,
    redirect_to text not null,
    created_at timestamptz not null
  )`.execute(db);
  await sql`create index sso_flows_created_idx on sso_flows (created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table sso_flows`.execute(db);
}
