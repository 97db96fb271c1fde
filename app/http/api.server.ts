import type { z } from 'zod';
import { hasUnstorableCharacter } from '~/domain/text';
import { looseRows } from '~/schemas/bulk-rows';
import { MAX_ROWS_PER_REQUEST } from '~/schemas/metrics';
import { withStorableText } from '~/schemas/storable-text';
import { apiError } from './responses.server';

/** The request's JSON body; a 400 in the API's error shape when it is not JSON. */
export async function readJsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw apiError(400, 'malformed_json', 'The request body is not valid JSON.');
  }
}

/** A zod path as the API names fields: `snapshots[1].dau`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)),
    '',
  );
}

function issueFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  // A body that is no object at all fails as a whole: its path is empty.
  for (const issue of error.issues) fields[fieldPath(issue.path) || 'body'] ??= issue.message;
  return fields;
}

const invalidFields = (fields: Record<string, string>) => apiError(422, 'invalid', 'Some fields are invalid: see error.fields.', { fields });

/** The body parsed by the schema; a 422 naming each invalid field otherwise. */
export function parseApiBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  const parsed = withStorableText(schema).safeParse(body);
  if (parsed.success) return parsed.data;
  throw invalidFields(issueFields(parsed.error));
}

/**
 * A bulk body parsed by the schema. When it is invalid, the 422 also names what `rowProblems` finds in its rows
 * (read loosely: unknown customers, repeats), so that the caller learns every problem at once; when it is valid,
 * the write makes those checks itself.
 */
export async function parseBulkBody<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
  listName: string,
  rowProblems: (rows: Record<string, unknown>[]) => Promise<Record<string, string>>,
): Promise<z.infer<Schema>> {
  const parsed = withStorableText(schema).safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = issueFields(parsed.error);
  const list = (body as Record<string, unknown> | null)?.[listName];
  // A list that is refused as a whole (too long, not a list) has no rows to check.
  if (!Array.isArray(list) || list.length > MAX_ROWS_PER_REQUEST) throw invalidFields(fields);
  for (const [path, message] of Object.entries(await rowProblems(looseRows(list)))) fields[path] ??= message;
  throw invalidFields(fields);
}

/**
 * The customer slugs a bulk body names, read leniently: the permission check comes before validation. Text the
 * database cannot hold names no customer, and is left to validation.
 */
export function slugsInBody(body: unknown, listName: string): string[] {
  const list = (body as Record<string, unknown> | null)?.[listName];
  if (!Array.isArray(list)) return [];
  return list.flatMap((row) => {
    const customer = (row as { customer?: unknown } | null)?.customer;
    return typeof customer === 'string' && !hasUnstorableCharacter(customer) ? [customer] : [];
  });
}
