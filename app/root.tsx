import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData, type ShouldRevalidateFunction } from '@remix-run/react';
import type { ReactNode } from 'react';
import { getUser } from '~/auth/guards.server';
import { AppShell } from '~/components/app-shell';
import { ErrorPage } from '~/components/error-page';
import { useNonce } from '~/components/nonce';
import { takeFlash } from '~/http/flash.server';
import { countUnread } from '~/models/notifications.server';
import type { PageHandle } from '~/http/page-cache.server';
import stylesheet from '~/styles/app.css';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export const meta: MetaFunction = () => [{ title: 'Strat Tracker' }];

// The shell shows the signed-in user, their unread notifications, and a message from the write just made (its cookie keeps such a page out of
// the page cache).
export const handle: PageHandle = { reusablePage: true };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const flash = await takeFlash(request, context);
  const user = await getUser(request, context);
  const unread = user ? await countUnread(context.db, user.id) : 0;
  return json({ user, unread, flash: flash.message }, { headers: flash.headers });
}

// The message after a write belongs to the page it landed on: the root's data, which carries it, is loaded again at
// every navigation (one light request: the session and the message), so the message leaves with its page.
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  defaultShouldRevalidate || currentUrl.href !== nextUrl.href;

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>('root');
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="description" content="Strat Tracker: the Cody Strategic team's partners, candidates, success metrics and weekly updates." />
        <Meta />
        <Links />
      </head>
      <body>
        {data?.user ? <AppShell user={data.user} unread={data.unread} flash={data.flash}>{children}</AppShell> : <main id="main">{children}</main>}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export const ErrorBoundary = ErrorPage;
