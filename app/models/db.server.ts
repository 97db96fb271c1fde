import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';

/** What every model function takes first, so callers can compose several in one transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

/** Whether a database error is a violation of the named unique constraint (or any, without a name). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError?.code === '23505' && (!constraint || pgError.constraint === constraint);
}
