import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { sql } from 'kysely';

export async function loader({ context }: LoaderFunctionArgs) {
  try {
    await sql`select 1`.execute(context.db);
    return json({ status: 'ok' });
  } catch (error) {
    // A warning, not an error: the 503 itself is what monitoring acts on.
    console.warn('Health check: the database did not answer', error);
    return json({ status: 'unavailable' }, { status: 503 });
  }
}
