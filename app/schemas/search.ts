import { z } from './zod';

export const SEARCH_MIN = 2;
export const SEARCH_MAX = 100;
const TOO_SHORT = `Type at least ${SEARCH_MIN} characters: part of a customer's name or slug, or words from the log.`;

/** `q` of the search page and `GET /api/v1/search`: trimmed, 2–100 characters. */
export const SearchQuerySchema = z.object({
  q: z
    .string({ error: TOO_SHORT })
    .trim()
    .min(SEARCH_MIN, TOO_SHORT)
    .max(SEARCH_MAX, `Search with at most ${SEARCH_MAX} characters.`),
});
