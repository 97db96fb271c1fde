export type Settings = {
  /** Percentages 0–100 with at most two decimals. */
  acceptancePct: number;
  dauPct: number;
  iarrUsd: number;
  capacity: number;
  staleWindowDays: number;
};

export type SettingName = keyof Settings;

export const DEFAULT_SETTINGS: Settings = {
  acceptancePct: 30,
  dauPct: 50,
  iarrUsd: 250_000,
  capacity: 3,
  staleWindowDays: 14,
};

/** The database key of each setting. */
export const SETTING_KEYS = {
  acceptancePct: 'acceptance_pct',
  dauPct: 'dau_pct',
  iarrUsd: 'iarr_usd',
  capacity: 'capacity',
  staleWindowDays: 'stale_window_days',
} as const satisfies Record<SettingName, string>;

/** The setting each database key holds. */
export const SETTING_NAMES = Object.fromEntries(Object.entries(SETTING_KEYS).map(([name, key]) => [key, name])) as Record<
  (typeof SETTING_KEYS)[SettingName],
  SettingName
>;

export const SETTING_LABELS: Record<SettingName, string> = {
  acceptancePct: 'Completions accepted (%)',
  dauPct: 'DAU over available developers (%)',
  iarrUsd: 'iARR realized (USD)',
  capacity: 'Capacity (active partners)',
  staleWindowDays: 'Stale window (days)',
};

/** The database key of the team time zone, a setting kept apart from the numeric ones (it is a name). */
export const TEAM_TIME_ZONE_KEY = 'team_time_zone';
export const TEAM_TIME_ZONE_LABEL = 'Team time zone';
