import { Link, NavLink, useLocation } from '@remix-run/react';
import type { Role } from '../../core/actor';
import { AccountMenu, MobileMenu, navLinkClass, sections } from './site-header-menus';
import { Button } from './ui/button';
import { cn } from './ui/cn';
import { focusRing } from './ui/focus';

interface HeaderProps {
  org: { slug: string; name: string };
  user: { name: string; email: string } | null;
  role: Role | null;
}

/**
 * The header of every public page of an organization: its name (to its home), its sections, and
 * *Sign in* or the person's menu (My bookings, My workshops, Sign out). On a phone the sections and
 * the menu move into a sheet.
 */
export function SiteHeader({ org, user, role }: HeaderProps) {
  const location = useLocation();
  const signInHref = `/login?redirectTo=${encodeURIComponent(location.pathname + location.search)}`;
  return (
    <header className="sticky top-0 z-40 border-b border-line bg-surface/95 backdrop-blur">
      <a
        href="#main"
        data-slot="skip-link"
        className="sr-only rounded-md bg-surface px-3 py-2 text-ink shadow-md focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-3 px-4 sm:px-6">
        <Link
          to={`/${org.slug}`}
          data-slot="brand"
          className={cn(
            'mr-2 flex min-w-0 items-center gap-2 rounded-md font-semibold text-ink no-underline',
            focusRing,
          )}
        >
          <span aria-hidden className="size-3 shrink-0 rounded-full bg-accent" />
          <span className="truncate">{org.name}</span>
        </Link>
        <nav aria-label={org.name} className="hidden items-center gap-1 md:flex">
          {sections(org.slug).map((section) => (
            <NavLink key={section.to} to={section.to} data-slot="nav-link" className={navLinkClass}>
              {section.label}
              {section.hint ? <span className="sr-only"> ({section.hint})</span> : null}
            </NavLink>
          ))}
        </nav>
        <div className="ml-auto hidden items-center gap-2 md:flex">
          {user ? (
            <AccountMenu org={org} user={user} role={role} />
          ) : (
            <Button asChild size="sm">
              <Link to={signInHref}>Sign in</Link>
            </Button>
          )}
        </div>
        <div className="ml-auto md:hidden">
          <MobileMenu org={org} user={user} role={role} signInHref={signInHref} />
        </div>
      </div>
    </header>
  );
}
