import type { LoaderFunctionArgs } from '@remix-run/node';
import { Outlet, useMatches, useParams, useRouteLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { accentPalette } from '../../core/accent-color';
import { getUser } from '../auth-session.server';
import { membershipOf, organizationOf } from '../guards.server';
import { RouteError } from '../components/route-error';
import { SiteHeader } from '../components/site-header';

/**
 * Every page of an organization: the organization (name, accent colour) and who is signed in, for the
 * public header (components/site-header.tsx). Staff pages ($org.admin) keep their own header.
 */
export async function loader(args: LoaderFunctionArgs) {
  const [org, user] = await Promise.all([organizationOf(args), getUser(args.request, args.context)]);
  if (!org) throw new Response('No such organization', { status: 404 });
  const membership = user ? await membershipOf(args, user) : undefined;
  return {
    org: {
      slug: org.slug,
      name: org.name,
      accent: accentPalette(org.settings.accentColor ?? org.settings.brandColor),
    },
    user: user ? { name: user.name, email: user.email } : null,
    role: membership?.role ?? null,
  };
}

export type OrganizationFrame = Awaited<ReturnType<typeof loader>>;

/** The loader data of this layout, for pages and components below it. */
export function useOrganizationFrame(): OrganizationFrame | undefined {
  return useRouteLoaderData<typeof loader>('routes/$org');
}

function isStaffPage(matches: ReturnType<typeof useMatches>): boolean {
  return matches.some((match) => match.id.startsWith('routes/$org.admin'));
}

function PublicFrame({ frame, children }: { frame: OrganizationFrame; children: ReactNode }) {
  return (
    <>
      <SiteHeader org={frame.org} user={frame.user} role={frame.role} />
      <div id="main" tabIndex={-1} className="outline-none">
        {children}
      </div>
    </>
  );
}

export default function OrganizationLayout() {
  const frame = useOrganizationFrame()!;
  const matches = useMatches();
  if (isStaffPage(matches)) return <Outlet />;
  return (
    <PublicFrame frame={frame}>
      <Outlet />
    </PublicFrame>
  );
}

/**
 * A page of the organization that failed (not found, members only, …) keeps the organization's
 * header, so the way back is right there; an unknown organization stands alone.
 */
export function ErrorBoundary() {
  const frame = useOrganizationFrame();
  const { org } = useParams();
  if (!frame) return <RouteError back={{ to: '/', label: 'All organizations' }} />;
  return (
    <PublicFrame frame={frame}>
      <RouteError back={{ to: `/${org}`, label: `Back to ${frame.org.name}` }} />
    </PublicFrame>
  );
}
