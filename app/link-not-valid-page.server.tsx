import type { CSSProperties } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { accentPalette } from '../core/accent-color';
import type { Organization } from '../db/operations/accounts/organizations';
import { LinkNotValid, type SecretLink } from './components/link-not-valid';
import { focusRing } from './components/ui/focus';
import { cn } from './components/ui/cn';
import { LINK_NOT_VALID_STATUS, linkNotValidAnswer, SECRET_LINK_HEADERS } from './secret-links.server';
import styles from './styles.css?url';

/** True for a browser opening the address (it asks for HTML); calendar apps ask for anything or for text/calendar. */
export function wantsPage(request: Request): boolean {
  return (request.headers.get('accept') ?? '').includes('text/html');
}

/**
 * The not-valid page of a secret link that is not a page of the app (the calendar feed, a resource
 * route the router renders nothing for), as a whole document: the site's stylesheet, the
 * organization's name and accent colour, and the same words as the pages' not-valid answer. It needs
 * no script, so nothing here asks for the CSP nonce.
 */
export function linkNotValidPage(link: SecretLink, org: Pick<Organization, 'slug' | 'name' | 'settings'> | undefined) {
  const palette = org ? accentPalette(org.settings.accentColor ?? org.settings.brandColor) : undefined;
  const accent = palette
    ? ({
        '--accent': palette.accent,
        '--accent-foreground': palette.accentForeground,
        '--accent-text': palette.accentText,
      } as CSSProperties)
    : undefined;
  const answer = linkNotValidAnswer(link, org);
  const html = renderToStaticMarkup(
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${answer.title} — Infra24`}</title>
        <link rel="stylesheet" href={styles} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body style={accent} className="bg-canvas font-sans text-ink antialiased">
        {org ? (
          <header className="border-b border-line bg-surface">
            <div className="mx-auto flex h-14 max-w-6xl items-center gap-3 px-4 sm:px-6">
              <a
                href={`/${org.slug}`}
                className={cn(
                  'flex min-w-0 items-center gap-2 rounded-md font-semibold text-ink no-underline',
                  focusRing,
                )}
              >
                <span aria-hidden className="size-3 shrink-0 rounded-full bg-accent" />
                <span className="truncate">{org.name}</span>
              </a>
            </div>
          </header>
        ) : null}
        <LinkNotValid answer={answer} />
      </body>
    </html>,
  );
  return new Response(`<!DOCTYPE html>${html}`, {
    status: LINK_NOT_VALID_STATUS,
    headers: { ...SECRET_LINK_HEADERS, 'Content-Type': 'text/html; charset=utf-8' },
  });
}
