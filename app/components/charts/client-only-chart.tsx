import { startTransition, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Renders a chart only in the browser, after hydration, in a box of fixed height so nothing shifts:
 * recharts draws nothing useful on the server, and loading it lazily keeps it out of every page's first bundle.
 * The chart is drawn once its box comes near the screen (a reader who never scrolls to it pays nothing for it), at
 * the box's measured width, in a transition: React draws it in slices between which the page answers input.
 */
export function ClientOnlyChart({ height, label, fallback, children }: {
  height: number;
  label: string;
  /** Shown until the chart is drawn; an empty box by default. */
  fallback?: ReactNode;
  children: (width: number) => ReactNode;
}) {
  const box = useRef<HTMLElement>(null);
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    const element = box.current!;
    const resize = new ResizeObserver(([entry]) => startTransition(() => setWidth(Math.floor(entry!.contentRect.width))));
    const near = new IntersectionObserver(
      ([entry]) => {
        if (!entry!.isIntersecting) return;
        near.disconnect();
        resize.observe(element);
      },
      { rootMargin: '200px' },
    );
    near.observe(element);
    return () => {
      near.disconnect();
      resize.disconnect();
    };
  }, []);
  const placeholder = fallback ?? <div className="chart-placeholder" style={{ height }} />;
  return (
    <figure ref={box} className="chart" style={{ minHeight: height }} aria-label={label}>
      {width ? <Suspense fallback={placeholder}>{children(width)}</Suspense> : placeholder}
    </figure>
  );
}
