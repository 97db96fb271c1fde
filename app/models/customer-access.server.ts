import { AppError } from '~/domain/app-error';
import { canLogProgressFor, type Role } from '~/domain/roles';
import type { Executor } from './db.server';

export type CustomerRef = { id: number; slug: string; lead_engineer_id: number | null };

/** The customers with these slugs, by slug, in one query. */
export async function findCustomersBySlugs(db: Executor, slugs: string[]): Promise<Map<string, CustomerRef>> {
  const unique = [...new Set(slugs)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('customers').select(['id', 'slug', 'lead_engineer_id']).where('slug', 'in', unique).execute();
  return new Map(rows.map((row) => [row.slug, row]));
}

/**
 * Refuses (403) a write that touches any existing customer the user may not log for: an engineer writes only
 * the customers they lead. Unknown slugs are left to validation, which names their rows.
 */
export async function requireLoggingRights(db: Executor, user: { id: number; role: Role }, slugs: string[]) {
  const customers = await findCustomersBySlugs(db, slugs);
  const refused = [...customers.values()].filter((customer) => !canLogProgressFor(user, customer.lead_engineer_id));
  if (refused.length > 0) {
    throw new AppError({
      status: 403,
      code: 'forbidden',
      message: `You may log only for customers you lead; not for ${refused.map((customer) => customer.slug).join(', ')}.`,
    });
  }
  return customers;
}

/** The customers of each row, or a 422 naming every row whose customer does not exist. */
export function resolveRows<Row extends { customer: string }>(
  rows: Row[],
  customers: Map<string, CustomerRef>,
  listName: string,
): (Row & { customerId: number })[] {
  const fields: Record<string, string> = {};
  rows.forEach((row, index) => {
    if (!customers.has(row.customer)) fields[`${listName}[${index}].customer`] = `No customer has the slug "${row.customer}".`;
  });
  if (Object.keys(fields).length > 0) {
    throw new AppError({ status: 422, code: 'invalid', message: 'Some rows name unknown customers: see error.fields.', fields });
  }
  return rows.map((row) => ({ ...row, customerId: customers.get(row.customer)!.id }));
}
