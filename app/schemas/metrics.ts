import { INT4_MAX } from './numbers';
import { z } from './zod';
import { FIRST_YEAR, isIsoDate, isMonday, LAST_YEAR } from '~/domain/dates';

export const MAX_IARR_USD = 1_000_000_000_000;
export const MAX_ROWS_PER_REQUEST = 10_000;

const count = (what: string, min = 0) =>
  z
    .number({ error: `Give ${what} as a whole number.` })
    .int(`Give ${what} as a whole number.`)
    .min(min, min === 0 ? `${what[0]!.toUpperCase()}${what.slice(1)} cannot be negative.` : `${what[0]!.toUpperCase()}${what.slice(1)} must be at least ${min}.`)
    .max(INT4_MAX, `${what[0]!.toUpperCase()}${what.slice(1)} is too large.`);

export const isoDate = (what: string) =>
  z
    .string({ error: `Give ${what} as YYYY-MM-DD.` })
    .refine(isIsoDate, `Give ${what} as a real date from ${FIRST_YEAR} to ${LAST_YEAR}, YYYY-MM-DD.`);

const slug = z.string({ error: 'Name the customer by its slug.' }).min(1, 'Name the customer by its slug.');

const snapshotFields = {
  weekStart: isoDate('the week').refine(isMonday, 'The week must start on a Monday.'),
  completionsShown: count('completions shown'),
  completionsAccepted: count('completions accepted'),
  dau: count('DAU'),
  availableDevelopers: count('available developers', 1),
};

/** DOMAIN.md's rules between a snapshot's fields, worded as what to fix. */
function withSnapshotRules<Schema extends z.ZodType<{ completionsShown: number; completionsAccepted: number; dau: number; availableDevelopers: number }>>(
  schema: Schema,
) {
  return schema
    .refine((row) => row.completionsAccepted <= row.completionsShown, {
      path: ['completionsAccepted'],
      message: 'Completions accepted cannot be more than completions shown.',
      when: (payload) => payload.issues.length === 0,
    })
    .refine((row) => row.dau <= row.availableDevelopers, {
      path: ['dau'],
      message: 'DAU cannot be more than available developers: update available developers first.',
      when: (payload) => payload.issues.length === 0,
    });
}

/** One week's snapshot, as the API and CSV import send it. */
export const SnapshotSchema = withSnapshotRules(z.object({ customer: slug, ...snapshotFields }));

export type SnapshotInput = z.infer<typeof SnapshotSchema>;

/** A bulk write's rows: a list of one to MAX_ROWS_PER_REQUEST of them. */
const bulkRows = <Row extends z.ZodType>(row: Row, [one, many]: [string, string]) =>
  z
    .array(row, { error: `Send ${many} as a list.` })
    .min(1, `Send at least one ${one}.`)
    .max(MAX_ROWS_PER_REQUEST, `Send at most ${MAX_ROWS_PER_REQUEST} ${many} at once.`);

export const MetricsRequestSchema = z.object({ snapshots: bulkRows(SnapshotSchema, ['snapshot', 'snapshots']) });

export const IarrEntrySchema = z.object({
  customer: slug,
  bookedOn: isoDate('the booking date'),
  amountUsd: z
    .number({ error: 'Give the amount in whole USD.' })
    .int('Give the amount in whole USD.')
    .positive('The amount must be more than 0.')
    .max(MAX_IARR_USD, 'That amount is too large.'),
  kind: z.enum(['expansion', 'net_new'], { error: 'Choose the kind: expansion or net_new.' }),
  note: z.string().trim().max(500, 'Use at most 500 characters.').optional(),
  externalId: z.string().trim().min(1, 'Leave the external id out or give one.').max(200, 'Use at most 200 characters.').optional(),
});

export type IarrEntryInput = z.infer<typeof IarrEntrySchema>;

export const IarrRequestSchema = z.object({ entries: bulkRows(IarrEntrySchema, ['entry', 'entries']) });

/** The snapshot form on a customer's page: the customer comes from the page, `replace` confirms overwriting a week. */
export const SnapshotFormSchema = withSnapshotRules(
  z.object({ intent: z.literal('record-snapshot'), ...snapshotFields, replace: z.literal('on').optional() }),
);

export const IarrFormSchema = IarrEntrySchema.omit({ customer: true, externalId: true }).extend({ intent: z.literal('add-iarr') });
