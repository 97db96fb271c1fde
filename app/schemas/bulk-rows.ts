import { withStorableText } from './storable-text';
import type { z } from './zod';

/**
 * The rows of a bulk write (an API body's list, a CSV file's records) as loose records, so that checks against the
 * database can read each field that is valid on its own while the schema reports the rest: every problem in one pass.
 */
export function looseRows(list: unknown[]): Record<string, unknown>[] {
  return list.map((row) => (row !== null && typeof row === 'object' && !Array.isArray(row) ? (row as Record<string, unknown>) : {}));
}

/** A row's field when its schema accepts it alone (text the database can store), else undefined. */
export function validField<Schema extends z.ZodType>(row: Record<string, unknown>, key: string, schema: Schema): z.infer<Schema> | undefined {
  if (!Object.hasOwn(row, key)) return undefined;
  const parsed = withStorableText(schema).safeParse(row[key]);
  return parsed.success ? parsed.data : undefined;
}
