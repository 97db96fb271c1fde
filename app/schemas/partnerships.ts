import { FIRST_PAGE } from '~/domain/paging';
import { shownParam, version } from './numbers';
import { z } from './zod';
import { isoDate } from './metrics';


export const LeadSchema = z.object({
  email: z.email({ error: (issue) => (issue.input === undefined ? 'Choose the lead engineer.' : 'Enter a valid email address.') }),
});

export const AssignLeadFormSchema = LeadSchema.extend({ intent: z.literal('assign-lead'), slug: z.string(), version });

const exitFields = {
  exitNotes: z.string({ error: 'Write the exit notes.' }).trim().min(1, 'Write the exit notes.').max(4000, 'Use at most 4000 characters.'),
  exitedOn: isoDate('the date'),
  version,
};

export const PartnershipExitFormSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('hand-off'),
    receivingTeam: z.string({ error: 'Name the receiving team.' }).trim().min(1, 'Name the receiving team.').max(120, 'Use at most 120 characters.'),
    ...exitFields,
  }),
  z.object({
    intent: z.literal('end'),
    ...exitFields,
    // Nothing brings an ended partnership back: the person ending it says so, with or without JavaScript.
    confirmEnd: z.literal('on', { error: 'Tick the box to confirm: an ended partnership cannot be reopened.' }),
  }),
]);

/** /partners' search parameters: how many ended partnerships it shows (they grow with the years). */
export const PartnersListSchema = z.object({ endedShown: shownParam(FIRST_PAGE) });
