import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { requirePermission } from '~/auth/guards.server';
import { ErrorPage } from '~/components/error-page';
import { countOf, formatCount } from '~/domain/format';
import { AppError } from '~/domain/app-error';
import { readForm } from '~/http/forms.server';
import { invariantResponse } from '~/http/responses.server';
import { teamToday } from '~/http/team-date.server';
import { commitImport, previewImport, type ImportPreview } from '~/models/csv-import.server';
import { IMPORT_KIND_LABELS, IMPORT_KINDS, isImportKind, type ImportKind } from '~/schemas/import-kinds';
import { ScrollTable } from '~/components/scroll-table';

export const meta: MetaFunction = () => [{ title: 'Import CSV · Strat Tracker' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'logProgress');
  return null;
}

type Reply = { preview: ImportPreview; csv: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, context, 'logProgress');
  // The HTTP layer holds the upload to 5 MB, however it is sent.
  const form = await readForm(request);
  const kind = form.get('kind');
  invariantResponse(isImportKind(kind), 'Choose what the file holds: weekly snapshots or iARR entries.', 400);
  const upload = form.get('file');
  const csv = upload instanceof File ? await upload.text() : String(form.get('csv') ?? '');
  const today = teamToday(context);
  if (form.get('intent') !== 'commit') {
    return json<Reply>({ preview: await previewImport(context.db, { kind, csv, user: actor, today }), csv });
  }
  try {
    const result = await commitImport(context.db, { kind, csv, actor, today, now: context.now(), ip: context.clientIp });
    const kept = 'updated' in result ? result.updated : result.skipped;
    return redirect(`/import?${new URLSearchParams({ kind, added: String(result.inserted), kept: String(kept) })}`);
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 422) throw error;
    return json<Reply>({ preview: { kind, rows: 0, problems: error.details?.problems ?? [] }, csv }, { status: 422 });
  }
}

function Preview({ preview, csv }: Reply) {
  if (preview.problems.length > 0) {
    return (
      <section className="card" aria-labelledby="preview-title">
        <h2 id="preview-title">{`Nothing can be imported yet: ${countOf(preview.problems.length, 'problem')}`}</h2>
        <p>Fix these lines in the file and upload it again; the import is all or nothing.</p>
        <ScrollTable label="Problems in the file">
          <thead>
            <tr>
              <th scope="col" className="number">Line</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {preview.problems.map((problem, index) => (
              <tr key={index}>
                <td className="number">{problem.line}</td>
                <td>{problem.message}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="preview-title">
      <h2 id="preview-title">{`${countOf(preview.rows, 'row')} of ${IMPORT_KIND_LABELS[preview.kind].toLowerCase()} ${preview.rows === 1 ? 'is' : 'are'} ready`}</h2>
      <p>Weeks already recorded are replaced; iARR entries with a known external id are skipped.</p>
      <Form method="post">
        <input type="hidden" name="intent" value="commit" />
        <input type="hidden" name="kind" value={preview.kind} />
        <textarea name="csv" defaultValue={csv} hidden readOnly aria-hidden="true" />
        <button type="submit">{`Import ${countOf(preview.rows, 'row')}`}</button>
      </Form>
    </section>
  );
}

/** What an import did, from its redirect's search params: "Imported 3 rows of iARR entries: 1 added, 2 already there." */
function importedSentence(kind: ImportKind, added: string | null, kept: string | null): string | null {
  if (!/^\d{1,6}$/.test(added ?? '') || !/^\d{1,6}$/.test(kept ?? '')) return null;
  const [addedRows, keptRows] = [Number(added), Number(kept)];
  const keptWords = kind === 'snapshots' ? 'replaced weeks already recorded' : 'already there';
  return `Imported ${countOf(addedRows + keptRows, 'row')} of ${IMPORT_KIND_LABELS[kind].toLowerCase()}: ${formatCount(addedRows)} added, ${formatCount(keptRows)} ${keptWords}.`;
}

export default function Import() {
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const kind = searchParams.get('kind');
  const imported = isImportKind(kind) ? importedSentence(kind, searchParams.get('added'), searchParams.get('kept')) : null;
  return (
    <>
      <h1>Import from CSV</h1>
      {imported ? <p className="flash" role="status">{imported}</p> : null}
      <p>
        Templates: <a href="/import/template/snapshots.csv">weekly snapshots</a>, <a href="/import/template/iarr.csv">iARR entries</a>.
        Exports of everything recorded: <a href="/export/snapshots.csv">snapshots.csv</a>, <a href="/export/iarr.csv">iarr.csv</a>.
      </p>
      <div className="card">
        <Form method="post" encType="multipart/form-data" className="stack">
          <div>
            <label htmlFor="import-kind">The file holds</label>
            <select id="import-kind" name="kind" defaultValue={reply?.preview.kind ?? 'snapshots'}>
              {IMPORT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {IMPORT_KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="import-file">CSV file (at most 10,000 rows)</label>
            <input id="import-file" name="file" type="file" accept=".csv,text/csv" required />
          </div>
          <button type="submit" disabled={navigation.state === 'submitting'}>
            Check the file
          </button>
        </Form>
      </div>
      {reply ? <Preview preview={reply.preview} csv={reply.csv} /> : null}
      <p>
        <Link to="/partners">Back to the partners</Link>
      </p>
    </>
  );
}

export const ErrorBoundary = ErrorPage;
