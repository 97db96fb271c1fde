import type { Executor } from './db.server';

/** How long a sign-in begun with the identity provider may take to come back. */
export const SSO_FLOW_MS = 10 * 60_000;

export type SsoFlow = { state: string; nonce: string; codeVerifier: string; redirectTo: string };

/** Keeps a flow begun now under the hash of its browser's id, and forgets the flows that have run out. */
export async function insertSsoFlow(db: Executor, flow: SsoFlow & { idHash: string; now: Date }): Promise<void> {
  await db.deleteFrom('sso_flows').where('created_at', '<', new Date(flow.now.getTime() - SSO_FLOW_MS)).execute();
  await db
    .insertInto('sso_flows')
    .values({ id_hash: flow.idHash, state: flow.state, nonce: flow.nonce, code_verifier: flow.codeVerifier, redirect_to: flow.redirectTo, created_at: flow.now })
    .execute();
}

/** Takes the flow (it is gone after, so a callback is used once); null when there is none or it has run out. */
export async function takeSsoFlow(db: Executor, idHash: string, now: Date): Promise<SsoFlow | null> {
  const row = await db.deleteFrom('sso_flows').where('id_hash', '=', idHash).returningAll().executeTakeFirst();
  if (!row || row.created_at.getTime() < now.getTime() - SSO_FLOW_MS) return null;
  return { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, redirectTo: row.redirect_to };
}
