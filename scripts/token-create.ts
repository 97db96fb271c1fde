// `npm run token:create -- --email E --name N`: prints the new API token once, alone on its last line.
import { issueApiToken } from '~/auth/api-tokens.server';
import { recordAudit } from '~/models/audit.server';
import { findUserByEmail } from '~/models/users.server';
import { readOptions, runCommand } from './cli';

await runCommand(async (db) => {
  const { email, name } = readOptions(['email', 'name']);
  if (!email || !name) throw new Error('Usage: npm run token:create -- --email E --name N');
  const owner = await findUserByEmail(db, email);
  if (!owner) throw new Error(`No active user has the email ${email}.`);
  const issued = await db.transaction().execute(async (trx) => {
    const token = await issueApiToken(trx, { userId: owner.id, name });
    await recordAudit(trx, { actor: null, actorLabel: 'cli', action: 'api_token.created', entityType: 'api_token', entityId: token.id, after: { name, owner: owner.email } });
    return token;
  });
  console.log(`API token "${issued.name}" for ${owner.email} (${owner.role}); it is shown only now:`);
  console.log(issued.token);
});
