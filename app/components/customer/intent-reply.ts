import type { SubmissionResult } from '@conform-to/react';
import { useActionData } from '@remix-run/react';
import { useResettingReply } from '../form-reply';

/** What a page with several forms answers: the reply, tagged with the form (intent) it is for, and a refusal's code. */
export type IntentReply = { intent: string; code?: string; result: SubmissionResult<string[]> };

/** The last reply, for the form whose intent it answers. */
export function useIntentReply(intent: string): SubmissionResult<string[]> | undefined {
  const data = useActionData<IntentReply>();
  return useResettingReply(data?.intent === intent ? data.result : undefined);
}

/** The code of the last refusal of the form whose intent it answers, e.g. `week_recorded`. */
export function useIntentRefusal(intent: string): string | undefined {
  const data = useActionData<IntentReply>();
  return data?.intent === intent ? data.code : undefined;
}
