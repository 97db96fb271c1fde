export type TestDatabaseConfig = { kind: 'pglite'; dumpFile: string } | { kind: 'postgres'; serverUrl: string };

export const TEMPLATE_DATABASE = 'strat_test_template';

/** The URL of another database on the same PostgreSQL server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
