import { Form, Link, NavLink, useSubmit } from '@remix-run/react';
import { LogOut, Menu } from 'lucide-react';
import type { Role } from '../../core/actor';
import { accountLinks, navLinkClass, sections } from './site-header';
import { Avatar } from './ui/avatar';
import { Button } from './ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from './ui/dropdown-menu';
import { Sheet, SheetClose, SheetContent, SheetHeader, SheetTitle, SheetTrigger } from './ui/sheet';

/**
 * The header's menus (Radix dropdown and sheet): loaded after hydration by site-header.tsx, so a
 * public page's first bytes do not carry them; until then the header shows inert look-alikes.
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
  return (
    <Sheet>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" aria-label="Menu">
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
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" className="h-10 gap-2 px-2">
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
