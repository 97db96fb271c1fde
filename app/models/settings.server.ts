import { DEFAULT_SETTINGS, SETTING_KEYS, type SettingName, type Settings } from '~/domain/settings';
import type { Executor } from './db.server';

/** The settings in force at `at` (now by default): each key's latest change, else its default. */
export async function getSettings(db: Executor, at?: Date): Promise<Settings> {
  let query = db
    .selectFrom('setting_changes')
    .distinctOn('key')
    .select(['key', 'value'])
    .orderBy('key')
    .orderBy('changed_at', 'desc')
    .orderBy('id', 'desc');
  if (at) query = query.where('changed_at', '<=', at);
  const rows = await query.execute();
  const settings = { ...DEFAULT_SETTINGS };
  for (const name of Object.keys(SETTING_KEYS) as SettingName[]) {
    const row = rows.find((candidate) => candidate.key === SETTING_KEYS[name]);
    if (row) settings[name] = Number(row.value);
  }
  return settings;
}
