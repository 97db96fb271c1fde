// `npm run user:create -- --email E --name N --role R`, password from USER_PASSWORD or a prompt.
import { createUserAccount } from '~/auth/user-accounts.server';
import { AppError } from '~/domain/app-error';
import { CreateUserSchema } from '~/schemas/users';
import { promptPassword, readOptions, runCommand } from './cli';

await runCommand(async (db) => {
  const options = readOptions(['email', 'name', 'role']);
  const password = process.env.USER_PASSWORD ?? (await promptPassword());
  const parsed = CreateUserSchema.safeParse({ intent: 'create', ...options, password });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Cannot create the user:\n${problems.join('\n')}`);
  }
  try {
    const user = await createUserAccount(db, { ...parsed.data, by: { actor: null, actorLabel: 'cli' } });
    console.log(`Created ${user.role} ${user.email}.`);
  } catch (error) {
    if (error instanceof AppError) throw new Error(error.message);
    throw error;
  }
});
