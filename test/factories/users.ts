import { hashPassword } from '~/auth/password.server';
import type { Role } from '~/domain/roles';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export const TEST_PASSWORD = 'correct horse battery';

// Hashing is deliberately slow; one hash serves every test user.
let passwordHash: Promise<string> | undefined;
let sequence = 0;

/** A user of the given role with TEST_PASSWORD. */
export async function createTestUser(db: Kysely<DB>, role: Role, overrides: { email?: string; name?: string } = {}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  sequence += 1;
  return db
    .insertInto('users')
    .values({
      email: overrides.email ?? `${role}-${sequence}@example.test`,
      name: overrides.name ?? `Test ${role} ${sequence}`,
      role,
      password_hash: await passwordHash,
    })
    .returning(['id', 'email', 'name', 'role', 'version'])
    .executeTakeFirstOrThrow();
}

/** Who a test's own set-up acts as in the audit log. */
export const TEST_SETUP = { actor: null, actorLabel: 'test setup' };
