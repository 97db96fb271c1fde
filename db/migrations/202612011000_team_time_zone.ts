import { sql, type Kysely } from 'kysely';

// The team time zone becomes a setting that execs change, kept with its history like the thresholds: a change
// holds a number (thresholds) or a text (the zone's IANA name), never both.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table setting_changes
    drop constraint setting_changes_key_check,
    add constraint setting_changes_key_check
      check (key in ('acceptance_pct', 'dau_pct', 'iarr_usd', 'capacity', 'stale_window_days', 'team_time_zone')),
    alter column value drop not null,
    add column text_value text check (char_length(text_value) between 1 and 64),
    add constraint setting_changes_one_value check (
      case key when 'team_time_zone' then value is null and text_value is not null else value is not null and text_value is null end
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from setting_changes where key = 'team_time_zone'`.execute(db);
  await sql`alter table setting_changes
    drop constraint setting_changes_one_value,
    drop column text_value,
    alter column value set not null,
    drop constraint setting_changes_key_check,
    add constraint setting_changes_key_check
      check (key in ('acceptance_pct', 'dau_pct', 'iarr_usd', 'capacity', 'stale_window_days'))`.execute(db);
}
