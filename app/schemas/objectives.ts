import { OBJECTIVE_STATUSES } from '~/domain/success-plan';
import { isoDate } from './metrics';
import { rowId, version } from './numbers';
import { isHttpUrl } from './urls';
import { z } from './zod';

export const MAX_LINKS = 20;
const LINK_MESSAGE = 'Each link must be an http:// or https:// URL.';

const title = z.string({ error: 'Give the objective a title.' }).trim().min(1, 'Give the objective a title.').max(200, 'Keep the title under 200 characters.');
const ownerEmail = z.string({ error: 'Give the owner as an email.' }).trim().toLowerCase().max(320, 'That email is too long.');
const status = z.enum(OBJECTIVE_STATUSES, { error: `Give a status: ${OBJECTIVE_STATUSES.join(', ')}.` });
const notes = z.string({ error: 'Give notes as text.' }).max(5_000, 'Keep the notes under 5,000 characters.');
const links = z
  .array(z.string({ error: LINK_MESSAGE }).trim().max(2_000, 'Keep each link under 2,000 characters.').refine(isHttpUrl, LINK_MESSAGE), { error: 'Give links as a list of URLs.' })
  .max(MAX_LINKS, `Give at most ${MAX_LINKS} links.`);

/** POST /api/v1/customers/:slug/objectives. */
export const ObjectiveApiSchema = z.object({
  title,
  ownerEmail: ownerEmail.optional(),
  dueOn: isoDate('the due date'),
  status: status.default('planned'),
  links: links.default([]),
  notes: notes.default(''),
});

/** PATCH /api/v1/objectives/:id: the version read, and the fields to change (`ownerEmail: null` leaves it unowned). */
export const ObjectivePatchSchema = z.object({
  version,
  title: title.optional(),
  ownerEmail: ownerEmail.nullable().optional(),
  dueOn: isoDate('the due date').optional(),
  status: status.optional(),
  links: links.optional(),
  notes: notes.optional(),
});

/** A form's links: one per line, blank lines left out. */
const linkLines = z
  .string()
  .max(50_000, 'Too many links.')
  .default('')
  .transform((text) => text.split('\n').map((line) => line.trim()).filter(Boolean))
  .refine((lines) => lines.every((line) => line.length <= 2_000 && isHttpUrl(line)), 'Give each link as an http:// or https:// URL, one per line.')
  .refine((lines) => lines.length <= MAX_LINKS, `Give at most ${MAX_LINKS} links.`);

const objectiveFormFields = {
  title,
  ownerEmail: ownerEmail.optional(),
  dueOn: isoDate('the due date'),
  status: status.default('planned'),
  links: linkLines,
  notes: notes.default(''),
};

export const AddObjectiveFormSchema = z.object({ intent: z.literal('add-objective'), ...objectiveFormFields });
export const EditObjectiveFormSchema = z.object({ intent: z.literal('edit-objective'), objectiveId: rowId('objective'), version, ...objectiveFormFields });
