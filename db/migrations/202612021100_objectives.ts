import { sql, type Kysely } from 'kysely';

// Each partner's success plan (DOMAIN.md "Success plan"): objectives with an owner, a due date, a status and links.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table objectives (
    id bigint generated always as identity primary key,
    customer_id bigint not null references customers (id),
    title text not null check (length(btrim(title)) between 1 and 200),
    owner_id bigint references users (id),
    due_on date not null,
    status text not null default 'planned' check (status in ('planned', 'in_progress', 'done', 'dropped')),
    links text[] not null default '{}' check (cardinality(links) <= 20),
    notes text not null default '',
    done_on date,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version integer not null default 1 check (version >= 1),
    check ((status = 'done') = (done_on is not null))
  )`.execute(db);
  await sql`create index objectives_customer_idx on objectives (customer_id, due_on)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table objectives`.execute(db);
}
