// First: configures zod before any route module builds a schema.
import './zod-in-browser';
import { data, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from '@remix-run/react';
import { type CSSProperties, lazy, type ReactNode, Suspense } from 'react';
import { useHydrated } from './components/forms/use-hydrated';
import { RouteError } from './components/route-error';
import { useCspNonce } from './csp-nonce';
import { takeFlash } from './flash.server';
import type { loader as organizationLoader } from './routes/$org';
import styles from './styles.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

/** Every page: the message an action left for it after its redirect (app/flash.server.ts), spent here. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { flash, headers } = await takeFlash(request, context);
  return data({ flash }, { headers });
}

// Toasts (sonner) load after hydration, so no page carries them in its first bytes.
const Toasts = lazy(() => import('./components/flash-toast'));

/** An organization's pages wear its accent colour: the CSS variables of app/styles.css, set on <body>. */
function useAccentStyle(): CSSProperties | undefined {
  const organization = useRouteLoaderData<typeof organizationLoader>('routes/$org');
  const palette = organization?.org.accent;
  return palette
    ? ({
        '--accent': palette.accent,
        '--accent-foreground': palette.accentForeground,
        '--accent-text': palette.accentText,
      } as CSSProperties)
    : undefined;
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useCspNonce();
  const root = useRouteLoaderData<typeof loader>('root');
  const hydrated = useHydrated();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body style={useAccentStyle()} className="bg-canvas font-sans text-ink antialiased">
        {children}
        {hydrated ? (
          <Suspense fallback={null}>
            <Toasts flash={root?.flash ?? null} />
          </Suspense>
        ) : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <RouteError back={{ to: '/', label: 'Back to Infra24' }} />;
}
