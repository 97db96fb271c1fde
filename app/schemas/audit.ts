import { decimalParam } from './numbers';
import { z } from './zod';
import { isIsoDate } from '~/domain/dates';

const optionalDate = z.string().refine(isIsoDate).optional().catch(undefined);
const optionalId = decimalParam.pipe(z.number().positive()).optional().catch(undefined);

/** The audit page's filters from its address; a value that makes no sense is dropped rather than refused. */
export const AuditFilterSchema = z.object({
  entity: z.string().trim().min(1).max(100).optional().catch(undefined),
  actor: optionalId,
  from: optionalDate,
  to: optionalDate,
  before: optionalId,
});
