import { isRouteErrorResponse, useRouteError } from '@remix-run/react';

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
  // Single fetch leaves statusText empty: the words come from the status.
  return isRouteErrorResponse(error)
    ? (STATUS_WORDS[error.status] ?? error.statusText) || 'Something went wrong'
    : 'Something went wrong';
}

export function RouteError({ back }: { back: { to: string; label: string } }) {
  const error = useRouteError();
  const title = errorTitle(error);
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
