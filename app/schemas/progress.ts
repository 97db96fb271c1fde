import { decimalParam, rowId, shownParam, version } from './numbers';
import { z } from './zod';
import { FIRST_PAGE } from '~/domain/paging';
import { LOG_PAGE, PROGRESS_KINDS, ROUTING_TARGETS } from '~/domain/progress';
import { isoDate } from './metrics';

export const MAX_BODY_LENGTH = 10_000;

const name = (what: string) =>
  z.string({ error: `Give ${what}.` }).trim().min(1, `Give ${what}.`).max(100, `Give ${what} in at most 100 characters.`);

/** A feedback theme: an existing one by name, or a new one with the team that owns it. */
const ThemeSchema = z.union([name('the theme'), z.object({ name: name('the theme'), owningTeam: name('the owning team') })], {
  error: 'Give the theme as its name, or as {name, owningTeam} for a new one.',
});

const entryFields = {
  kind: z.enum(PROGRESS_KINDS, { error: `Choose the kind: ${PROGRESS_KINDS.join(', ')}.` }),
  occurredOn: isoDate('the date'),
  body: z
    .string({ error: 'Write what happened.' })
    .trim()
    .min(1, 'Write what happened.')
    .max(MAX_BODY_LENGTH, `Keep it under ${MAX_BODY_LENGTH.toLocaleString('en-US')} characters.`),
  routedTo: name('where the request goes').optional(),
};

/** The rules between an entry's fields: feedback has a theme; only requests are routed. */
function withEntryRules<Schema extends z.ZodType<{ kind: string; routedTo?: string; theme?: unknown }>>(schema: Schema) {
  return schema
    .refine((entry) => entry.kind !== 'feedback' || entry.theme !== undefined, {
      path: ['theme'],
      message: 'Feedback needs a theme: pick one or name a new one with its owning team.',
    })
    .refine((entry) => entry.kind === 'feedback' || entry.theme === undefined, { path: ['theme'], message: 'Only feedback has a theme.' })
    .refine((entry) => entry.kind === 'request' || entry.routedTo === undefined, {
      path: ['routedTo'],
      message: 'Only requests are routed outside the team.',
    });
}

/** `POST /api/v1/customers/:slug/progress`. */
export const ProgressEntrySchema = withEntryRules(z.object({ ...entryFields, theme: ThemeSchema.optional() }));
export type ProgressEntryInput = z.infer<typeof ProgressEntrySchema>;

/**
 * The customer page's form: a theme is picked from the list or named anew with its owning team; a request
 * goes to support, escalation, or the platform team typed in. Fields that do not apply to the chosen kind
 * are ignored, as the form shows them all.
 */
export const ProgressFormSchema = z
  .object({
    intent: z.literal('log-progress'),
    submissionKey: z.string().min(1).max(100),
    kind: entryFields.kind,
    occurredOn: entryFields.occurredOn,
    body: entryFields.body,
    themeName: name('the theme').optional(),
    newThemeOwner: name('the owning team').optional(),
    routing: z.enum(['none', ...ROUTING_TARGETS, 'platform']).default('none'),
    platformTeam: name('the platform team').optional(),
  })
  .refine((form) => form.kind !== 'feedback' || form.themeName !== undefined, {
    path: ['themeName'],
    message: 'Feedback needs a theme: pick one, or name a new one with its owning team.',
  })
  .refine((form) => form.kind !== 'request' || form.routing !== 'platform' || form.platformTeam !== undefined, {
    path: ['platformTeam'],
    message: 'Name the platform team the request goes to.',
  })
  .transform(({ intent, submissionKey, themeName, newThemeOwner, routing, platformTeam, ...entry }) => ({
    intent,
    submissionKey,
    entry: {
      ...entry,
      theme: entry.kind !== 'feedback' ? undefined : newThemeOwner ? { name: themeName!, owningTeam: newThemeOwner } : themeName,
      routedTo: entry.kind !== 'request' || routing === 'none' ? undefined : routing === 'platform' ? platformTeam : routing,
    } satisfies ProgressEntryInput,
  }));

export const ResolveEntryFormSchema = z.object({
  intent: z.literal('resolve-entry'),
  entryId: rowId('entry'),
  version,
  resolutionNote: z.string({ error: 'Say how it was resolved.' }).trim().min(1, 'Say how it was resolved.').max(2_000, 'Keep the note under 2,000 characters.'),
});

/** The log's filters, from the page's search parameters. */
export const ProgressFilterSchema = z.object({
  kind: z.enum(PROGRESS_KINDS).optional().catch(undefined),
  state: z.enum(['open', 'resolved']).optional().catch(undefined),
  shown: shownParam(LOG_PAGE),
});

export const OPEN_ITEM_AGES = [7, 14, 30] as const;

/** The filters of /requests, from its search parameters; anything unknown is no filter. */
export const OpenItemsFilterSchema = z.object({
  customer: z.string().trim().min(1).max(200).optional().catch(undefined),
  kind: z.enum(['blocker', 'request']).optional().catch(undefined),
  routedTo: z.string().trim().min(1).max(200).optional().catch(undefined),
  olderThanDays: decimalParam.pipe(z.union(OPEN_ITEM_AGES.map((days) => z.literal(days)))).optional().catch(undefined),
  shown: shownParam(FIRST_PAGE),
});
