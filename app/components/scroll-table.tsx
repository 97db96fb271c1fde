import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways in its own box on a narrow screen, so that the page never does. The box is a named,
 * focusable region: keyboard users can scroll it too.
 */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table>{children}</table>
    </div>
  );
}
