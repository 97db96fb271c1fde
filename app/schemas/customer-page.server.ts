// The customer page's forms and filters as the server reads them. A .server module, so that the page's browser
// bundle carries no zod: the page's forms are checked on the server, and the page loads 95 KB less script.
import { answersOf, EditAnswersFormSchema } from './candidates';
import { DecisionFormSchema } from './decisions';
import { IarrFormSchema, SnapshotFormSchema } from './metrics';
import { AddObjectiveFormSchema, EditObjectiveFormSchema } from './objectives';
import { parseForm } from './parse-form';
import { AssignLeadFormSchema, PartnershipExitFormSchema } from './partnerships';
import { ProgressFilterSchema, ProgressFormSchema, ResolveEntryFormSchema } from './progress';
import { z } from './zod';

/** The page's forms, told apart by their `intent`. */
const CustomerPageFormSchema = z.discriminatedUnion('intent', [
  SnapshotFormSchema, IarrFormSchema, ProgressFormSchema, ResolveEntryFormSchema, EditAnswersFormSchema, DecisionFormSchema,
  AssignLeadFormSchema, PartnershipExitFormSchema, AddObjectiveFormSchema, EditObjectiveFormSchema,
]);
export type CustomerPageForm = z.infer<typeof CustomerPageFormSchema>;

export const parseCustomerPageForm = (formData: FormData) => parseForm(formData, CustomerPageFormSchema);

/** The progress log's filters from the page's address (the log's defaults when absent). */
export const parseProgressFilter = (params: URLSearchParams) => ProgressFilterSchema.parse(Object.fromEntries(params));

export { answersOf };
