import { version } from './numbers';
import { z } from './zod';

export const MAX_SECTION_LENGTH = 20_000;

const section = (what: string) =>
  z.string().max(MAX_SECTION_LENGTH, `Keep ${what} under ${MAX_SECTION_LENGTH.toLocaleString('en-US')} characters.`).default('');

/** The editor of a week's update: save (a draft, or an amendment once submitted) or submit. */
export const WeeklyUpdateFormSchema = z
  .object({
    intent: z.enum(['save', 'submit'], { error: 'Save or submit the update.' }),
    // Absent for an update not yet started.
    version: version.optional(),
    progress: section('progress'),
    blockers: section('blockers'),
    upcoming: section('upcoming work'),
  })
  .refine((form) => form.intent !== 'submit' || form.progress.trim().length > 0, {
    path: ['progress'],
    message: 'Write the week’s progress before submitting.',
  });
