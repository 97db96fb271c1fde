import { INT4_MAX } from './numbers';
import { z } from './zod';

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

export const SettingsFormSchema = z.object({
  acceptancePct: percentage('acceptance'),
  dauPct: percentage('DAU'),
  iarrUsd: whole('the iARR threshold in USD', 0),
  capacity: whole('the capacity', 1, 50),
  staleWindowDays: whole('the stale window in days', 7, 90),
  // 0 before any change.
  version: z.number({ error: 'Missing version: reload the page.' }).int().min(0).max(INT4_MAX, 'Missing version: reload the page.'),
});
