import { json, type ActionFunctionArgs } from '@remix-run/node';
import type { z } from 'zod';
import { requireApiLoggingRights, requireApiPermission } from '~/auth/guards.server';
import type { SignedInUser } from '~/domain/roles';
import { parseBulkBody, readJsonBody, slugsInBody } from './api.server';
import type { AppContext } from './load-context';
import { handleApi, requireMethod } from './responses.server';

/**
 * The action of a bulk logging endpoint (metrics, iARR), checked in DOMAIN.md's order: authentication,
 * permission (every customer named), validation (the schema's and `rowProblems`', in one pass), then the write,
 * whose result is the reply.
 */
export function bulkLoggingAction<Schema extends z.ZodType>(
  listName: string,
  schema: Schema,
  rowProblems: (rows: Record<string, unknown>[], context: AppContext) => Promise<Record<string, string>>,
  write: (input: z.infer<Schema>, actor: SignedInUser, context: AppContext) => Promise<object>,
) {
  return ({ request, context }: ActionFunctionArgs) =>
    handleApi(async () => {
      requireMethod(request, 'POST');
      const actor = await requireApiPermission(request, context, 'logProgress');
      const body = await readJsonBody(request);
      await requireApiLoggingRights(request, context, actor, slugsInBody(body, listName));
      const input = await parseBulkBody(schema, body, listName, (rows) => rowProblems(rows, context));
      return json(await write(input, actor, context));
    });
}
