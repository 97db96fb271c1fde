import { version } from './numbers';
import { z } from './zod';

export const MAX_SECTION_LENGTH = 20_000;

const section = (what: string) =>
  z.string().max(MAX_SECTION_LENGTH, `Keep ${what} under ${MAX_SECTION_LENGTH.toLocaleString('en-US')} characters.`).default('');

const sections = {
  // Absent for an update not yet started.
  version: version.optional(),
  progress: section('progress'),
  blockers: section('blockers'),
  upcoming: section('upcoming work'),
};
const saveOrSubmit = z.enum(['save', 'submit'], { error: 'Save or submit the update.' });
const progressBeforeSubmit = {
  path: ['progress'],
  message: 'Write the week’s progress before submitting.',
};

/** The editor of a week's update: save (a draft, or an amendment once submitted) or submit. */
export const WeeklyUpdateFormSchema = z
  .object({ intent: saveOrSubmit, ...sections })
  .refine((form) => form.intent !== 'submit' || form.progress.trim().length > 0, progressBeforeSubmit);

/** POST /api/v1/weekly-updates/:weekStart: the same as the editor's form, with `action` for its button. */
export const WeeklyUpdateApiSchema = z
  .object({ action: saveOrSubmit, ...sections })
  .refine((body) => body.action !== 'submit' || body.progress.trim().length > 0, progressBeforeSubmit);
