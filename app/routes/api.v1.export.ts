import { createReadableStreamFromReadable, type LoaderFunctionArgs } from '@remix-run/node';
import { requireApiPermission } from '~/auth/guards.server';
import { methodNotAllowed } from '~/http/responses.server';
import { recordAudit } from '~/models/audit.server';
import { exportStream } from '~/models/backup-export.server';

/**
 * GET /api/v1/export (exec, em): the whole database as one JSON document (DOMAIN.md "Export and restore"), streamed
 * as it is read and downloaded as a file; `npm run db:restore -- FILE` brings it back.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireApiPermission(request, context, 'exportEverything');
  const exportedAt = context.now();
  // Who took the data out is itself a change worth keeping: recorded before, so the export holds it.
  await recordAudit(context.db, { actor, action: 'database.exported', ip: context.clientIp });
  const body = exportStream(context.db, { exportedAt, defaultTimeZone: context.defaultTeamTimezone });
  return new Response(createReadableStreamFromReadable(body), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="strat-tracker-${exportedAt.toISOString().slice(0, 10)}.json"`,
      'Cache-Control': 'no-store',
    },
  });
}

export function action() {
  return methodNotAllowed('GET');
}
