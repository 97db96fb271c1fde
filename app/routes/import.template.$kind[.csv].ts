import type { LoaderFunctionArgs } from '@remix-run/node';
import { requirePermission } from '~/auth/guards.server';
import { weekStartOf } from '~/domain/dates';
import { csvResponse } from '~/http/csv-response.server';
import { invariantResponse } from '~/http/responses.server';
import { teamToday } from '~/http/team-date.server';
import { templateCsv } from '~/models/csv-export.server';
import { isImportKind } from '~/schemas/import-kinds';

/** GET /import/template/snapshots.csv and /import/template/iarr.csv. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read');
  const kind = params.kind;
  invariantResponse(isImportKind(kind), 'There is no such template: try snapshots.csv or iarr.csv.');
  return csvResponse(templateCsv(kind, weekStartOf(teamToday(context))), `${kind}-template.csv`);
}
