import { Form, Link, NavLink, useSubmit } from '@remix-run/react';
import { CalendarCheck, LogOut, Menu, Shield, Ticket } from 'lucide-react';
import { useState } from 'react';
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
import { Sheet, SheetContent, SheetHeader, SheetTitle, SheetTrigger } from './ui/sheet';

/** The organization's sections, in the header and in the phone's sheet. */
export function sections(slug: string) {
  return [
    { to: `/${slug}/workshops`, label: 'Workshops' },
    { to: `/${slug}/studio-visits`, label: 'Studio visits' },
    { to: `/${slug}/equipment`, label: 'Equipment', hint: 'for members' },
  ];
}

/** The signed-in person's own pages (and the staff pages for staff), in their menu. */
export function accountLinks(slug: string, role: Role | null) {
  return [
    { to: `/${slug}/dashboard/bookings`, label: 'My bookings', icon: CalendarCheck },
    { to: `/${slug}/dashboard/workshops`, label: 'My workshops', icon: Ticket },
    ...(role === 'staff' || role === 'admin'
      ? [{ to: `/${slug}/admin/calendar`, label: 'Staff pages', icon: Shield }]
      : []),
  ];
}

/** A section link's look; NavLink passes whether it is the current page. */
export const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  cn(
    'rounded-md px-3 py-2 text-sm font-medium no-underline hover:bg-subtle',
    isActive ? 'text-ink bg-subtle' : 'text-muted hover:text-ink',
    focusRing,
  );

/**
 * The header's menus: the phone's sheet (a native dialog) and the person's menu (also in the staff
 * header). Both are light (no positioning or focus-trap library), since every public page carries
 * them; their buttons wait for the page's script (useHydrated), as every control that needs it does.
 */
export function MobileMenu({
  org,
  user,
  role,
  signInHref,
}: {
  org: { slug: string; name: string };
  user: { name: string; email: string } | null;
  role: Role | null;
  signInHref: string;
}) {
  const hydrated = useHydrated();
  // Held here so each link closes the sheet as it navigates (a NavLink's class is a function, which a
  // lent-props wrapper would turn into text).
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" aria-label="Menu" disabled={!hydrated}>
          <Menu aria-hidden />
        </Button>
      </SheetTrigger>
      <SheetContent side="right" aria-describedby={undefined}>
        <SheetHeader>
          <SheetTitle>{org.name}</SheetTitle>
        </SheetHeader>
        <nav aria-label={org.name} className="flex flex-col gap-1">
          <NavLink to={`/${org.slug}`} end data-slot="nav-link" className={navLinkClass} onClick={close}>
            Home
          </NavLink>
          {sections(org.slug).map((section) => (
            <NavLink key={section.to} to={section.to} data-slot="nav-link" className={navLinkClass} onClick={close}>
              {section.label}
              {section.hint ? <span className="text-xs text-muted"> · {section.hint}</span> : null}
            </NavLink>
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
                <NavLink key={item.to} to={item.to} data-slot="nav-link" className={navLinkClass} onClick={close}>
                  {item.label}
                </NavLink>
              ))}
              <Form method="post" action="/logout" className="px-1 pt-2" onSubmit={close}>
                <Button type="submit" variant="secondary" className="w-full">
                  <LogOut aria-hidden /> Sign out
                </Button>
              </Form>
            </div>
          ) : (
            <Button asChild className="w-full">
              <Link to={signInHref} onClick={close}>
                Sign in
              </Link>
            </Button>
          )}
        </div>
      </SheetContent>
    </Sheet>
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
