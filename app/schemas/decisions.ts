import { version } from './numbers';
import { z } from './zod';
import { DECISIONS } from '~/domain/lifecycle';

export const MIN_OVERRIDE_LENGTH = 20;

export const DecisionSchema = z.object({
  decision: z.enum(DECISIONS, { error: 'Choose a decision: approve, reject, defer or reconsider.' }),
  rationale: z
    .string({ error: 'Give the rationale for this decision.' })
    .trim()
    .min(1, 'Give the rationale for this decision.')
    .max(4000, 'Use at most 4000 characters.'),
  overrideJustification: z
    .string()
    .trim()
    .min(MIN_OVERRIDE_LENGTH, `Justify the override in at least ${MIN_OVERRIDE_LENGTH} characters.`)
    .max(4000, 'Use at most 4000 characters.')
    .optional(),
});

export const DecisionFormSchema = DecisionSchema.extend({
  intent: z.literal('decide'),
  version,
});
