import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { AppError, type ImportProblem } from '~/domain/app-error';
import { canLogProgressFor, type Role } from '~/domain/roles';
import type { ImportKind } from '~/schemas/import-kinds';
import { IarrEntrySchema, MAX_ROWS_PER_REQUEST, SnapshotSchema, type IarrEntryInput, type SnapshotInput } from '~/schemas/metrics';
import { withStorableText } from '~/schemas/storable-text';
import type { DB } from '../../db/schema';
import type { Actor } from './audit.server';
import type { Executor } from './db.server';
import { iarrProblems, prepareIarrEntries, recordIarrEntries } from './iarr.server';
import { recordSnapshots, snapshotProblems } from './metrics.server';


/** The columns of each CSV, as the templates give them and the exports write them. */
export const CSV_COLUMNS: Record<ImportKind, string[]> = {
  snapshots: ['customer', 'weekStart', 'completionsShown', 'completionsAccepted', 'dau', 'availableDevelopers'],
  iarr: ['customer', 'bookedOn', 'amountUsd', 'kind', 'note', 'externalId'],
};

const NUMBER_COLUMNS = new Set(['completionsShown', 'completionsAccepted', 'dau', 'availableDevelopers', 'amountUsd']);
const SCHEMAS: Record<ImportKind, z.ZodType> = { snapshots: withStorableText(SnapshotSchema), iarr: withStorableText(IarrEntrySchema) };

export type ImportPreview = { kind: ImportKind; rows: number; problems: ImportProblem[] };

// The header is line 1, so the row at index i is on line i + 2.
const lineOf = (index: number) => index + 2;
const byLine = (a: ImportProblem, b: ImportProblem) => a.line - b.line;

function cell(column: string, value: string): unknown {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  // Whole numbers become numbers; anything else stays text so the schema can say what is wrong with it.
  return NUMBER_COLUMNS.has(column) && /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function readCsv(kind: ImportKind, csv: string): { records: Record<string, unknown>[]; problems: ImportProblem[] } {
  let rows: string[][];
  try {
    rows = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (error) {
    return { records: [], problems: [{ line: (error as { lines?: number }).lines ?? 1, message: `This is not a readable CSV file: ${(error as Error).message}` }] };
  }
  const [header, ...body] = rows;
  const expected = CSV_COLUMNS[kind];
  if (!header || body.length === 0) return { records: [], problems: [{ line: 1, message: 'The file has no rows: fill in the template.' }] };
  const found = header.map((name) => name.trim());
  if (found.join(',') !== expected.join(',')) {
    return { records: [], problems: [{ line: 1, message: `The columns must be ${expected.join(', ')}; this file has ${found.join(', ')}.` }] };
  }
  if (body.length > MAX_ROWS_PER_REQUEST) {
    return { records: [], problems: [{ line: 1, message: `Import at most ${MAX_ROWS_PER_REQUEST} rows at once; this file has ${body.length}.` }] };
  }
  const problems: ImportProblem[] = [];
  const records = body.map((row, index) => {
    if (row.length !== expected.length) problems.push({ line: lineOf(index), message: `Expected ${expected.length} values, found ${row.length}.` });
    return Object.fromEntries(expected.map((column, position) => [column, cell(column, row[position] ?? '')]));
  });
  return { records, problems };
}

/**
 * Every problem of an import in one pass, each with its line: format, values, customers unknown or not the user's,
 * weeks not begun, repeats; then, for a file without any, what only the write's own checks find (an external id
 * booked with other values).
 */
async function checkImport(db: Executor, kind: ImportKind, csv: string, user: { id: number; role: Role }, today: string) {
  const { records, problems } = readCsv(kind, csv);
  const parsed: unknown[] = [];
  records.forEach((record, index) => {
    const result = SCHEMAS[kind].safeParse(record);
    if (result.success) parsed.push(result.data);
    else for (const issue of result.error.issues) problems.push({ line: lineOf(index), message: `${String(issue.path[0] ?? 'row')}: ${issue.message}` });
  });
  const { fields, customers } = kind === 'snapshots' ? await snapshotProblems(db, records, today) : await iarrProblems(db, records);
  problems.push(...problemsOf(fields));
  records.forEach((record, index) => {
    const customer = typeof record.customer === 'string' ? customers.get(record.customer) : undefined;
    if (customer && !canLogProgressFor(user, customer.lead_engineer_id)) {
      problems.push({ line: lineOf(index), message: `customer: you may log only for the customers you lead, not ${customer.slug}.` });
    }
  });
  if (problems.length > 0) return { problems: problems.sort(byLine), parsed };
  try {
    if (kind === 'iarr') await prepareIarrEntries(db, parsed as IarrEntryInput[]);
  } catch (error) {
    if (!(error instanceof AppError) || !error.fields) throw error;
    problems.push(...problemsOf(error.fields));
  }
  return { problems, parsed };
}

/** Field errors named by path (`snapshots[3].weekStart`) as problems on the file's lines. */
function problemsOf(fields: Record<string, string>): ImportProblem[] {
  return Object.entries(fields).map(([path, message]) => {
    const [, index, field] = /^\w+\[(\d+)\]\.(\w+)$/.exec(path) ?? [];
    return { line: lineOf(Number(index)), message: `${field}: ${message}` };
  });
}

/** What an import would do: its rows and every problem with its line, writing nothing. */
export async function previewImport(
  db: Executor,
  input: { kind: ImportKind; csv: string; user: { id: number; role: Role }; today: string },
): Promise<ImportPreview> {
  const { problems, parsed } = await checkImport(db, input.kind, input.csv, input.user, input.today);
  return { kind: input.kind, rows: parsed.length, problems };
}

/** Imports the whole file or nothing: a 422 carrying the preview when any row has a problem. */
export async function commitImport(
  db: Kysely<DB>,
  input: { kind: ImportKind; csv: string; actor: NonNullable<Actor> & { role: Role }; today: string; now: Date; ip?: string },
) {
  const { problems, parsed } = await checkImport(db, input.kind, input.csv, input.actor, input.today);
  if (problems.length > 0) {
    throw new AppError({ status: 422, code: 'invalid', message: 'The file has problems: nothing was imported.', details: { problems } });
  }
  const audited = { actor: input.actor, now: input.now, ip: input.ip };
  return input.kind === 'snapshots'
    ? { kind: input.kind, ...(await recordSnapshots(db, { ...audited, snapshots: parsed as SnapshotInput[], today: input.today })) }
    : { kind: input.kind, ...(await recordIarrEntries(db, { ...audited, entries: parsed as IarrEntryInput[], today: input.today })) };
}
