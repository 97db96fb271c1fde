import { Suspense, useEffect, useState, type ReactNode } from 'react';

/**
 * Renders a chart only in the browser, after hydration, in a box of fixed height so nothing shifts:
 * recharts draws nothing useful on the server, and loading it lazily keeps it out of every page's first bundle.
 */
export function ClientOnlyChart({ height, label, children }: { height: number; label: string; children: () => ReactNode }) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const placeholder = <div className="chart-placeholder" style={{ height }} />;
  return (
    <figure className="chart" style={{ minHeight: height }} aria-label={label}>
      {hydrated ? <Suspense fallback={placeholder}>{children()}</Suspense> : placeholder}
    </figure>
  );
}
