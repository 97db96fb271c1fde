import { AppError } from '~/domain/app-error';
import type { Role, SignedInUser } from '~/domain/roles';
import type { Updateable } from 'kysely';
import type { DB } from '../../db/schema';
import { isUniqueViolation, type Executor } from './db.server';

const summaryColumns = ['id', 'email', 'name', 'role'] as const;

/** The user with that email (any case), with the password hash, for signing in; null when none. */
export async function findUserForSignIn(db: Executor, email: string) {
  return (
    (await db
      .selectFrom('users')
      .select([...summaryColumns, 'password_hash', 'disabled_at'])
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst()) ?? null
  );
}

export async function findUserByEmail(db: Executor, email: string): Promise<SignedInUser | null> {
  return (
    (await db
      .selectFrom('users')
      .select(summaryColumns)
      .where('email', '=', email.trim().toLowerCase())
      .where('disabled_at', 'is', null)
      .executeTakeFirst()) ?? null
  );
}

export async function listUsers(db: Executor) {
  return db
    .selectFrom('users')
    .select([...summaryColumns, 'disabled_at', 'created_at', 'version'])
    .orderBy('disabled_at', (ob) => ob.desc().nullsFirst())
    .orderBy('name')
    .execute();
}

export async function findUserById(db: Executor, id: number) {
  return (
    (await db
      .selectFrom('users')
      .select([...summaryColumns, 'disabled_at', 'version'])
      .where('id', '=', id)
      .executeTakeFirst()) ?? null
  );
}

/** Creates a user; an email already taken is a 422 on `email`. */
export async function createUser(
  db: Executor,
  user: { email: string; name: string; role: Role; passwordHash: string | null },
): Promise<SignedInUser> {
  try {
    return await db
      .insertInto('users')
      .values({
        email: user.email.trim().toLowerCase(),
        name: user.name.trim(),
        role: user.role,
        password_hash: user.passwordHash,
      })
      .returning(summaryColumns)
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_key')) {
      throw new AppError({
        status: 422,
        code: 'email_taken',
        message: 'A user with this email already exists.',
        fields: { email: 'A user with this email already exists.' },
      });
    }
    throw error;
  }
}

function changedBySomeoneElse(): AppError {
  return new AppError({
    status: 409,
    code: 'conflict',
    message: 'This user was changed by someone else meanwhile. Reload the page and try again.',
  });
}

/**
 * Refuses (409) a change that would leave no active exec, since only an exec can make another. The active execs'
 * rows are locked, so two such changes at once are judged one after the other.
 */
async function assertAnotherActiveExec(db: Executor, userId: number): Promise<void> {
  const execs = await db.selectFrom('users').select('id').where('role', '=', 'exec').where('disabled_at', 'is', null).forUpdate().execute();
  if (execs.some((exec) => exec.id !== userId)) return;
  throw new AppError({
    status: 409,
    code: 'last_exec',
    message: 'This is the last active exec: make another user an exec first, so that someone can still decide on candidates and change settings.',
  });
}

/** Updates a user still at `version` (and, when given, still active or disabled), bumping it; 409 otherwise. */
async function updateUserAtVersion(
  db: Executor,
  change: { id: number; version: number },
  values: Updateable<DB['users']>,
  only?: 'active' | 'disabled',
) {
  const updated = await db
    .updateTable('users')
    .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
    .where('id', '=', change.id)
    .where('version', '=', change.version)
    .$if(only !== undefined, (query) => query.where('disabled_at', only === 'active' ? 'is' : 'is not', null))
    .returning(summaryColumns)
    .executeTakeFirst();
  if (!updated) throw changedBySomeoneElse();
  return updated;
}

/** Changes a user's role if the row is still at `version`; 409 otherwise, or when it would leave no active exec. */
export async function changeUserRole(db: Executor, change: { id: number; role: Role; version: number }) {
  if (change.role !== 'exec') await assertAnotherActiveExec(db, change.id);
  return updateUserAtVersion(db, change, { role: change.role });
}

/** Disables a user if still at `version` and ends their sessions at once; 409 otherwise, or for the last active exec. */
export async function disableUser(db: Executor, change: { id: number; version: number; now: Date }) {
  await assertAnotherActiveExec(db, change.id);
  const updated = await updateUserAtVersion(db, change, { disabled_at: change.now }, 'active');
  await db.deleteFrom('sessions').where('user_id', '=', change.id).execute();
  return updated;
}

/** Enables a disabled user again if still at `version`; 409 otherwise. */
export async function enableUser(db: Executor, change: { id: number; version: number }) {
  return updateUserAtVersion(db, change, { disabled_at: null }, 'disabled');
}

/** Sets a user's password hash if still at `version`, ending their sessions (their API tokens stay); 409 otherwise. */
export async function setPasswordHash(db: Executor, change: { id: number; version: number; passwordHash: string }) {
  const updated = await updateUserAtVersion(db, change, { password_hash: change.passwordHash });
  await db.deleteFrom('sessions').where('user_id', '=', change.id).execute();
  return updated;
}
