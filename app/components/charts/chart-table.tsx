import type { ReactNode } from 'react';
import { ScrollTable } from '~/components/scroll-table';

/** A chart's data as a table, for screen readers, keyboards and readers without JavaScript; `children` follow it. */
export function ChartTable({ caption, columns, rows, children }: { caption: string; columns: string[]; rows: (string | number)[][]; children?: ReactNode }) {
  return (
    <details className="chart-table">
      <summary>{`${caption}: the data as a table`}</summary>
      <ScrollTable label={caption}>
        <caption className="notice">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={column} scope="col" className={index === 0 ? undefined : 'number'}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={String(row[0])}>
              {row.map((cell, index) => (index === 0 ? <th key={index} scope="row">{cell}</th> : <td key={index} className="number">{cell}</td>))}
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      {children}
    </details>
  );
}
