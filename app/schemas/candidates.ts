import { shownParam, version } from './numbers';
import { z } from './zod';
import { LEVELS } from '~/domain/framework';
import { FIRST_PAGE } from '~/domain/paging';

const level = (what: string) => z.enum(LEVELS, { error: `Choose the ${what}: low, medium or high.` });
const optionalText = (max: number) => z.string().trim().max(max, `Use at most ${max} characters.`).optional();

/** The candidate fields, with yes/no answers as the form (`'yes'|'no'`) or the API (booleans) sends them. */
function candidateFields(yesNo: (what: string) => z.ZodType<boolean, unknown>) {
  return z.object({
    name: z.string({ error: 'Enter the customer’s name.' }).trim().min(1, 'Enter the customer’s name.').max(120, 'Use at most 120 characters.'),
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single hyphens, e.g. "northwind-logistics".')
      .max(60, 'Use at most 60 characters.')
      .optional(),
    relatedMarket: optionalText(120),
    strategicSegment: yesNo('whether they are in the Strategic segment'),
    coMarket: level('willingness to co-market'),
    newIndustry: yesNo('whether they open a new industry'),
    visionAlignment: level('alignment with Cody’s vision'),
    notes: optionalText(2000),
  });
}

/** A new industry names its related market. */
function withRelatedMarketRule<Schema extends z.ZodType<{ newIndustry: boolean; relatedMarket?: string }>>(schema: Schema) {
  return schema.refine((candidate) => !candidate.newIndustry || Boolean(candidate.relatedMarket), {
    path: ['relatedMarket'],
    message: 'Name the related market of the new industry.',
    // Checked even when other fields are wrong, so every error shows at once.
    when: (payload) =>
      typeof payload.value === 'object' && payload.value !== null &&
      payload.issues.every((issue) => issue.path && issue.path.length > 0 && issue.path[0] !== 'newIndustry' && issue.path[0] !== 'relatedMarket'),
  });
}

const formYesNo = (what: string) =>
  z.enum(['yes', 'no'], { error: `Answer ${what}: yes or no.` }).transform((answer) => answer === 'yes');
const apiYesNo = (what: string) => z.boolean({ error: `Answer ${what}: true or false.` });

export const CandidateFormSchema = withRelatedMarketRule(candidateFields(formYesNo));
export const CandidateApiSchema = withRelatedMarketRule(candidateFields(apiYesNo));

export const EditAnswersFormSchema = withRelatedMarketRule(candidateFields(formYesNo).extend({ intent: z.literal('edit-answers'), version }));

export type CandidateInput = z.infer<typeof CandidateApiSchema>;

/** The framework answers within a candidate's fields. */
export function answersOf(candidate: CandidateInput) {
  return {
    strategicSegment: candidate.strategicSegment,
    coMarket: candidate.coMarket,
    newIndustry: candidate.newIndustry,
    relatedMarket: candidate.relatedMarket ?? null,
    visionAlignment: candidate.visionAlignment,
  };
}

export const CANDIDATE_SORTS = ['score', 'name', 'eligibility'] as const;
export type CandidateSort = (typeof CANDIDATE_SORTS)[number];

/** /candidates' order and how much of each list it shows, from its search parameters. */
export const CandidateListSchema = z.object({
  sort: z.enum(CANDIDATE_SORTS).catch('score').default('score'),
  shown: shownParam(FIRST_PAGE),
  rejectedShown: shownParam(FIRST_PAGE),
});
