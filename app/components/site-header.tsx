import { Form, Link, NavLink, useLocation, useSubmit } from '@remix-run/react';
import { CalendarCheck, LogOut, Menu, Shield, Ticket } from 'lucide-react';
import type { Role } from '../../core/actor';
import { useHydrated } from './forms/use-hydrated';
import { Avatar } from './ui/avatar';
import { Button } from './ui/button';
import { cn } from './ui/cn';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from './ui/dropdown-menu';
import { focusRing } from './ui/focus';
import { Sheet, SheetClose, SheetContent, SheetHeader, SheetTitle, SheetTrigger } from './ui/sheet';

interface HeaderProps {
  org: { slug: string; name: string };
  user: { name: string; email: string } | null;
  role: Role | null;
}

function sections(slug: string) {
  return [
    { to: `/${slug}/workshops`, label: 'Workshops' },
    { to: `/${slug}/studio-visits`, label: 'Studio visits' },
    { to: `/${slug}/equipment`, label: 'Equipment', hint: 'for members' },
  ];
}

function accountLinks(slug: string, role: Role | null) {
  return [
    { to: `/${slug}/dashboard/bookings`, label: 'My bookings', icon: CalendarCheck },
    { to: `/${slug}/dashboard/workshops`, label: 'My workshops', icon: Ticket },
    ...(role === 'staff' || role === 'admin'
      ? [{ to: `/${slug}/admin/calendar`, label: 'Staff pages', icon: Shield }]
      : []),
  ];
}

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  cn(
    'rounded-md px-3 py-2 text-sm font-medium no-underline hover:bg-subtle',
    isActive ? 'text-ink bg-subtle' : 'text-muted hover:text-ink',
    focusRing,
  );

/**
 * The header of every public page of an organization: its name (to its home), its sections, and
 * *Sign in* or the person's menu (My bookings, My workshops, Sign out). On a phone the sections and
 * the menu move into a sheet.
 */
export function SiteHeader({ org, user, role }: HeaderProps) {
  const location = useLocation();
  const hydrated = useHydrated();
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
          <Sheet>
            <SheetTrigger asChild>
              <Button variant="ghost" size="icon" disabled={!hydrated} aria-label="Menu">
                <Menu aria-hidden />
              </Button>
            </SheetTrigger>
            <SheetContent side="right" aria-describedby={undefined}>
              <SheetHeader>
                <SheetTitle>{org.name}</SheetTitle>
              </SheetHeader>
              <nav aria-label={org.name} className="flex flex-col gap-1">
                <SheetClose asChild>
                  <NavLink to={`/${org.slug}`} end data-slot="nav-link" className={navLinkClass}>
                    Home
                  </NavLink>
                </SheetClose>
                {sections(org.slug).map((section) => (
                  <SheetClose asChild key={section.to}>
                    <NavLink to={section.to} data-slot="nav-link" className={navLinkClass}>
                      {section.label}
                      {section.hint ? <span className="text-xs text-muted"> · {section.hint}</span> : null}
                    </NavLink>
                  </SheetClose>
                ))}
              </nav>
              <div className="border-t border-line pt-4">
                {user ? (
                  <div className="flex flex-col gap-1">
                    <p className="flex items-center gap-2 px-3 pb-2 text-sm">
                      <Avatar name={user.name} />
                      <span className="min-w-0">
                        <span className="block truncate font-medium">{user.name}</span>
                        <span className="block truncate text-muted">{user.email}</span>
                      </span>
                    </p>
                    {accountLinks(org.slug, role).map((item) => (
                      <SheetClose asChild key={item.to}>
                        <NavLink to={item.to} data-slot="nav-link" className={navLinkClass}>
                          {item.label}
                        </NavLink>
                      </SheetClose>
                    ))}
                    <Form method="post" action="/logout" className="px-1 pt-2">
                      <Button type="submit" variant="secondary" className="w-full">
                        <LogOut aria-hidden /> Sign out
                      </Button>
                    </Form>
                  </div>
                ) : (
                  <Button asChild className="w-full">
                    <Link to={signInHref}>Sign in</Link>
                  </Button>
                )}
              </div>
            </SheetContent>
          </Sheet>
        </div>
      </div>
    </header>
  );
}

/** The signed-in person's name, opening My bookings, My workshops (Staff pages) and Sign out. */
export function AccountMenu({
  org,
  user,
  role,
}: {
  org: { slug: string };
  user: { name: string; email: string };
  role: Role | null;
}) {
  const submit = useSubmit();
  const hydrated = useHydrated();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" className="h-10 gap-2 px-2" disabled={!hydrated}>
          <Avatar name={user.name} className="size-7" />
          <span className="max-w-40 truncate">{user.name}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuLabel>
          Signed in as <span className="block truncate font-medium text-ink">{user.email}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        {accountLinks(org.slug, role).map((item) => (
          <DropdownMenuItem key={item.to} asChild>
            <Link to={item.to}>
              <item.icon aria-hidden /> {item.label}
            </Link>
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => submit(null, { method: 'post', action: '/logout' })}>
          <LogOut aria-hidden /> Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
