import { AsyncLocalStorage } from 'node:async_hooks';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

type Timings = { started: Map<unknown, number>; queries: [number, number][] };

const current = new AsyncLocalStorage<Timings>();

/**
 * How long at least one of these intervals was running: the time a page spent waiting on its database, however its
 * queries overlapped (they run side by side on a server pool).
 */
export function wallTime(intervals: [number, number][]): number {
  let total = 0;
  let reached = -Infinity;
  for (const [start, end] of [...intervals].sort((a, b) => a[0] - b[0])) {
    if (end > reached) total += end - Math.max(start, reached);
    reached = Math.max(reached, end);
  }
  return total;
}

/** Times every query of the request it runs in (a query outside a timed request costs one look-up). */
export const queryTimingPlugin: KyselyPlugin = {
  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    current.getStore()?.started.set(queryId, performance.now());
    return node;
  },
  async transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const timings = current.getStore();
    const started = timings?.started.get(queryId);
    if (timings && started !== undefined) {
      timings.queries.push([started, performance.now()]);
      timings.started.delete(queryId);
    }
    return result;
  },
};

/**
 * Runs a request's work, then says how its time went as a Server-Timing header value: the database's wall time
 * (`db`) and the rest (`app`: loaders' own work and the render), so that a slow page shows where it is slow.
 */
export async function timeRequest<T>(work: () => Promise<T>): Promise<{ result: T; serverTiming: string }> {
  const timings: Timings = { started: new Map(), queries: [] };
  const start = performance.now();
  const result = await current.run(timings, work);
  const total = performance.now() - start;
  const db = wallTime(timings.queries);
  return { result, serverTiming: `db;dur=${db.toFixed(1)}, app;dur=${(total - db).toFixed(1)}` };
}
