// `npm run user:create -- --email E --name N --role R`, password from USER_PASSWORD or a prompt.
import { createInterface } from 'node:readline/promises';
import { createUserAccount } from '~/auth/user-accounts.server';
import { AppError } from '~/domain/app-error';
import { CreateUserSchema } from '~/schemas/users';
import { readOptions, runCommand } from './cli';

async function promptPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new Error('Set USER_PASSWORD, or run this in a terminal to be asked for the password.');
  const prompt = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Hide what is typed: the readline echo goes through _writeToOutput.
  const echo = prompt as unknown as { _writeToOutput: (text: string) => void };
  process.stdout.write('Password (at least 12 characters): ');
  echo._writeToOutput = () => {};
  const password = await prompt.question('');
  prompt.close();
  process.stdout.write('\n');
  return password;
}

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
