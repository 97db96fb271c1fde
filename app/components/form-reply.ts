import type { SubmissionResult } from '@conform-to/react';
import { useRef } from 'react';

// conform resets a form when told its initial value is null.
const RESET: SubmissionResult<string[]> = { initialValue: null };

/**
 * A form's last reply for conform's `lastResult`, or a reset once a submission it replied to has succeeded:
 * success redirects back with no reply, and conform would otherwise keep showing the old errors.
 */
export function useResettingReply(reply: SubmissionResult<string[]> | undefined): SubmissionResult<string[]> | undefined {
  const replied = useRef(false);
  if (reply) replied.current = true;
  return reply ?? (replied.current ? RESET : undefined);
}
