import { Link } from '@remix-run/react';
import { nextShown } from '~/domain/paging';

type Filter = Record<string, string | number | undefined>;

/** A link to the same filtered list with more of it shown (its search parameter `count`, `shown` unless told), in place. */
export function ShowMoreLink({ filter, count = 'shown', children }: { filter: Filter; count?: string; children: string }) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) if (value !== undefined) params.set(name, String(value));
  params.set(count, String(nextShown(Number(filter[count]))));
  return (
    <p>
      <Link to={`?${params}`} preventScrollReset>
        {children}
      </Link>
    </p>
  );
}
