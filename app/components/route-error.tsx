import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';
import { ArrowLeft } from 'lucide-react';
import { isLinkNotValid, LinkNotValid } from './link-not-valid';
import { Button } from './ui/button';

/**
 * What a page shows when its loader or action failed: the status and what went wrong, and the way
 * back. Each area (the site, the staff pages, a person's own pages) shows it inside its own frame.
 */
const STATUS_WORDS: Record<number, string> = {
  400: 'That request could not be read',
  401: 'Sign in first',
  403: 'Not allowed',
  404: 'Not found',
  409: 'That clashes with something else',
  413: 'Too large',
  422: 'Something in the form is wrong',
  429: 'Too many attempts',
  503: 'Temporarily unavailable',
};

/** The words for what went wrong, for the heading and the document's title alike. */
export function errorTitle(error: unknown): string {
  if (isRouteErrorResponse(error) && isLinkNotValid(error.data)) return error.data.title;
  // Single fetch leaves statusText empty: the words come from the status.
  return isRouteErrorResponse(error)
    ? (STATUS_WORDS[error.status] ?? error.statusText) || 'Something went wrong'
    : 'Something went wrong';
}

export function RouteError({ back }: { back: { to: string; label: string } }) {
  const error = useRouteError();
  // A secret link that does not work has its own page (app/secret-links.server.ts).
  if (isRouteErrorResponse(error) && isLinkNotValid(error.data)) return <LinkNotValid answer={error.data} />;
  const title = errorTitle(error);
  const detail = isRouteErrorResponse(error) && typeof error.data === 'string' ? error.data : null;
  const status = isRouteErrorResponse(error) ? error.status : null;
  return (
    <main className="mx-auto flex max-w-xl flex-col items-start gap-4 px-4 py-16 sm:px-6">
      {status ? <p className="text-sm font-semibold text-accent-text">Error {status}</p> : null}
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{title}</h1>
      {detail ? <p className="text-muted">{detail}</p> : null}
      <Button asChild variant="secondary">
        <Link to={back.to}>
          <ArrowLeft aria-hidden /> {back.label}
        </Link>
      </Button>
    </main>
  );
}
