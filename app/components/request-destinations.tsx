import { Link } from '@remix-run/react';
import { describeRouting } from '~/domain/progress';
import { countOf } from '~/domain/format';

export type RequestDestination = { routed_to: string | null; requests: number };

/** Where open requests went (null: kept by the team), in words. */
export function destinationLabel(routedTo: string | null): string {
  return routedTo === null ? 'kept by the team' : describeRouting(routedTo);
}

/** The open requests counted by destination, each a link to them on /requests. */
export function RequestDestinations({ destinations }: { destinations: RequestDestination[] }) {
  if (destinations.length === 0) return <p className="notice">No open requests.</p>;
  return (
    <ul>
      {destinations.map((row) => (
        <li key={row.routed_to ?? 'none'}>
          <Link to={`/requests?kind=request&routedTo=${encodeURIComponent(row.routed_to ?? 'none')}`}>
            {`${countOf(row.requests, 'request')} ${row.routed_to === null ? '' : 'routed to '}${destinationLabel(row.routed_to)}`}
          </Link>
        </li>
      ))}
    </ul>
  );
}
