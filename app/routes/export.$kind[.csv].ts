import type { LoaderFunctionArgs } from '@remix-run/node';
import { requirePermission } from '~/auth/guards.server';
import { csvResponse } from '~/http/csv-response.server';
import { invariantResponse } from '~/http/responses.server';
import { exportCsv } from '~/models/csv-export.server';
import { isImportKind } from '~/schemas/import-kinds';

/** GET /export/snapshots.csv and /export/iarr.csv. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read');
  const kind = params.kind;
  invariantResponse(isImportKind(kind), 'There is no such export: try snapshots.csv or iarr.csv.');
  return csvResponse(await exportCsv(context.db, kind), `${kind}.csv`);
}
