import { Form, NavLink } from '@remix-run/react';
import type { ReactNode } from 'react';
import { can, ROLE_LABELS, type Role } from '~/domain/roles';

type ShellUser = { name: string; email: string; role: Role };

const NAV: { to: string; label: string; visible?: (role: Role) => boolean }[] = [
  { to: '/', label: 'Dashboard' },
  { to: '/partners', label: 'Partners' },
  { to: '/candidates', label: 'Candidates' },
  { to: '/updates', label: 'Weekly updates' },
  { to: '/requests', label: 'Blockers & requests' },
  { to: '/themes', label: 'Feedback' },
  { to: '/settings', label: 'Settings' },
  { to: '/users', label: 'Users', visible: (role) => can(role, 'manageUsers') },
  { to: '/audit', label: 'Audit', visible: (role) => can(role, 'readAudit') },
];

/** The signed-in frame: navigation, search, the unread count, who is signed in with which role, sign-out, and what the last write did. */
export function AppShell({ user, unread, flash, children }: { user: ShellUser; unread: number; flash: string | null; children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand">
          Strat Tracker
        </NavLink>
        <nav aria-label="Main">
          <ul>
            {NAV.filter((item) => item.visible?.(user.role) ?? true).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/'}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <Form method="get" action="/search" role="search" aria-label="Quick search" className="header-search">
          <label htmlFor="header-search" className="visually-hidden">
            Search customers and log entries
          </label>
          <input id="header-search" name="q" type="search" placeholder="Search" />
        </Form>
        <div className="whoami">
          <NavLink to="/notifications">
            Notifications
            {unread > 0 ? (
              <span className="unread-count">
                {unread > 99 ? '99+' : unread}
                <span className="visually-hidden"> unread</span>
              </span>
            ) : null}
          </NavLink>
          <span>
            <span className="whoami-name">{user.name}</span>{' '}
            <span className="role-badge" data-role={user.role}>
              {ROLE_LABELS[user.role]}
            </span>
          </span>
          <Form method="post" action="/logout">
            <button type="submit" className="button-quiet">
              Sign out
            </button>
          </Form>
        </div>
      </header>
      <main id="main">
        {flash ? (
          <p className="flash" role="status">
            {flash}
          </p>
        ) : null}
        {children}
      </main>
    </>
  );
}
