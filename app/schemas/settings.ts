import { INT4_MAX } from './numbers';
import { z } from './zod';
import { canonicalTimeZone } from '~/domain/dates';

const percentage = (what: string) =>
  z
    .number({ error: `Give the ${what} threshold as a number from 0 to 100.` })
    .min(0, 'Use a percentage from 0 to 100.')
    .max(100, 'Use a percentage from 0 to 100.')
    .refine((value) => Number.isInteger(Math.round(value * 100 * 1e6) / 1e6), 'Use at most two decimals.');

const whole = (what: string, min: number, max?: number) => {
  const range = max === undefined ? `${min} or more` : `from ${min} to ${max}`;
  const base = z.number({ error: `Give ${what} as a whole number ${range}.` }).int(`Give ${what} as a whole number.`).min(min, `Use ${range}.`);
  return max === undefined ? base : base.max(max, `Use ${range}.`);
};

// 0 before any change.
const settingsVersion = z.number({ error: 'Missing version: reload the page.' }).int().min(0).max(INT4_MAX, 'Missing version: reload the page.');

export const SettingsFormSchema = z.object({
  acceptancePct: percentage('acceptance'),
  dauPct: percentage('DAU'),
  iarrUsd: whole('the iARR threshold in USD', 0),
  capacity: whole('the capacity', 1, 50),
  staleWindowDays: whole('the stale window in days', 7, 90),
  version: settingsVersion,
});

const TIME_ZONE_MESSAGE = 'Give an IANA time zone such as Europe/Berlin or America/New_York.';

/** The team time zone, by its IANA name in any case; parsed to the canonical name. */
export const TimeZoneFormSchema = z.object({
  intent: z.literal('change-time-zone'),
  teamTimeZone: z
    .string({ error: TIME_ZONE_MESSAGE })
    .trim()
    .transform((name, context) => {
      const zone = canonicalTimeZone(name);
      if (zone === null) context.addIssue({ code: 'custom', message: TIME_ZONE_MESSAGE });
      return zone ?? name;
    }),
  version: settingsVersion,
});
