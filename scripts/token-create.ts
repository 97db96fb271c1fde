// `npm run token:create -- --email E --name N`: prints the new API token once, alone on its last line.
import { issueApiToken } from '~/auth/api-tokens.server';
import { findUserByEmail } from '~/models/users.server';
import { readOptions, runCommand } from './cli';

await runCommand(async (db) => {
  const { email, name } = readOptions(['email', 'name']);
  if (!email || !name) throw new Error('Usage: npm run token:create -- --email E --name N');
  const owner = await findUserByEmail(db, email);
  if (!owner) throw new Error(`No active user has the email ${email}.`);
  const issued = await issueApiToken(db, { userId: owner.id, name, by: { actor: null, actorLabel: 'cli' } });
  console.log(`API token "${issued.name}" for ${owner.email} (${owner.role}); it is shown only now:`);
  console.log(issued.token);
});
