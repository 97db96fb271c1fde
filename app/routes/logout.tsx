import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { getUser } from '~/auth/guards.server';
import { endSession } from '~/auth/session.server';
import { recordAudit } from '~/models/audit.server';

export async function loader() {
  // Signing out changes state, so it takes a POST; a GET just goes home.
  return redirect('/');
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request, context);
  const cookie = await endSession(request, context);
  if (user) {
    await recordAudit(context.db, {
      actor: user, action: 'auth.signed_out', entityType: 'user', entityId: user.id, ip: context.clientIp,
    });
  }
  return redirect('/login', { headers: { 'Set-Cookie': cookie } });
}
