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
 * The slugs, among these, of existing customers the user may not log for (an engineer logs only the customers
 * they lead). Unknown slugs are left to validation, which names their rows.
 */
export async function customersNotLoggableBy(db: Executor, user: { id: number; role: Role }, slugs: string[]): Promise<string[]> {
  const customers = await findCustomersBySlugs(db, slugs);
  return [...customers.values()].filter((customer) => !canLogProgressFor(user, customer.lead_engineer_id)).map((customer) => customer.slug);
}

/** What a row naming an unknown customer is told. */
export function unknownCustomer(slug: string): string {
  return `No customer has the slug "${slug}".`;
}

/** The rows with their customers' ids; every row's customer must be among `customers` (checked before). */
export function withCustomerIds<Row extends { customer: string }>(rows: Row[], customers: Map<string, CustomerRef>) {
  return rows.map((row) => ({ ...row, customerId: customers.get(row.customer)!.id }));
}
