import { isRouteErrorResponse, useRouteError } from '@remix-run/react';

/**
 * What a page shows when its loader or action failed: the status and what went wrong, and the way
 * back. Each area (the site, the staff pages, a person's own pages) shows it inside its own frame.
 */
export function RouteError({ back }: { back: { to: string; label: string } }) {
  const error = useRouteError();
  const title = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : 'Something went wrong';
  const detail = isRouteErrorResponse(error) && typeof error.data === 'string' ? error.data : null;
  return (
    <main className="page">
      <h1>{title}</h1>
      {detail ? <p>{detail}</p> : null}
      <p>
        <a href={back.to}>{back.label}</a>
      </p>
    </main>
  );
}
