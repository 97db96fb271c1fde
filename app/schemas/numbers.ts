import { MAX_SHOWN } from '~/domain/paging';
import { z } from './zod';

// int4 columns (versions, counts) hold at most this: a larger number is none the database gave out.
export const INT4_MAX = 2_147_483_647;

const VERSION_MESSAGE = 'Missing version: reload the page.';

/** The version an edit started from (optimistic concurrency): a whole number the database could have given. */
export const version = z.number({ error: VERSION_MESSAGE }).int(VERSION_MESSAGE).positive(VERSION_MESSAGE).max(INT4_MAX, VERSION_MESSAGE);

/** A row's id: a positive whole number (forms send decimal digits only, so "0x10" is not 16). */
export const rowId = (what: string) => {
  const message = `Unknown ${what}: reload the page.`;
  return z.number({ error: message }).int(message).positive(message).max(Number.MAX_SAFE_INTEGER, message);
};

/** A whole number in an address's query, in decimal digits only; anything else fails. */
export const decimalParam = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number);

/** How many of a list to show, from the address (domain/paging): `page` when absent or out of bounds. */
export const shownParam = (page: number) => decimalParam.pipe(z.number().min(1).max(MAX_SHOWN)).catch(page).default(page);
