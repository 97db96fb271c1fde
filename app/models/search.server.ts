import { sql } from 'kysely';
import { MARK_END, MARK_START } from '~/domain/search-marks';
import type { Executor } from './db.server';

const RESULTS = 20;
const HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`;

// A LIKE pattern matching the text itself: its own %, _ and \ escaped.
const literal = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/**
 * Customers whose name or slug contains `q` (any case, every stage; names beginning with it first), and log entries
 * matching its words by full-text search (`websearch_to_tsquery`, so quotes and operators are words, never syntax),
 * best first, each with an excerpt whose matched words are marked (see search-marks).
 */
export async function search(db: Executor, q: string) {
  const pattern = `%${literal(q)}%`;
  const [customers, entries] = await Promise.all([
    db
      .selectFrom('customers')
      .select(['slug', 'name', 'stage'])
      .where((eb) => eb.or([eb('name', 'ilike', pattern), eb('slug', 'ilike', pattern)]))
      .orderBy(sql`name ilike ${`${literal(q)}%`}`, 'desc')
      .orderBy('name')
      .limit(RESULTS)
      .execute(),
    sql<{ id: number; customer: string; customer_name: string; kind: string; occurred_on: string; excerpt: string }>`
      select entry.id, customer.slug as customer, customer.name as customer_name, entry.kind, entry.occurred_on,
             ts_headline('english', translate(entry.body, ${MARK_START + MARK_END}, ''), query.words, ${HEADLINE}) as excerpt
      from websearch_to_tsquery('english', ${q}) as query(words)
      join progress_entries entry on entry.search_vector @@ query.words
      join customers customer on customer.id = entry.customer_id
      order by ts_rank(entry.search_vector, query.words) desc, entry.occurred_on desc, entry.id desc
      limit ${RESULTS}`.execute(db),
  ]);
  return { customers, entries: entries.rows };
}
