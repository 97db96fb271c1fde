// `npm run user:password -- --email E`: sets a user's password (from USER_PASSWORD or a prompt), e.g. after a
// restore, which brings users back without one; their sessions end.
import { setUserPassword } from '~/auth/user-accounts.server';
import { NewPasswordSchema } from '~/schemas/users';
import { promptPassword, readOptions, runCommand } from './cli';

await runCommand(async (db) => {
  const { email } = readOptions(['email']);
  if (!email) throw new Error('Usage: npm run user:password -- --email E');
  const user = await db.selectFrom('users').select(['id', 'email', 'version']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  if (!user) throw new Error(`No user has the email ${email}.`);
  const password = NewPasswordSchema.safeParse(process.env.USER_PASSWORD ?? (await promptPassword()));
  if (!password.success) throw new Error(`Cannot set the password: ${password.error.issues[0]!.message}`);
  await setUserPassword(db, { id: user.id, version: user.version, password: password.data, by: { actor: null, actorLabel: 'cli' } });
  console.log(`${user.email} has a new password.`);
});
