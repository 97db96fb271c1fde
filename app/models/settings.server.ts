import { sql, type Kysely } from 'kysely';
import { AppError } from '~/domain/app-error';
import { dateInZone } from '~/domain/dates';
import { DEFAULT_SETTINGS, SETTING_KEYS, SETTING_NAMES, TEAM_TIME_ZONE_KEY, type SettingName, type Settings } from '~/domain/settings';
import type { SettingChange } from '~/domain/threshold-history';
import type { DB } from '../../db/schema';
import { recordAudit, type Audited } from './audit.server';
import type { Executor } from './db.server';
import { watchingPortfolio } from './events.server';

/** The settings in force: each key's latest change, else its default. */
export async function getSettings(db: Executor): Promise<Settings> {
  const rows = await db
    .selectFrom('setting_changes')
    .distinctOn('key')
    .select(['key', 'value'])
    .where('key', '!=', TEAM_TIME_ZONE_KEY)
    .orderBy('key')
    .orderBy('changed_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const settings = { ...DEFAULT_SETTINGS };
  for (const row of rows) settings[SETTING_NAMES[row.key as keyof typeof SETTING_NAMES]] = Number(row.value);
  return settings;
}

// Written out, not built: the page cache reads it before every page, where building a query costs more than running it.
const latestTimeZone = sql<string | null>`(
  select text_value from setting_changes where key = ${TEAM_TIME_ZONE_KEY} order by changed_at desc, id desc limit 1
)`;

/** The team time zone in force: its latest change, else `fallback` (TEAM_TIMEZONE, the first default). */
export async function getTeamTimeZone(db: Executor, fallback: string): Promise<string> {
  const { rows } = await sql<{ zone: string | null }>`select ${latestTimeZone} as zone`.execute(db);
  return rows[0]?.zone ?? fallback;
}

/** getTeamTimeZone and PostgreSQL's snapshot (see currentSnapshot) in one round trip: the page cache needs both. */
export async function getTeamTimeZoneAndSnapshot(db: Executor, fallback: string): Promise<{ timeZone: string; snapshot: string }> {
  const { rows } = await sql<{ snapshot: string; zone: string | null }>`select pg_current_snapshot()::text as snapshot, ${latestTimeZone} as zone`.execute(db);
  return { timeZone: rows[0]!.zone ?? fallback, snapshot: rows[0]!.snapshot };
}

/** A token of the settings' state, for optimistic concurrency: the id of the latest change, 0 before any. */
export async function settingsVersion(db: Executor): Promise<number> {
  const row = await db.selectFrom('setting_changes').select((eb) => eb.fn.max('id').as('latest')).executeTakeFirst();
  return Number(row?.latest ?? 0);
}

/** Every settings change, newest first, with who made it. */
export async function listSettingChanges(db: Executor, limit = 100) {
  return db
    .selectFrom('setting_changes')
    .leftJoin('users', 'users.id', 'setting_changes.changed_by')
    .select([
      'setting_changes.id', 'setting_changes.key', 'setting_changes.value', 'setting_changes.text_value', 'setting_changes.changed_at',
      'users.name as changed_by_name',
    ])
    .orderBy('setting_changes.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Records the settings that differ from the ones in force, if nobody changed settings since `version`
 * (409 otherwise); returns the names that changed.
 */
export async function changeSettings(
  db: Kysely<DB>,
  input: { values: Settings; version: number; today: string } & Audited,
): Promise<SettingName[]> {
  // watchingPortfolio's lock also orders settings changes: the version check and the write cannot interleave.
  return db.transaction().execute((trx) => watchingPortfolio(trx, input, async () => {
    await assertSettingsVersion(trx, input.version);
    const current = await getSettings(trx);
    const changed = (Object.keys(SETTING_KEYS) as SettingName[]).filter((name) => current[name] !== input.values[name]);
    if (changed.length === 0) return changed;
    await trx
      .insertInto('setting_changes')
      .values(changed.map((name) => ({ key: SETTING_KEYS[name], value: input.values[name], changed_by: input.actor.id, changed_at: input.now })))
      .execute();
    await recordAudit(trx, {
      actor: input.actor, action: 'settings.changed', entityType: 'settings',
      before: Object.fromEntries(changed.map((name) => [name, current[name]])),
      after: Object.fromEntries(changed.map((name) => [name, input.values[name]])), ip: input.ip,
    });
    return changed;
  }));
}

/** A 409 when anyone changed a setting since `version`. */
async function assertSettingsVersion(trx: Executor, version: number) {
  if ((await settingsVersion(trx)) !== version) {
    throw new AppError({ status: 409, code: 'conflict', message: 'Settings were changed by someone else meanwhile. Reload the page to see them, then try again.' });
  }
}

/**
 * Changes the team time zone (a canonical IANA name) if nobody changed settings since `version` (409 otherwise);
 * returns whether it changed.
 */
export async function changeTeamTimeZone(
  db: Kysely<DB>,
  input: { timeZone: string; fallback: string; version: number; today: string } & Audited,
): Promise<boolean> {
  // watchingPortfolio's lock also orders settings changes: the version check and the write cannot interleave.
  return db.transaction().execute((trx) => watchingPortfolio(trx, input, async () => {
    await assertSettingsVersion(trx, input.version);
    const current = await getTeamTimeZone(trx, input.fallback);
    if (current === input.timeZone) return false;
    await trx
      .insertInto('setting_changes')
      .values({ key: TEAM_TIME_ZONE_KEY, text_value: input.timeZone, changed_by: input.actor.id, changed_at: input.now })
      .execute();
    await recordAudit(trx, {
      actor: input.actor, action: 'settings.changed', entityType: 'settings',
      before: { teamTimeZone: current }, after: { teamTimeZone: input.timeZone }, ip: input.ip,
    });
    return true;
  }));
}

/** Every threshold change, oldest first, dated in the team time zone: what charts mark. */
export async function settingChangeHistory(db: Executor, timeZone: string): Promise<SettingChange[]> {
  const rows = await db
    .selectFrom('setting_changes')
    .select(['key', 'value', 'changed_at'])
    .where('key', '!=', TEAM_TIME_ZONE_KEY)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    name: SETTING_NAMES[row.key as keyof typeof SETTING_NAMES], value: Number(row.value), changedOn: dateInZone(row.changed_at, timeZone),
  }));
}
